// The uploads under fake timers: debounced after the last change, sent only when changed since the
// last accepted upload, re-sent after a failure, nothing while locked, and the push commands'
// order (subscribe, then the schedule is sent even if unchanged).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushOccurrence } from '$lib/contracts/push';
import type { CalendarFeedEvent } from '$lib/contracts/reminders';
import { err, ok } from '$lib/domain/result';
import { browserTimers } from '$lib/state/reminder-timers';
import { createReminderUploads, UPLOAD_DEBOUNCE_MS } from '$lib/state/reminder-uploads';
import { createReminderCommands } from '$lib/commands/reminders';
import type { ReminderHttp } from '$lib/sync/reminders-http';
import { mint } from './factories';

const START = Date.UTC(2026, 2, 2, 8);

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(START);
});
afterEach(() => {
	vi.useRealTimers();
});

function fakeHttp(fail = { schedule: false, feed: false }) {
	const sent: { schedule: PushOccurrence[][]; feed: CalendarFeedEvent[][]; tests: string[] } = {
		schedule: [],
		feed: [],
		tests: []
	};
	const http: ReminderHttp = {
		pushStatus: () => Promise.resolve('signed-in'),
		vapidKey: () => Promise.resolve(ok('key')),
		subscribe: () => Promise.resolve(ok(null)),
		unsubscribe: () => Promise.resolve(ok(null)),
		uploadSchedule: (occurrences) => {
			sent.schedule.push([...occurrences]);
			return Promise.resolve(fail.schedule ? err('offline') : ok(null));
		},
		sendTest: (opaqueId) => {
			sent.tests.push(opaqueId);
			return Promise.resolve(ok(null));
		},
		createFeed: () => Promise.resolve(ok('t'.repeat(22))),
		publishFeed: (events) => {
			sent.feed.push([...events]);
			return Promise.resolve(fail.feed ? err('server') : ok(null));
		},
		revokeFeed: () => Promise.resolve(ok(null))
	};
	return { http, sent };
}

const event: CalendarFeedEvent = { start: '20260302T080000', tzid: 'UTC', rrule: 'FREQ=DAILY' };

describe('reminder uploads', () => {
	it('waits for quiet, then sends the schedule and the feed once', async () => {
		const { http, sent } = fakeHttp();
		let schedule: PushOccurrence[] = [{ fireAt: START + 60_000, opaqueId: 'a' }];
		const uploads = createReminderUploads({
			timers: browserTimers,
			http,
			locale: () => 'fr',
			active: () => true,
			schedule: () => schedule,
			feed: () => [event]
		});
		uploads.schedule();
		await vi.advanceTimersByTimeAsync(UPLOAD_DEBOUNCE_MS - 1);
		uploads.schedule();
		await vi.advanceTimersByTimeAsync(UPLOAD_DEBOUNCE_MS - 1);
		expect(sent.schedule).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(sent.schedule).toEqual([schedule]);
		expect(sent.feed).toEqual([[event]]);

		// Unchanged: nothing is sent again; changed: only what changed.
		uploads.schedule();
		await vi.advanceTimersByTimeAsync(UPLOAD_DEBOUNCE_MS);
		expect(sent.schedule).toHaveLength(1);
		schedule = [{ fireAt: START + 120_000, opaqueId: 'b' }];
		uploads.schedule();
		await vi.advanceTimersByTimeAsync(UPLOAD_DEBOUNCE_MS);
		expect(sent.schedule).toHaveLength(2);
		expect(sent.feed).toHaveLength(1);

		// Forgotten: the same bodies are sent again.
		uploads.forgetSchedule();
		uploads.forgetFeed();
		await uploads.uploadNow();
		expect(sent.schedule).toHaveLength(3);
		expect(sent.feed).toHaveLength(2);
	});

	it('sends again after a failed upload, nothing while locked, nothing once cancelled', async () => {
		const fail = { schedule: true, feed: false };
		const { http, sent } = fakeHttp(fail);
		let active = false;
		const uploads = createReminderUploads({
			timers: browserTimers,
			http,
			locale: () => 'en',
			active: () => active,
			schedule: () => [{ fireAt: START + 60_000, opaqueId: 'a' }],
			feed: () => null
		});
		await uploads.uploadNow();
		expect(sent.schedule).toHaveLength(0);
		active = true;
		await uploads.uploadNow();
		fail.schedule = false;
		await uploads.uploadNow();
		await uploads.uploadNow();
		expect(sent.schedule).toHaveLength(2);
		expect(sent.feed).toHaveLength(0);
		uploads.forgetSchedule();
		uploads.schedule();
		uploads.cancel();
		await vi.advanceTimersByTimeAsync(10 * UPLOAD_DEBOUNCE_MS);
		expect(sent.schedule).toHaveLength(2);
		expect(vi.getTimerCount()).toBe(0);
	});
});

describe('reminder commands', () => {
	function commandsWith(feedId: string | undefined, locked = false) {
		const { http, sent } = fakeHttp();
		const calls: string[] = [];
		const commands = createReminderCommands({
			http,
			push: {
				subscribe: () => Promise.resolve(ok(null)),
				unsubscribe: () => Promise.resolve(null)
			},
			locale: () => 'fr',
			now: () => Date.now(),
			mint: () => (locked ? null : mint),
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
			feedEvents: () => [event],
			feedRecordId: () => feedId,
			writes: {
				saveFeedToken: (token, id) => {
					calls.push(`save ${token.length} ${String(id)}`);
					return Promise.resolve(locked ? err({ type: 'locked' }) : ok(null));
				},
				forgetFeedToken: (id) => {
					calls.push(`delete ${id}`);
					return Promise.resolve(ok(null));
				}
			}
		});
		return { commands, calls, sent };
	}

	it('sends a test push under a fresh opaque id, refused while locked', async () => {
		const { commands, sent } = commandsWith(undefined);
		expect(await commands.sendTest()).toEqual(ok(null));
		expect(sent.tests).toEqual([
			mint({ kind: 'medication', sourceRef: 'test-reminder', fireAt: START })
		]);
		expect(await commandsWith(undefined, true).commands.sendTest()).toEqual(
			err({ type: 'locked' })
		);
	});

	it('keeps the feed token only after the server made it; revoking deletes it', async () => {
		const made = commandsWith('old-feed');
		expect(await made.commands.createFeed()).toEqual(ok(null));
		expect(made.calls).toEqual(['save 22 old-feed']);
		expect(await commandsWith(undefined, true).commands.createFeed()).toEqual(
			err({ type: 'locked' })
		);
		const revoked = commandsWith('old-feed');
		expect(await revoked.commands.revokeFeed()).toEqual(ok(null));
		expect(revoked.calls).toEqual(['delete old-feed', 'forget-feed']);
		const none = commandsWith(undefined);
		await none.commands.revokeFeed();
		expect(none.calls).toEqual(['forget-feed']);
	});

	it('unsubscribing reads the push state again', async () => {
		const { commands, calls } = commandsWith(undefined);
		expect(await commands.unsubscribePush()).toEqual(ok(null));
		expect(calls).toEqual(['refresh']);
	});
});
