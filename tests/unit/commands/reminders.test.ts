// Reminder commands return typed errors, never `false`: locked, invalid settings, not a dose, the
// vault's refusal, the journal's refusal of a dose, and the push and feed commands' failures (the
// browser's, the server's) as data; each write is one commit, a refused one commits nothing.
import { describe, expect, it } from 'vitest';
import {
	createReminderCommands,
	createReminderWrites,
	type PushSubscribeError
} from '$lib/commands/reminders';
import type { RecordOp } from '$lib/domain/records';
import { DEFAULT_REMINDER_SETTINGS, type ReminderOccurrence } from '$lib/domain/reminders';
import { err, ok, type Result } from '$lib/domain/result';
import type { ReminderHttp, ReminderHttpError } from '$lib/sync/reminders-http';
import { mint } from '../reminders/factories';

const AT = Date.UTC(2026, 2, 2, 8);
const dose: ReminderOccurrence = {
	opaqueId: 'op',
	kind: 'medication',
	sourceRef: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:2026-03-02T08:00',
	dueAt: AT,
	fireAt: AT
};

function writesWith(commitResult: 'ok' | 'conflict' | 'locked') {
	const commits: (readonly RecordOp[])[] = [];
	const writes = createReminderWrites({
		commit: () =>
			commitResult === 'locked'
				? null
				: (ops) => {
						commits.push(ops);
						return Promise.resolve(
							commitResult === 'ok'
								? ok(null)
								: err({ type: 'conflict' as const, id: 'x', current: null })
						);
					},
		logDose: () => Promise.resolve(err({ type: 'locked' as const })),
		now: () => AT,
		newKey: () => 'k'.repeat(43)
	});
	return { commits, writes };
}

describe('reminder writes', () => {
	it('commits settings once, in category settings, and refuses invalid ones', async () => {
		const { commits, writes } = writesWith('ok');
		expect(await writes.saveSettings(DEFAULT_REMINDER_SETTINGS, true)).toEqual(ok(null));
		expect(commits).toHaveLength(1);
		expect(commits[0]?.[0]).toMatchObject({ type: 'put', category: 'settings', at: AT });
		// Quiet hours that start when they end are refused by the schema (an empty window).
		const broken = { ...DEFAULT_REMINDER_SETTINGS, quietHours: { start: '22:00', end: '22:00' } };
		expect(await writes.saveSettings(broken, true)).toEqual(err({ type: 'invalid' }));
		expect(commits).toHaveLength(1);
	});

	it('says why a write did not happen', async () => {
		expect(await writesWith('locked').writes.markSeen()).toEqual(err({ type: 'locked' }));
		expect(await writesWith('conflict').writes.snooze(dose, AT + 600_000)).toEqual(
			err({ type: 'commit', error: { type: 'conflict', id: 'x', current: null } })
		);
		const { writes } = writesWith('ok');
		expect(await writes.taken({ ...dose, kind: 'goal-check-in' }, AT)).toEqual(
			err({ type: 'not-a-dose' })
		);
		expect(await writes.taken(dose, AT)).toEqual(err({ type: 'dose', error: { type: 'locked' } }));
	});

	it('snoozes by the domain’s rule in one commit, and not before the key is loaded', async () => {
		const { commits, writes } = writesWith('ok');
		expect(await writes.snoozeFor(dose, { type: '10-minutes' }, null)).toEqual(
			err({ type: 'locked' })
		);
		expect(commits).toHaveLength(0);
		expect(await writes.snoozeFor(dose, { type: '10-minutes' }, mint)).toEqual(ok(null));
		expect(commits).toHaveLength(1);
		expect(commits[0]?.[0]).toMatchObject({
			type: 'put',
			kind: 'reminder-snooze',
			body: { sourceRef: dose.sourceRef, dueAt: AT, fireAt: AT + 10 * 60_000 }
		});
	});

	it('makes the opaque-id key from the injected source of randomness', async () => {
		const { commits, writes } = writesWith('ok');
		expect(await writes.createKey()).toEqual(ok(null));
		expect(commits[0]?.[0]).toMatchObject({ kind: 'reminder-key', body: { key: 'k'.repeat(43) } });
	});
});

describe('reminder server commands', () => {
	const fail = (error: ReminderHttpError) => Promise.resolve(err(error));
	const http = (failure: ReminderHttpError | null): ReminderHttp => ({
		pushStatus: () => Promise.resolve('signed-in'),
		vapidKey: () => Promise.resolve(ok('key')),
		subscribe: () => Promise.resolve(ok(null)),
		unsubscribe: () => Promise.resolve(ok(null)),
		uploadSchedule: () => Promise.resolve(ok(null)),
		sendTest: () => (failure === null ? Promise.resolve(ok(null)) : fail(failure)),
		createFeed: () => (failure === null ? Promise.resolve(ok('t'.repeat(22))) : fail(failure)),
		publishFeed: () => Promise.resolve(ok(null)),
		revokeFeed: () => (failure === null ? Promise.resolve(ok(null)) : fail(failure))
	});

	function commands(
		subscribed: Result<null, PushSubscribeError>,
		failure: ReminderHttpError | null = null
	) {
		const calls: string[] = [];
		const made = createReminderCommands({
			http: http(failure),
			push: {
				subscribe: () => Promise.resolve(subscribed),
				unsubscribe: () => Promise.resolve(null)
			},
			locale: () => 'en',
			now: () => AT,
			mint: () => mint,
			refreshPush: () => {
				calls.push('refresh');
				return Promise.resolve();
			},
			uploads: {
				uploadNow: () => {
					calls.push('upload');
					return Promise.resolve();
				},
				forgetSchedule: () => calls.push('forget-schedule'),
				forgetFeed: () => calls.push('forget-feed')
			},
			feedEvents: () => [],
			feedRecordId: () => undefined,
			writes: {
				saveFeedToken: () => {
					calls.push('save');
					return Promise.resolve(ok(null));
				},
				forgetFeedToken: () => Promise.resolve(ok(null))
			}
		});
		return { commands: made, calls };
	}

	it('subscribes, then sends the schedule again even if unchanged', async () => {
		const { commands: c, calls } = commands(ok(null));
		expect(await c.subscribePush()).toEqual(ok(null));
		expect(calls).toEqual(['forget-schedule', 'refresh', 'upload']);
	});

	it('says why push could not be turned on, as data', async () => {
		const denied = commands(err('permission-denied'));
		expect(await denied.commands.subscribePush()).toEqual(err({ type: 'permission-denied' }));
		// The browser's answer changed what Settings shows: read again, upload nothing.
		expect(denied.calls).toEqual(['refresh']);
		const unsupported = commands(err('unsupported'));
		expect(await unsupported.commands.subscribePush()).toEqual(err({ type: 'unsupported' }));
		expect(unsupported.calls).toEqual([]);
		expect(await commands(err('no-account')).commands.subscribePush()).toEqual(
			err({ type: 'no-account' })
		);
	});

	it('puts the server’s refusals in the same union, and saves no feed token then', async () => {
		for (const failure of ['offline', 'server', 'no-account'] as const) {
			const { commands: c, calls } = commands(ok(null), failure);
			expect(await c.sendTest()).toEqual(err({ type: failure }));
			expect(await c.createFeed()).toEqual(err({ type: failure }));
			expect(await c.revokeFeed()).toEqual(err({ type: failure }));
			expect(calls).toEqual([]);
		}
	});
});
