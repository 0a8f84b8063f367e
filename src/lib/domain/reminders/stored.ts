// What the reminders keep in the vault (category `settings`), as pure schemas and readers: the
// settings, the opaque-id key, snoozes, the "seen until" mark and the calendar feed token.
// Why pure: the manager (state/reminders.svelte.ts) and its tests read these records the same way;
// a record whose body does not parse is skipped, never half-read.
// Invariant: of several key records the EARLIEST wins (two devices that each made one converge on
// the same opaque ids); of several settings or marks the latest wins.
import * as z from 'zod';
import type { VaultRecord } from '../records';
import {
	DEFAULT_REMINDER_SETTINGS,
	reminderKindSchema,
	reminderSettingsSchema,
	type ReminderSettings
} from './sources';

export const SETTINGS_KIND = 'reminder-settings';
export const KEY_KIND = 'reminder-key';
export const SNOOZE_KIND = 'reminder-snooze';
export const SEEN_KIND = 'reminder-seen';
export const FEED_KIND = 'reminder-calendar-feed';
export const OWN_KINDS = [SETTINGS_KIND, KEY_KIND, SNOOZE_KIND, SEEN_KIND, FEED_KIND];

export const settingsBodySchema = z.object({
	settings: reminderSettingsSchema,
	calendarDetails: z.boolean()
});
export const keyBodySchema = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export const snoozeBodySchema = z.object({
	kind: reminderKindSchema,
	sourceRef: z.string().min(1),
	dueAt: z.number(),
	fireAt: z.number()
});
export type StoredSnooze = z.infer<typeof snoozeBodySchema>;
export const seenBodySchema = z.object({ until: z.number() });
export const feedBodySchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

/** The latest (or earliest) live record of `kind` whose body parses, with its body. */
export const parseLatest = <T>(
	records: readonly VaultRecord[],
	kind: string,
	schema: z.ZodType<T>,
	pick: 'latest' | 'earliest' = 'latest'
): { readonly record: VaultRecord; readonly body: T } | null => {
	const matching = records
		.filter((r) => r.kind === kind && !r.deleted)
		.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	const ordered = pick === 'latest' ? matching.reverse() : matching;
	for (const record of ordered) {
		const parsed = schema.safeParse(record.body);
		if (parsed.success) return { record, body: parsed.data };
	}
	return null;
};

/** Every live snooze whose body parses. */
export const snoozesOf = (records: readonly VaultRecord[]): readonly StoredSnooze[] =>
	records.flatMap((r) => {
		if (r.kind !== SNOOZE_KIND || r.deleted) return [];
		const body = snoozeBodySchema.safeParse(r.body);
		return body.success ? [body.data] : [];
	});

/** Everything the reminders keep in the vault, read at once from the person's own records. */
export interface StoredReminders {
	readonly settings: ReminderSettings;
	readonly calendarDetails: boolean;
	/** The settings record to replace on the next save (none yet: undefined). */
	readonly settingsId: string | undefined;
	/** The opaque-id key (base64url, the earliest record), or null before one was made. */
	readonly key: string | null;
	readonly seenUntil: number;
	readonly seenId: string | undefined;
	readonly feedToken: string | null;
	readonly feedId: string | undefined;
	readonly snoozes: readonly StoredSnooze[];
}

export const readStoredReminders = (records: readonly VaultRecord[]): StoredReminders => {
	const settings = parseLatest(records, SETTINGS_KIND, settingsBodySchema);
	const seen = parseLatest(records, SEEN_KIND, seenBodySchema);
	const feed = parseLatest(records, FEED_KIND, feedBodySchema);
	return {
		settings: settings?.body.settings ?? DEFAULT_REMINDER_SETTINGS,
		calendarDetails: settings?.body.calendarDetails ?? false,
		settingsId: settings?.record.id,
		key: parseLatest(records, KEY_KIND, keyBodySchema, 'earliest')?.body.key ?? null,
		seenUntil: seen?.body.until ?? 0,
		seenId: seen?.record.id,
		feedToken: feed?.body.token ?? null,
		feedId: feed?.record.id,
		snoozes: snoozesOf(records)
	};
};
