// The notification action queue applied at unlock: a "Taken" logs the dose once, in the encrypted
// vault, however many entries the queue holds; a snooze rings 10 minutes after the tap; unknown ids
// are dropped; a failed write keeps the queue for the next unlock.
import { IDBFactory } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import {
	createOpaqueIdMinter,
	DEFAULT_REMINDER_SETTINGS,
	expandReminders,
	indexByOpaqueId
} from '$lib/domain/reminders';
import { createJournalRepo, isKind } from '$lib/vault/repos/journal';
import {
	applyQueuedActions,
	createActionQueue,
	type KnownReminder
} from '$lib/shared/action-queue';
import {
	acknowledgedRefs,
	journalToSources,
	takenDoseFor
} from '$lib/domain/reminders/journal-sources';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const ZONE = 'Europe/Paris';
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 2, 10, 8, 30);
const mint = createOpaqueIdMinter(new Uint8Array(32).fill(9));

async function setUp() {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	const journal = createJournalRepo({ store: () => vault, now: () => NOW });
	const saved = await journal.save({
		kind: 'medication',
		at: NOW - 10 * DAY,
		name: 'Metformin',
		form: 'tablet',
		dose: { amount: 1, unit: 'tablet' },
		startAt: NOW - 10 * DAY,
		stopAt: null,
		schedule: { type: 'daily', times: ['08:00', '20:00'] }
	});
	if (!saved.ok) throw new Error('medication not saved');
	const records = await journal.list({ kinds: ['medication', 'dose'] });
	const occurrences = expandReminders(
		journalToSources(records, ZONE),
		{ timeZone: ZONE, settings: DEFAULT_REMINDER_SETTINGS },
		NOW - DAY,
		NOW + DAY,
		mint
	);
	const morning = occurrences.find((o) => o.sourceRef.endsWith('2025-03-10T08:00'));
	if (morning === undefined) throw new Error('no 08:00 reminder');
	return { vault, journal, occurrences, morning, medicationId: saved.value.id };
}

it('logs a dose once for duplicated "Taken" entries and clears the queue', async () => {
	const { journal, occurrences, morning, medicationId } = await setUp();
	const queue = createActionQueue(new IDBFactory());
	for (const at of [NOW - 60_000, NOW - 30_000, NOW]) {
		await queue.append({ opaqueId: morning.opaqueId, action: 'taken', at });
	}
	await queue.append({ opaqueId: morning.opaqueId, action: 'snooze-10', at: NOW - 120_000 });
	const deps = async () => ({
		queue,
		known: indexByOpaqueId(occurrences),
		acknowledged: acknowledgedRefs(await journal.list({ kinds: ['dose'] }), ZONE),
		take: async (reminder: KnownReminder, at: number) => {
			const input = takenDoseFor(reminder, at);
			return input !== null && (await journal.logDose(input)).ok;
		},
		snooze: () => Promise.resolve(true)
	});

	const first = await applyQueuedActions(await deps());
	expect(first).toEqual({ taken: 1, snoozed: 0, complete: true });
	expect(await queue.list()).toEqual([]);

	// The same tap queued again (a second device, a retry): nothing more is logged.
	await queue.append({ opaqueId: morning.opaqueId, action: 'taken', at: NOW });
	const second = await applyQueuedActions(await deps());
	expect(second.taken).toBe(0);

	const doses = (await journal.list({ kinds: ['dose'] })).filter(isKind('dose'));
	expect(doses).toHaveLength(1);
	expect(doses[0]?.body).toMatchObject({
		medicationId,
		slotId: morning.sourceRef,
		scheduledAt: morning.dueAt,
		status: 'taken',
		takenAt: NOW - 60_000
	});
});

it('snoozes 10 minutes after the tap, drops unknown ids, keeps the queue when a write fails', async () => {
	const { occurrences, morning } = await setUp();
	const queue = createActionQueue(new IDBFactory());
	await queue.append({ opaqueId: morning.opaqueId, action: 'snooze-10', at: NOW });
	await queue.append({ opaqueId: 'unknownunknownunknown0', action: 'taken', at: NOW });
	const snoozed: { sourceRef: string; fireAt: number }[] = [];
	let failing = true;
	const run = () =>
		applyQueuedActions({
			queue,
			known: indexByOpaqueId(occurrences),
			acknowledged: new Set(),
			take: () => Promise.resolve(true),
			snooze: (reminder, at) => {
				if (failing) return Promise.resolve(false);
				snoozed.push({ sourceRef: reminder.sourceRef, fireAt: at + 10 * 60_000 });
				return Promise.resolve(true);
			}
		});

	const locked = await run();
	expect(locked.complete).toBe(false);
	expect(await queue.list()).toHaveLength(2);

	failing = false;
	const applied = await run();
	expect(applied).toEqual({ taken: 0, snoozed: 1, complete: true });
	expect(snoozed).toEqual([{ sourceRef: morning.sourceRef, fireAt: NOW + 10 * 60_000 }]);
	expect(await queue.list()).toEqual([]);
});

it('records the last reminder received and refuses malformed queue entries', async () => {
	const factory = new IDBFactory();
	const queue = createActionQueue(factory);
	expect(await queue.lastReceived()).toBeNull();
	await queue.markReceived({ opaqueId: 'abcdefghijklmnopqrstuv', at: NOW });
	expect(await queue.lastReceived()).toEqual({ opaqueId: 'abcdefghijklmnopqrstuv', at: NOW });
	await queue.append({ opaqueId: 'abcdefghijklmnopqrstuv', action: 'taken', at: NOW });
	expect((await queue.list()).map((a) => a.action)).toEqual(['taken']);
});
