// The reminders' commands as the app binds them (state/reminder-commands.ts): writes go to the
// open vault's commit and are refused as `locked` without it; the manager's writes read what is
// stored at the moment of the call (the "seen until" record, the settings record and the calendar
// details), not when the commands were bound; "taken" goes through the journal's dose command; the
// Settings commands reach the server through the reminders' HTTP port.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordOp } from '$lib/domain/records';
import { DEFAULT_REMINDER_SETTINGS, type ReminderOccurrence } from '$lib/domain/reminders';
import { readStoredReminders, SEEN_KIND, SETTINGS_KIND } from '$lib/domain/reminders/stored';
import { err, ok } from '$lib/domain/result';
import type { DoseInput } from '$lib/domain/journal/entries';
import type { ReminderHttp } from '$lib/sync/reminders-http';
import { mint } from './factories';

const fake = vi.hoisted(() => {
	const state: {
		status: 'locked' | 'unlocked';
		commits: (readonly RecordOp[])[];
		doses: DoseInput[];
	} = { status: 'locked', commits: [], doses: [] };
	return state;
});

vi.mock('$lib/state/vault.svelte', () => ({
	vault: {
		get status() {
			return fake.status;
		},
		vault: () => ({
			commit: (ops: readonly RecordOp[]) => {
				fake.commits.push(ops);
				return Promise.resolve({ ok: true, value: [] });
			}
		})
	}
}));
vi.mock('$lib/state/journal.svelte', () => ({
	journalCommands: {
		logDose: (input: DoseInput) => {
			fake.doses.push(input);
			return Promise.resolve({ ok: true, value: null });
		}
	}
}));
const { bindReminderCommands } = await import('$lib/state/reminder-commands');

const AT = Date.UTC(2026, 2, 2, 8);
const dose: ReminderOccurrence = {
	opaqueId: 'op',
	kind: 'medication',
	sourceRef: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:2026-03-02T08:00',
	dueAt: AT,
	fireAt: AT
};

function bind(stored = readStoredReminders([])) {
	const sent: string[] = [];
	const done = () => Promise.resolve(ok(null));
	const http: ReminderHttp = {
		pushStatus: () => Promise.resolve('signed-in'),
		vapidKey: () => Promise.resolve(ok('key')),
		subscribe: done,
		unsubscribe: done,
		uploadSchedule: done,
		sendTest: (opaqueId) => {
			sent.push(opaqueId);
			return done();
		},
		createFeed: () => Promise.resolve(ok('t'.repeat(22))),
		publishFeed: done,
		revokeFeed: done
	};
	const current = { stored };
	const { commands } = bindReminderCommands({
		http,
		now: () => AT,
		mint: () => mint,
		stored: () => current.stored,
		refreshPush: () => Promise.resolve(),
		uploads: { uploadNow: () => Promise.resolve(), forgetSchedule: () => {}, forgetFeed: () => {} },
		feedEvents: () => []
	});
	return { commands, current, sent };
}

beforeEach(() => {
	fake.status = 'locked';
	fake.commits = [];
	fake.doses = [];
});

describe('reminder commands bound to the app', () => {
	it('refuses every write while the vault is locked, and commits nothing', async () => {
		const { commands } = bind();
		expect(await commands.dismissMissed()).toEqual(err({ type: 'locked' }));
		expect(await commands.saveSettings(DEFAULT_REMINDER_SETTINGS)).toEqual(err({ type: 'locked' }));
		expect(fake.commits).toEqual([]);
	});

	it('reads the stored records at the moment of the call', async () => {
		fake.status = 'unlocked';
		const { commands, current } = bind();
		expect(await commands.dismissMissed()).toEqual(ok(null));
		current.stored = {
			...current.stored,
			seenId: 'seen-1',
			settingsId: 'set-1',
			calendarDetails: true
		};
		expect(await commands.dismissMissed()).toEqual(ok(null));
		expect(await commands.saveSettings(DEFAULT_REMINDER_SETTINGS)).toEqual(ok(null));
		const ops = fake.commits.map((c) => c[0]);
		expect(ops).toHaveLength(3);
		expect(ops[0]).toMatchObject({ kind: SEEN_KIND, body: { until: AT } });
		expect(ops[0]).not.toHaveProperty('id');
		expect(ops[1]).toMatchObject({ id: 'seen-1', kind: SEEN_KIND });
		expect(ops[2]).toMatchObject({
			id: 'set-1',
			kind: SETTINGS_KIND,
			category: 'settings',
			body: { settings: DEFAULT_REMINDER_SETTINGS, calendarDetails: true }
		});
	});

	it('logs "taken" through the journal, and asks the server for a test push by opaque id', async () => {
		fake.status = 'unlocked';
		const { commands, sent } = bind();
		expect(await commands.taken({ occurrence: dose, label: 'Doliprane', state: 'due' })).toEqual(
			ok(null)
		);
		expect(fake.doses).toHaveLength(1);
		expect(fake.doses[0]).toMatchObject({ takenAt: AT });
		expect(fake.commits).toEqual([]);
		expect(await commands.sendTest()).toEqual(ok(null));
		expect(sent).toEqual([mint({ kind: 'medication', sourceRef: 'test-reminder', fireAt: AT })]);
	});
});
