// What the manager reads from the vault, through a fake vault: each live query replaces its part of
// one whole, the "loaded" flags rise as the first answer of each arrives, the plan is read as
// this account's, and stopping stops every query. Task events are folded as the board folds them:
// checked first, and one whose writer was not checked as its actor moves no reminder.
import { describe, expect, it } from 'vitest';
import type { RecordQuery, VaultRecord } from '$lib/domain/records';
import {
	NO_REMINDER_INPUTS,
	observeReminderInputs,
	type ReminderInputs
} from '$lib/state/reminder-inputs';

const MED_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

type Listener = (values: readonly unknown[]) => void;

function fakeVault() {
	const listeners = new Map<string, Listener>();
	let stopped = 0;
	const listen = (key: string, onChange: Listener) => {
		listeners.set(key, onChange);
		return () => {
			stopped += 1;
		};
	};
	const vault = {
		observe: (query: RecordQuery, onChange: (records: readonly VaultRecord[]) => void) =>
			listen(`${query.category}:${(query.kinds ?? []).join(',')}`, (values) => {
				onChange(values as readonly VaultRecord[]);
			}),
		observeDerived: (query: { category: string }, onChange: (values: readonly never[]) => void) =>
			listen(`derived:${query.category}`, (values) => {
				onChange(values as readonly never[]);
			})
	};
	const emit = (key: string, values: readonly unknown[]) => {
		const listener = listeners.get(key);
		if (listener === undefined) throw new Error(`nobody listens to ${key}`);
		listener(values);
	};
	return { vault, emit, keys: () => [...listeners.keys()].sort(), stopped: () => stopped };
}

const record = (id: string, kind: string, category: VaultRecord['category'], body: unknown) =>
	({ id, circleId: 'c', kind, category, at: 1, hlc: 'h', deleted: false, body }) as VaultRecord;

describe('reminder inputs', () => {
	it('starts empty and unloaded', () => {
		expect(NO_REMINDER_INPUTS.loaded).toEqual({ lasting: false, recent: false, own: false });
	});

	it('fills each part from its query and marks what has loaded', () => {
		const { vault, emit, keys, stopped } = fakeVault();
		const seen: ReminderInputs[] = [];
		const stop = observeReminderInputs(
			vault,
			0,
			() => 'me',
			(next) => seen.push(next),
			(records) => Promise.resolve(records)
		);
		expect(keys()).toHaveLength(7);
		expect(keys()).toEqual(
			expect.arrayContaining([
				'derived:goals',
				'derived:medications',
				'goals:goal-checkin',
				'medications:dose',
				'surveys:survey-assignment,survey-response'
			])
		);
		const own = [record('s1', 'reminder-seen', 'settings', { until: 5 })];
		emit(keys().find((k) => k.startsWith('settings:')) ?? '', own);
		expect(seen.at(-1)?.own).toBe(own);
		expect(seen.at(-1)?.loaded).toEqual({ lasting: false, recent: false, own: true });
		const dose = record('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', 'dose', 'medications', {
			kind: 'dose',
			at: 1,
			medicationId: MED_ID,
			slotId: `${MED_ID}:2026-03-02T08:00`,
			scheduledAt: 1,
			status: 'taken',
			takenAt: 1
		});
		emit('medications:dose', [dose]);
		expect(seen.at(-1)?.recent.map((r) => r.id)).toEqual(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c']);
		expect(seen.at(-1)?.loaded).toEqual({ lasting: false, recent: true, own: true });
		emit('derived:medications', []);
		expect(seen.at(-1)?.loaded).toEqual({ lasting: true, recent: true, own: true });
		// Each answer keeps the other parts as they were.
		expect(seen.at(-1)?.own).toBe(own);
		const surveys = [record('a1', 'survey-assignment', 'surveys', {})];
		emit('surveys:survey-assignment,survey-response', surveys);
		expect(seen.at(-1)?.surveys).toBe(surveys);
		expect(seen.at(-1)?.recent.map((r) => r.id)).toEqual(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c']);
		stop();
		expect(stopped()).toBe(keys().length);
	});

	it('folds the plan’s task events only once their writers are checked (as the board does)', async () => {
		const { vault, emit } = fakeVault();
		const seen: ReminderInputs[] = [];
		const task = record('task-1', 'task', 'plan', {
			id: 'task-1',
			title: 'Pharmacy on Friday',
			details: '',
			dueDate: '2026-11-27',
			dueTime: null,
			place: '',
			kind: 'pharmacy',
			recurrence: { freq: 'none' },
			assignee: null,
			createdBy: 'me'
		});
		const event = (id: string, type: 'claim' | 'complete', actor: string, author?: string) => ({
			...record(id, 'task-event', 'plan', { type, id, taskId: 'task-1', hlc: '', actor }),
			hlc: id,
			...(author === undefined ? {} : { author })
		});
		// Léa's claim is signed and checked; a completion naming her is not (a forgery).
		const claim = event('h2', 'claim', 'lea', 'lea');
		const forged = event('h3', 'complete', 'lea', 'lea');
		const checked: string[][] = [];
		const checkWriters = (records: readonly VaultRecord[]) => {
			checked.push(records.map((r) => r.id));
			return Promise.resolve(
				records.map((r) =>
					r.id === claim.id
						? { ...r, authorCheck: { type: 'verified' as const, accountId: 'lea' } }
						: r.id === forged.id
							? {
									...r,
									authorCheck: {
										type: 'not-verified' as const,
										accountId: 'lea',
										reason: 'bad-signature' as const
									}
								}
							: r
				)
			);
		};
		const stop = observeReminderInputs(
			vault,
			0,
			() => 'me',
			(next) => seen.push(next),
			checkWriters
		);
		emit('plan:task,task-event', [task, claim, forged]);
		await Promise.resolve();
		await Promise.resolve();
		expect(checked).toEqual([['task-1', 'h2', 'h3']]);
		const [state] = seen.at(-1)?.plan ?? [];
		expect(state?.claimedBy).toBe('lea');
		expect(state?.status).not.toBe('done');
		stop();
	});
});
