// The reminders' commands bound to this app (no runes): the vault writes of commands/reminders.ts
// over the open vault and the journal's dose command, the Settings commands over the reminders'
// HTTP port and this browser's push subscription, and the manager's own writes that read what is
// stored (the "seen until" mark, the settings record). The manager (reminders.svelte.ts) passes
// what it derives as functions, so every call reads the latest value.
// Invariants: a write while the vault is locked is refused as `locked` without touching it; the
// opaque-id key is 32 random bytes, made here (commands never touch crypto).
import { randomBytes, toBase64Url } from '$lib/crypto/bytes';
import {
	createReminderCommands,
	createReminderWrites,
	type ReminderCommandsDeps,
	type ReminderResult
} from '$lib/commands/reminders';
import type { RecordOp } from '$lib/domain/records';
import type { OpaqueIdMinter, ReminderSettings } from '$lib/domain/reminders';
import type { StoredReminders } from '$lib/domain/reminders/stored';
import type { ReminderHttp } from '$lib/sync/reminders-http';
import type { DueReminder } from './reminder-occurrences';
import { pushLocale, pushPort } from './reminder-push';
import { journalCommands } from './journal.svelte';
import { vault } from './vault.svelte';

export interface ReminderBindings {
	readonly http: ReminderHttp;
	readonly now: () => number;
	readonly mint: () => OpaqueIdMinter | null;
	readonly stored: () => StoredReminders;
	readonly refreshPush: () => Promise<void>;
	readonly uploads: ReminderCommandsDeps['uploads'];
	readonly feedEvents: ReminderCommandsDeps['feedEvents'];
}

/** The open vault's commit, or null while it is locked. */
function openCommit() {
	if (vault.status !== 'unlocked') return null;
	const v = vault.vault();
	return (ops: readonly RecordOp[]) => v.commit(ops);
}

export function bindReminderCommands(b: ReminderBindings) {
	const writes = createReminderWrites({
		commit: openCommit,
		logDose: (input) => journalCommands.logDose(input),
		now: b.now,
		newKey: () => toBase64Url(randomBytes(32))
	});
	const commands = {
		dismissMissed: (): Promise<ReminderResult> => writes.markSeen(b.stored().seenId),
		saveSettings: (
			next: ReminderSettings,
			details = b.stored().calendarDetails
		): Promise<ReminderResult> => writes.saveSettings(next, details, b.stored().settingsId),
		taken: (reminder: DueReminder): Promise<ReminderResult> =>
			writes.taken(reminder.occurrence, b.now()),
		...createReminderCommands({
			http: b.http,
			push: pushPort(b.http),
			locale: pushLocale,
			now: b.now,
			mint: b.mint,
			refreshPush: b.refreshPush,
			uploads: b.uploads,
			feedEvents: b.feedEvents,
			feedRecordId: () => b.stored().feedId,
			writes
		})
	};
	return { writes, commands };
}
