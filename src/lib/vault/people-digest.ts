// "My people" from cached digests (issue 14 §3 figures): each member circle's cache keeps one
// sealed "people digest" (`domain/care-team/people-digest.ts`: the records the flags read and the
// time of every entry), so the list opens by reading 50 small sealed rows, not 50 circles.
// - Computing a digest reads only what it needs: the lasting records and entry times of every
//   week from the per-week digests (`member-digests.ts`, sealed with the category key, recomputed
//   only for weeks whose tag changed), and the last 14 days of series through `RecordQuery`.
// - The digest is sealed with a key of this device's OWN vault (its active `settings` key, as
//   `local-secret.ts` does), bound to the circle and to its name, so the list opens it without
//   unwrapping 50 circles' keyrings; never in clear. All circles' digests share one small
//   database (`cercle-member-people-digests`, one row per circle: opening 50 circle databases cost
//   ~0.5 s at 4× CPU in the bench), named under the member caches' prefix so that forgetting the
//   device's member caches forgets them too; a circle forgotten alone forgets its row.
// - It carries the week tags (`member-db.ts` `weeks`) of the categories it was computed from: any
//   pull, write or refusal touching a week gives the week a new tag, and a digest whose tags differ
//   from the cache's is stale (shown until recomputed, and recomputed at the next opening).
// The same per-week lasting digests serve one person's summary (`summaryRecordsOf`): the last 90
// days of series and every lasting record, not every record of the circle.
import { Dexie, type Table } from 'dexie';
import * as z from 'zod/mini';
import { open, seal } from '$lib/crypto/aead';
import { fromUtf8, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import { SHAREABLE_CATEGORIES, type Category } from '$lib/domain/categories';
import { DAY_MS } from '$lib/domain/care-team/flags';
import {
	FLAG_LOOKBACK_MS,
	PEOPLE_DIGEST_VERSION,
	peopleDigestOf,
	peopleDigestSchema,
	type PeopleDigest
} from '$lib/domain/care-team/people-digest';
import { isSeriesKind, type SharedRecord } from '$lib/domain/care-team/shared-records';
import type { DeriveQuery } from '$lib/domain/records';
import { MEMBER_DB_PREFIX, MemberCircleDb, memberDbName } from './member-db';
import type { MemberRecordsApi } from './member-records';

/** Bound into each sealed digest (its AAD id). */
export const PEOPLE_DIGEST_KEY = 'people-digest';
/** The one database of every circle's sealed digest (under the member caches' prefix). */
export const PEOPLE_DIGESTS_DB = `${MEMBER_DB_PREFIX}people-digests`;

export interface PeopleDigestRow {
	readonly circleId: string;
	readonly keyId: string;
	readonly iv: Uint8Array<ArrayBuffer>;
	readonly ct: Uint8Array<ArrayBuffer>;
}

export class PeopleDigestDb extends Dexie {
	digests!: Table<PeopleDigestRow, string>;

	constructor(options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
		super(PEOPLE_DIGESTS_DB, options);
		this.version(1).stores({ digests: '&circleId' });
	}
}
/** Days of series a summary reads. */
export const SUMMARY_DAYS = 90;

/** Keys of this device's own vault: the active one seals, any known one opens. */
export interface DeviceKeys {
	readonly active: () => Promise<{ readonly keyId: string; readonly key: CryptoKey } | null>;
	readonly byId: (keyId: string) => Promise<CryptoKey | null>;
}

/** What computing a digest needs of an opened member circle (`MemberCircle` fits). */
export interface PeopleCircle {
	readonly circleId: string;
	readonly ownerId: string;
	readonly canRead: (category: Category) => boolean;
	readonly records: Pick<MemberRecordsApi, 'query' | 'derive'>;
}

export interface DbOptions {
	readonly indexedDB?: IDBFactory;
	readonly IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * Annotates records with who wrote them as this device checks it (state's `checkAuthorsIn`,
 * injected: the vault never imports state); a digest is computed from checked records.
 */
export type CheckAuthors = (records: readonly SharedRecord[]) => Promise<readonly SharedRecord[]>;

const lastingWeekSchema = z.object({
	records: z.array(
		z.object({
			id: z.string(),
			kind: z.string(),
			at: z.number(),
			hlc: z.string(),
			author: z.optional(z.string()),
			signature: z.optional(z.string()),
			body: z.unknown()
		})
	),
	times: z.array(z.number())
});
type LastingWeek = z.infer<typeof lastingWeekSchema>;

/**
 * Per week of one category: its lasting records (every kind that is not a series) and the time of
 * each live entry. Bump the name whenever what it computes changes.
 */
export const lastingWeekQuery = (category: Category): DeriveQuery<LastingWeek> => ({
	category,
	name: 'people-lasting-v2',
	compute: (records) => ({
		records: records
			.filter((r) => !isSeriesKind(r.kind))
			.map((r) => ({
				id: r.id,
				kind: r.kind,
				at: r.at,
				hlc: r.hlc,
				...(r.author === undefined ? {} : { author: r.author }),
				...(r.signature === undefined ? {} : { signature: r.signature }),
				body: r.body
			})),
		times: records.map((r) => r.at)
	}),
	parse: (value) => {
		const parsed = lastingWeekSchema.safeParse(value);
		return parsed.success ? parsed.data : null;
	}
});

const readableOf = (circle: PeopleCircle): readonly Category[] =>
	SHAREABLE_CATEGORIES.filter((c) => circle.canRead(c));

async function lastingOf(circle: PeopleCircle, categories: readonly Category[]) {
	const perCategory = await Promise.all(
		categories.map(async (category) => ({
			category,
			weeks: await circle.records.derive(lastingWeekQuery(category))
		}))
	);
	const records: SharedRecord[] = [];
	const times: { category: Category; at: number }[] = [];
	for (const { category, weeks } of perCategory) {
		for (const { value } of weeks) {
			for (const r of value.records) records.push({ ...r, category, deleted: false });
			for (const at of value.times) times.push({ category, at });
		}
	}
	return { records, times };
}

async function seriesFrom(
	circle: PeopleCircle,
	categories: readonly Category[],
	from: number
): Promise<readonly SharedRecord[]> {
	const lists = await Promise.all(
		categories.map((category) => circle.records.query({ category, from }))
	);
	return lists.flat();
}

/**
 * What one person's summary reads: every lasting record (from the week digests) and the last
 * `SUMMARY_DAYS` days of the granted categories (the newest version of a record wins).
 */
export async function summaryRecordsOf(
	circle: PeopleCircle,
	now: number
): Promise<{ readonly readable: readonly Category[]; readonly records: readonly SharedRecord[] }> {
	const readable = readableOf(circle);
	const [lasting, recent] = await Promise.all([
		lastingOf(circle, readable),
		seriesFrom(circle, readable, now - SUMMARY_DAYS * DAY_MS)
	]);
	const recentIds = new Set(recent.map((r) => r.id));
	return {
		readable,
		records: [...lasting.records.filter((r) => !recentIds.has(r.id)), ...recent]
	};
}

/** The digest of an opened circle as of `now` (reads week digests and 14 days of series). */
export async function computePeopleDigest(
	circle: PeopleCircle,
	now: number,
	checkAuthors?: CheckAuthors
): Promise<PeopleDigest> {
	const readable = readableOf(circle);
	const [lasting, recent] = await Promise.all([
		lastingOf(circle, readable),
		seriesFrom(circle, readable, now - FLAG_LOOKBACK_MS)
	]);
	const records = [...recent, ...lasting.records];
	return peopleDigestOf({
		records: checkAuthors === undefined ? records : await checkAuthors(records),
		times: lasting.times,
		ownerId: circle.ownerId,
		readable,
		computedAt: now
	});
}

// ---- sealed storage -------------------------------------------------------------------------

const storedSchema = z.object({
	circleId: z.string(),
	keyId: z.string(),
	iv: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array),
	ct: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array)
});

interface Payload {
	/** `category:week` → tag, of the readable categories, when the digest was computed. */
	readonly tags: Readonly<Record<string, string>>;
	readonly digest: PeopleDigest;
}

const payloadTagsSchema = z.object({ tags: z.record(z.string(), z.string()) });

const bound = (circleId: string, keyId: string) => ({
	id: PEOPLE_DIGEST_KEY,
	circleId,
	category: 'settings',
	keyId,
	schemaVersion: PEOPLE_DIGEST_VERSION
});

const openDb = (circleId: string, options: DbOptions): MemberCircleDb =>
	new MemberCircleDb(memberDbName(circleId), {
		...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
		...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {})
	});

async function tagsOf(
	db: MemberCircleDb,
	categories: readonly Category[]
): Promise<Record<string, string>> {
	if (categories.length === 0) return {};
	const rows = await db.weeks
		.where('category')
		.anyOf([...categories])
		.toArray();
	return Object.fromEntries(rows.map((r) => [r.key, r.tag]));
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const sameCategories = (a: readonly Category[], b: readonly Category[]): boolean =>
	a.length === b.length && a.every((c) => b.includes(c));

const openDigests = (options: DbOptions): PeopleDigestDb =>
	new PeopleDigestDb({
		...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
		...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {})
	});

async function readPayload(
	circleId: string,
	keys: DeviceKeys,
	options: DbOptions
): Promise<Payload | null> {
	const digests = openDigests(options);
	let row: unknown;
	try {
		row = await digests.digests.get(circleId);
	} finally {
		digests.close();
	}
	const stored = storedSchema.safeParse(row);
	if (!stored.success) return null;
	const key = await keys.byId(stored.data.keyId);
	if (key === null) return null;
	const plain = await open(
		key,
		bound(circleId, stored.data.keyId),
		makeCiphertext(stored.data.iv, stored.data.ct)
	);
	if (plain === null) return null;
	try {
		const value: unknown = JSON.parse(fromUtf8(plain.bytes));
		const tags = payloadTagsSchema.safeParse(value);
		const digest = peopleDigestSchema.safeParse(
			typeof value === 'object' && value !== null && 'digest' in value ? value.digest : null
		);
		return tags.success && digest.success ? { tags: tags.data.tags, digest: digest.data } : null;
	} catch {
		return null;
	}
}

async function writePayload(
	circleId: string,
	keys: DeviceKeys,
	payload: Payload,
	options: DbOptions
): Promise<boolean> {
	const active = await keys.active();
	if (active === null) return false;
	const sealed = await seal(
		active.key,
		bound(circleId, active.keyId),
		utf8(JSON.stringify(payload))
	);
	const digests = openDigests(options);
	try {
		await digests.digests.put({ circleId, keyId: active.keyId, iv: sealed.iv, ct: sealed.data });
	} finally {
		digests.close();
	}
	return true;
}

/** Forgets a circle's digest (the circle was removed or forgotten on this device). */
export async function forgetPeopleDigest(circleId: string, options: DbOptions = {}): Promise<void> {
	const digests = openDigests(options);
	try {
		await digests.digests.delete(circleId);
	} finally {
		digests.close();
	}
}

export interface ReadDigest {
	readonly digest: PeopleDigest;
	/**
	 * false when a week it was computed from changed since (or its categories' weeks did); null
	 * when not checked (`checkFresh: false`: drawing first, checking after).
	 */
	readonly fresh: boolean | null;
}

/**
 * The sealed digest kept for a circle, without opening the circle (no network, not its keys).
 * With `checkFresh` (the default) its week tags are compared with the cache's.
 */
export async function readPeopleDigest(
	circleId: string,
	keys: DeviceKeys,
	options: DbOptions & { readonly checkFresh?: boolean } = {}
): Promise<ReadDigest | null> {
	const payload = await readPayload(circleId, keys, options);
	if (payload === null) return null;
	if (options.checkFresh === false) return { digest: payload.digest, fresh: null };
	const db = openDb(circleId, options);
	try {
		const current = await tagsOf(db, payload.digest.readable);
		return { digest: payload.digest, fresh: sameTags(payload.tags, current) };
	} finally {
		db.close();
	}
}

/**
 * The circle's digest, recomputed only when its weeks, its readable categories or its owner
 * changed (or the clock went back before it), and then sealed and kept.
 */
export async function refreshPeopleDigest(
	circle: PeopleCircle,
	keys: DeviceKeys,
	now: number,
	options: DbOptions & { readonly checkAuthors?: CheckAuthors } = {}
): Promise<PeopleDigest> {
	const db = openDb(circle.circleId, options);
	try {
		const readable = readableOf(circle);
		const before = await tagsOf(db, readable);
		const kept = await readPayload(circle.circleId, keys, options);
		if (
			kept !== null &&
			kept.digest.ownerId === circle.ownerId &&
			kept.digest.computedAt <= now &&
			sameCategories(kept.digest.readable, readable) &&
			sameTags(kept.tags, before)
		)
			return kept.digest;
		const digest = await computePeopleDigest(circle, now, options.checkAuthors);
		// Weeks tagged for the first time while computing are in `after`; a week retagged by a pull
		// meanwhile makes the two differ: the older tags are kept, so the next reading recomputes.
		const after = await tagsOf(db, readable);
		await writePayload(
			circle.circleId,
			keys,
			{ tags: sameTags(before, after) ? after : before, digest },
			options
		).catch(() => false);
		return digest;
	} finally {
		db.close();
	}
}
