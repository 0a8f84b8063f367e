// The reminders' own records read at once, and the writes the manager's effects make: the key is
// made once however often the effect runs, and the notification queue is applied through the
// journal (a dose) and a snooze 10 minutes after the tap (time injected).
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { RecordOp, VaultRecord } from '$lib/domain/records';
import { DEFAULT_REMINDER_SETTINGS } from '$lib/domain/reminders';
import { readStoredReminders } from '$lib/domain/reminders/stored';
import { ok } from '$lib/domain/result';
import { createActionQueue } from '$lib/shared/action-queue';
import { ACTION_SNOOZE_MS, createReminderWrites } from '$lib/commands/reminders';
import type { DoseInput } from '$lib/domain/journal/entries';

const AT = Date.UTC(2026, 2, 2, 8);
const KEY_A = 'A'.repeat(43);
const KEY_B = 'B'.repeat(43);
const DOSE_ID = 'd'.repeat(22);
const GOAL_ID = 'g'.repeat(22);

const own = (
	id: string,
	kind: string,
	at: number,
	body: unknown,
	deleted = false
): VaultRecord => ({
	id,
	circleId: 'c',
	kind,
	category: 'settings',
	at,
	hlc: 'h',
	deleted,
	body
});

describe('stored reminders', () => {
	it('reads defaults from nothing', () => {
		expect(readStoredReminders([])).toEqual({
			settings: DEFAULT_REMINDER_SETTINGS,
			calendarDetails: false,
			settingsId: undefined,
			key: null,
			seenUntil: 0,
			seenId: undefined,
			feedToken: null,
			feedId: undefined,
			snoozes: []
		});
	});

	it('keeps the earliest key, the latest mark, and skips what does not parse or is deleted', () => {
		const stored = readStoredReminders([
			own('k2', 'reminder-key', 2, { key: KEY_B }),
			own('k1', 'reminder-key', 1, { key: KEY_A }),
			own('s1', 'reminder-seen', 1, { until: 10 }),
			own('s2', 'reminder-seen', 2, { until: 20 }),
			own('s3', 'reminder-seen', 3, { until: 'soon' }),
			own('f1', 'reminder-calendar-feed', 1, { token: 't'.repeat(22) }, true),
			own('n1', 'reminder-settings', 1, {
				settings: DEFAULT_REMINDER_SETTINGS,
				calendarDetails: true
			})
		]);
		expect(stored.key).toBe(KEY_A);
		expect([stored.seenUntil, stored.seenId]).toEqual([20, 's2']);
		expect([stored.feedToken, stored.feedId]).toEqual([null, undefined]);
		expect([stored.calendarDetails, stored.settingsId]).toEqual([true, 'n1']);
	});
});

describe('writes the effects make', () => {
	function writes(hold = false) {
		const commits: (readonly RecordOp[])[] = [];
		const doses: DoseInput[] = [];
		let release: () => void = () => undefined;
		const w = createReminderWrites({
			commit: () => (ops) => {
				commits.push(ops);
				if (!hold) return Promise.resolve(ok(null));
				return new Promise((resolve) => {
					release = () => {
						resolve(ok(null));
					};
				});
			},
			logDose: (input) => {
				doses.push(input);
				return Promise.resolve(ok(null));
			},
			now: () => AT,
			newKey: () => KEY_A
		});
		return {
			w,
			commits,
			doses,
			release: () => {
				release();
			}
		};
	}

	it('makes the key once while a first one is being written', async () => {
		const { w, commits, release } = writes(true);
		w.ensureKey();
		w.ensureKey();
		expect(commits).toHaveLength(1);
		release();
		await new Promise((resolve) => setTimeout(resolve, 0));
		w.ensureKey();
		expect(commits).toHaveLength(2);
		expect(commits[0]?.[0]).toMatchObject({ kind: 'reminder-key', category: 'settings', at: AT });
	});

	it('applies a queued "taken" as a dose and a snooze 10 minutes after the tap', async () => {
		const { w, commits, doses } = writes();
		const queue = createActionQueue(new IDBFactory());
		const ref = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:2026-03-02T08:00';
		const goalRef = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c:2026-03-02';
		await queue.append({ opaqueId: DOSE_ID, action: 'taken', at: AT + 60_000 });
		await queue.append({ opaqueId: GOAL_ID, action: 'snooze-10', at: AT + 120_000 });
		const known = new Map([
			[DOSE_ID, { kind: 'medication' as const, sourceRef: ref, dueAt: AT, fireAt: AT }],
			[GOAL_ID, { kind: 'goal-check-in' as const, sourceRef: goalRef, dueAt: AT, fireAt: AT }]
		]);
		expect(await w.applyQueued(() => queue, known, new Set())).toEqual({
			taken: 1,
			snoozed: 1,
			complete: true
		});
		expect(doses).toEqual([
			{
				medicationId: ref.slice(0, 36),
				slot: { id: ref, scheduledAt: AT },
				status: 'taken',
				takenAt: AT + 60_000
			}
		]);
		expect(commits[0]?.[0]).toMatchObject({
			kind: 'reminder-snooze',
			body: { sourceRef: goalRef, fireAt: AT + 120_000 + ACTION_SNOOZE_MS }
		});
		expect(await queue.list()).toEqual([]);
	});

	it('reports nothing when the queue cannot be opened', async () => {
		const { w } = writes();
		const broken = () => {
			throw new Error('no IndexedDB');
		};
		expect(await w.applyQueued(broken, new Map(), new Set())).toBeNull();
	});
});
