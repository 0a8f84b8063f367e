// Reminder writes return typed errors instead of `false`: locked, invalid settings, not a dose,
// the vault's refusal, and the journal's refusal of a dose; each write is one commit.
import { describe, expect, it } from 'vitest';
import type { RecordOp } from '$lib/domain/records';
import { DEFAULT_REMINDER_SETTINGS, type ReminderOccurrence } from '$lib/domain/reminders';
import { err, ok } from '$lib/domain/result';
import { createReminderWrites } from '$lib/state/reminder-writes';

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
		now: () => AT
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
});
