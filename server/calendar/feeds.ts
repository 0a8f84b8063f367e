// Subscribable calendar feeds: a revocable secret URL per account serving the generic events the
// device published.
// Why: people who trust their phone's own calendar alarms can subscribe once; the feed follows
// schedule changes without re-importing. The server cannot read medication times (encrypted in the
// vault), so the device publishes `{ start, tzid, rrule }` triples with no names and the server
// renders them under a generic, localised title.
// Invariants:
// - The token is 128 random bits, shown once to the device; only its SHA-256 is stored, so a
//   database dump cannot be turned into feed URLs. Rotating replaces the hash (the old URL dies);
//   revoking deletes the feed.
// - Events are parsed by the shared contract on the way in and again on the way out (a corrupt row
//   serves an empty calendar, never a crash).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import * as z from 'zod';
import {
	calendarFeedEventSchema,
	type CalendarFeedEvent,
	type CalendarFeedStatusResponse
} from '../../src/lib/contracts/reminders';
import type { PushLocale } from '../../src/lib/contracts/push';
import { foldIcsLine, formatIcsUtc } from '../../src/lib/domain/reminders/ics';
import { vtimezoneLines } from '../../src/lib/domain/reminders/ics-timezone';
import en from '../../src/lib/i18n/messages/reminders/en.json';
import fr from '../../src/lib/i18n/messages/reminders/fr.json';
import type { CalendarDatabase } from './schema';

const TOKEN_BYTES = 16;

const messagesSchema = z.object({ reminders_ics_title: z.string().min(1).max(80) });
const TITLES: Readonly<Record<PushLocale, string>> = {
	en: messagesSchema.parse(en).reminders_ics_title,
	fr: messagesSchema.parse(fr).reminders_ics_title
};

const storedEventsSchema = z.array(calendarFeedEventSchema);

export const hashFeedToken = (token: string): string =>
	createHash('sha256').update(token, 'utf8').digest('hex');

export interface CalendarFeedsDeps {
	readonly db: Kysely<CalendarDatabase>;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
}

export interface CalendarFeeds {
	/** Creates the feed or gives it a new secret URL, storing `events`; returns the new token. */
	readonly rotate: (
		accountId: string,
		events: readonly CalendarFeedEvent[],
		locale: PushLocale
	) => Promise<string>;
	/** Replaces the events of an existing feed; false when the account has no feed. */
	readonly publish: (
		accountId: string,
		events: readonly CalendarFeedEvent[],
		locale: PushLocale
	) => Promise<boolean>;
	readonly revoke: (accountId: string) => Promise<boolean>;
	readonly status: (accountId: string) => Promise<CalendarFeedStatusResponse>;
	/** The iCalendar document for a token, or null when no feed has it. */
	readonly render: (token: string) => Promise<string | null>;
}

const eventLines = (
	event: CalendarFeedEvent,
	index: number,
	title: string,
	stamp: string
): readonly string[] => {
	const uidHash = createHash('sha256')
		.update(`${event.start}\n${event.tzid ?? ''}\n${event.rrule ?? ''}`)
		.digest('hex')
		.slice(0, 16);
	return [
		'BEGIN:VEVENT',
		`UID:feed-${index}-${uidHash}@cercle`,
		`DTSTAMP:${stamp}`,
		event.tzid === null ? `DTSTART:${event.start}` : `DTSTART;TZID=${event.tzid}:${event.start}`,
		'DURATION:PT15M',
		...(event.rrule === null ? [] : [`RRULE:${event.rrule}`]),
		`SUMMARY:${title}`,
		'TRANSP:TRANSPARENT',
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${title}`,
		'TRIGGER:PT0S',
		'END:VALARM',
		'END:VEVENT'
	];
};

const isKnownZone = (zone: string): boolean => {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
};

/** A VCALENDAR of generic events (CRLF, folded). Unknown zones fall back to floating time. */
export const renderFeed = (
	events: readonly CalendarFeedEvent[],
	locale: PushLocale,
	now: number
): string => {
	const title = TITLES[locale].replace(/[\\;,]/g, (c) => `\\${c}`);
	const stamp = formatIcsUtc(now);
	const usable = events.map((e) =>
		e.tzid !== null && !isKnownZone(e.tzid) ? { ...e, tzid: null } : e
	);
	const zones = new Map<string, number>();
	for (const event of usable) {
		if (event.tzid === null) continue;
		const year = Number(event.start.slice(0, 4));
		zones.set(event.tzid, Math.min(zones.get(event.tzid) ?? year, year));
	}
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Cercle//Reminder feed//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${title}`,
		...[...zones].flatMap(([zone, year]) => vtimezoneLines(zone, year - 1)),
		...usable.flatMap((event, index) => eventLines(event, index, title, stamp)),
		'END:VCALENDAR'
	];
	return lines.map(foldIcsLine).join('\r\n') + '\r\n';
};

const localeOf = (value: string): PushLocale => (value === 'fr' ? 'fr' : 'en');

export const createCalendarFeeds = ({
	db,
	now,
	randomBytes
}: CalendarFeedsDeps): CalendarFeeds => ({
	async rotate(accountId, events, locale) {
		const token = encodeBase64urlNoPadding(randomBytes(TOKEN_BYTES));
		const at = now();
		await db
			.insertInto('calendar_feeds')
			.values({
				account_id: accountId,
				token_hash: hashFeedToken(token),
				events: JSON.stringify(events),
				locale,
				created_at: at,
				updated_at: at
			})
			.onConflict((oc) =>
				oc.column('account_id').doUpdateSet({
					token_hash: hashFeedToken(token),
					events: JSON.stringify(events),
					locale,
					updated_at: at
				})
			)
			.execute();
		return token;
	},

	async publish(accountId, events, locale) {
		const result = await db
			.updateTable('calendar_feeds')
			.set({ events: JSON.stringify(events), locale, updated_at: now() })
			.where('account_id', '=', accountId)
			.executeTakeFirst();
		return result.numUpdatedRows > 0n;
	},

	async revoke(accountId) {
		const result = await db
			.deleteFrom('calendar_feeds')
			.where('account_id', '=', accountId)
			.executeTakeFirst();
		return result.numDeletedRows > 0n;
	},

	async status(accountId) {
		const row = await db
			.selectFrom('calendar_feeds')
			.select(['events', 'updated_at'])
			.where('account_id', '=', accountId)
			.executeTakeFirst();
		if (row === undefined) return { active: false, eventCount: 0, updatedAt: null };
		const events = parseStored(row.events);
		return { active: true, eventCount: events.length, updatedAt: row.updated_at };
	},

	async render(token) {
		const row = await db
			.selectFrom('calendar_feeds')
			.select(['events', 'locale'])
			.where('token_hash', '=', hashFeedToken(token))
			.executeTakeFirst();
		if (row === undefined) return null;
		return renderFeed(parseStored(row.events), localeOf(row.locale), now());
	}
});

const parseStored = (text: string): readonly CalendarFeedEvent[] => {
	try {
		const parsed = storedEventsSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
};
