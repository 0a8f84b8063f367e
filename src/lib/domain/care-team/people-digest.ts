// The "people digest" of one person (issue 14 §3 figures): what "My people" needs to draw that
// person's row and flags, kept per circle so the list opens from 50 small digests instead of 50
// circles' records. It holds the records the flag rules read (the last 14 days of symptoms,
// measurements and doses as of when it was computed; every medicine, target range, decision
// record, survey score and visit summary) and the time of every entry (for "changed since my last
// visit" and "no news"), nothing else.
// Why records and not precomputed flags: time-dependent flags ("no news for N days", "this week")
// and the per-person follow-up (seen marker, no-news days) change without the data changing, so
// the row is computed at render time with the live clock by the SAME pure functions as from the
// full records (`readShared`, `flagInputOf`, `flagsFor`): a digest computed at T gives, at any
// `now` ≥ T, the flags and counts the full records give (property test
// tests/property/care-team/people-digest.test.ts).
// Invariants: a digest is data only (no keys); the vault seals it (`vault/people-digest.ts`) and
// checks it with zod when it is read back; deleted records and settings are never in it; nor is a
// version that claims to be the person's but whose check failed on this device (`failedOwnerCheck`:
// the records are checked before computing), nor its time, as `readShared` leaves them out. Only
// the times of those records the digest is computed from (14 days of series, lasting records) are
// taken out; an older one still counts in "changed since my last visit" (a known limit).
// Version 2: computed from checked records (a version-1 digest is recomputed).
import * as z from 'zod';
import { CATEGORIES, type Category } from '../categories';
import type { PersonFollow, PersonRow } from './people-list';
import { flagsFor, WINDOW_MS } from './flags';
import {
	changesSince,
	DECISION_RECORD_KIND,
	flagInputOf,
	readShared,
	SURVEY_RESPONSE_KIND,
	failedOwnerCheck,
	isSetAside,
	type SharedData,
	type SharedRecord
} from './shared-records';

export const PEOPLE_DIGEST_VERSION = 2;

/** The flags look back two 7-day windows: series older than this (at computing time) are left out. */
export const FLAG_LOOKBACK_MS = 2 * WINDOW_MS;

/** Series kinds the flag rules read (in their last 14 days). */
const FLAG_SERIES_KINDS: ReadonlySet<string> = new Set(['symptom', 'measurement', 'dose']);
/** Lasting kinds the flag rules read (all of them, whatever their age). */
const FLAG_LASTING_KINDS: ReadonlySet<string> = new Set([
	'medication',
	'target-range',
	DECISION_RECORD_KIND,
	SURVEY_RESPONSE_KIND,
	'visit-summary'
]);

const categorySchema = z.enum(CATEGORIES);

const digestRecordSchema = z.object({
	id: z.string().min(1),
	kind: z.string(),
	category: categorySchema,
	at: z.number(),
	hlc: z.string(),
	author: z.string().optional(),
	body: z.unknown()
});

export const peopleDigestSchema = z.object({
	v: z.literal(PEOPLE_DIGEST_VERSION),
	/** When it was computed: series older than `from` = computedAt − 14 days are not in it. */
	computedAt: z.number(),
	from: z.number(),
	ownerId: z.string(),
	/** The categories it was computed from (what this member could read then). */
	readable: z.array(categorySchema),
	lastEntryAt: z.number().nullable(),
	/** Per category, the time of every live entry, ascending, delta-encoded (`encodeTimes`). */
	times: z.partialRecord(categorySchema, z.string()),
	records: z.array(digestRecordSchema)
});
export type PeopleDigest = z.infer<typeof peopleDigestSchema>;

/** Ascending times as base-36 deltas joined by commas (a year of entries in ~40 kB). */
export function encodeTimes(times: readonly number[]): string {
	const sorted = [...times].sort((a, b) => a - b);
	let previous = 0;
	const parts: string[] = [];
	for (const t of sorted) {
		parts.push((t - previous).toString(36));
		previous = t;
	}
	return parts.join(',');
}

export function decodeTimes(encoded: string): number[] {
	if (encoded === '') return [];
	const out: number[] = [];
	let previous = 0;
	for (const part of encoded.split(',')) {
		previous += parseInt(part, 36);
		out.push(previous);
	}
	return out;
}

export interface DigestSource {
	/** Live records that may hold what the flags read (a superset is fine; others are left out). */
	readonly records: readonly SharedRecord[];
	/** Every live, non-settings entry's category and time (from all weeks). */
	readonly times: readonly { readonly category: Category; readonly at: number }[];
	readonly ownerId: string;
	readonly readable: readonly Category[];
	readonly computedAt: number;
}

/** Whether a record is one the people digest keeps, given its lower bound for series. */
export function keptForFlags(record: SharedRecord, from: number): boolean {
	if (record.deleted || record.category === 'settings') return false;
	if (record.category === 'plan') return record.kind === 'visit-summary';
	if (FLAG_LASTING_KINDS.has(record.kind)) return true;
	return FLAG_SERIES_KINDS.has(record.kind) && record.at >= from;
}

/** The digest of one person's shared records, as of `computedAt`. */
export function peopleDigestOf(source: DigestSource): PeopleDigest {
	const from = source.computedAt - FLAG_LOOKBACK_MS;
	// Times of versions set aside (not the person's as far as this device can check), each once.
	const setAside = new Map<string, number>();
	const setAsideIds = new Set<string>();
	const counted = new Set<string>();
	for (const r of source.records) {
		if (r.deleted || failedOwnerCheck(r) === null || counted.has(r.id)) continue;
		counted.add(r.id);
		if (isSetAside(r)) setAsideIds.add(r.id);
		const key = `${r.category}@${String(r.at)}`;
		setAside.set(key, (setAside.get(key) ?? 0) + 1);
	}
	const byCategory = new Map<Category, number[]>();
	let lastEntryAt: number | null = null;
	for (const t of source.times) {
		if (t.category === 'settings') continue;
		const key = `${t.category}@${String(t.at)}`;
		const left = setAside.get(key) ?? 0;
		if (left > 0) {
			setAside.set(key, left - 1);
			continue;
		}
		const list = byCategory.get(t.category) ?? [];
		list.push(t.at);
		byCategory.set(t.category, list);
		if (lastEntryAt === null || t.at > lastEntryAt) lastEntryAt = t.at;
	}
	const seen = new Set<string>();
	const records: PeopleDigest['records'] = [];
	for (const r of source.records) {
		if (!keptForFlags(r, from) || seen.has(r.id) || setAsideIds.has(r.id)) continue;
		seen.add(r.id);
		records.push({
			id: r.id,
			kind: r.kind,
			category: r.category,
			at: r.at,
			hlc: r.hlc,
			...(r.author === undefined ? {} : { author: r.author }),
			body: r.body
		});
	}
	return {
		v: PEOPLE_DIGEST_VERSION,
		computedAt: source.computedAt,
		from,
		ownerId: source.ownerId,
		readable: [...source.readable],
		lastEntryAt,
		times: Object.fromEntries([...byCategory].map(([c, list]) => [c, encodeTimes(list)])),
		records
	};
}

/** What the flags read, parsed from a digest (the same `readShared` as from the full records). */
export function digestData(digest: PeopleDigest): SharedData {
	const data = readShared(
		digest.records.map((r) => ({ ...r, deleted: false })),
		digest.ownerId,
		{ from: digest.from }
	);
	return { ...data, lastEntryAt: digest.lastEntryAt };
}

/** How many entries are newer than the seen marker (all of them if never seen). */
export function changesInDigest(digest: PeopleDigest, seenAt: number | null): number {
	let total = 0;
	for (const encoded of Object.values(digest.times)) {
		const times = decodeTimes(encoded);
		if (seenAt === null) {
			total += times.length;
			continue;
		}
		// Ascending: count what lies after the first time beyond the marker.
		let lo = 0;
		let hi = times.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((times[mid] ?? 0) <= seenAt) lo = mid + 1;
			else hi = mid;
		}
		total += times.length - lo;
	}
	return total;
}

/** One person's row from what they shared (all of it, or a digest's part) and my follow-up. */
export function rowFromData(
	circleId: string,
	name: string,
	data: SharedData,
	follow: PersonFollow,
	context: { readonly now: number; readonly timeZone: string },
	changes: number = changesSince(data, follow.seenAt).total
): PersonRow {
	const flags = flagsFor(
		flagInputOf(data, {
			now: context.now,
			timeZone: context.timeZone,
			seenAt: follow.seenAt,
			noNewsDays: follow.noNewsDays
		})
	);
	return { circleId, name, flags, lastEntryAt: data.lastEntryAt, changes, follow };
}

/**
 * One person's row from their digest, with the live clock: the flags by the same pure functions
 * as from the full records (`rowFromData`). `now` must not be before the digest's `computedAt`
 * (a clock set back would miss series older than its window; the caller recomputes then).
 */
export function rowFromDigest(
	circleId: string,
	name: string,
	digest: PeopleDigest,
	follow: PersonFollow,
	context: { readonly now: number; readonly timeZone: string }
): PersonRow {
	return rowFromData(
		circleId,
		name,
		digestData(digest),
		follow,
		context,
		changesInDigest(digest, follow.seenAt)
	);
}
