// The week cache of a circle this account is a member of: which weeks of which category hold
// envelopes (read from the index, never decrypted), and each week decrypted and merged only when a
// query, a write or a pull needs it (a record lives in the week of its id, like the person's
// buckets). Merging a week also compacts it: versions the merge superseded leave the cache.
// Invariants: an envelope opens only with a key of its own category and of this circle; a cached
// envelope under a key this member does not hold (yet) is kept, neither shown nor counted; every
// change to what a week holds (pulled, written, refused) gives it a new tag (digests depend on it);
// a load started before `reset` is not kept.
import { hlcSchema } from '$lib/contracts/hlc';
import { categorySchema, type Category } from '$lib/domain/categories';
import type { Clock } from '$lib/sync/hlc';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import type { StoredRecord } from './buckets';
import { openEnvelope } from './envelope';
import { envelopeWeek, type MemberCircleDb } from './member-db';
import { newTag, weekKey } from './member-digests';
import type { MemberKeyring } from './member-records';
import { mergeIncoming } from './record-ops';

export interface Week {
	readonly records: Map<string, StoredRecord>;
	/** Envelopes of this week with a key of this keyring that did not open. */
	unreadable: number;
}

export type WeekRef = readonly [Category, number];

export interface MemberWeeksDeps {
	readonly circleId: string;
	readonly db: MemberCircleDb;
	readonly keyring: () => MemberKeyring;
	readonly clock: Clock;
}

export function createMemberWeeks(deps: MemberWeeksDeps) {
	const { db, clock } = deps;
	// Weeks decrypted and merged so far (`category:week`), and those being loaded now. A record
	// lives in the week of its id, like the person's buckets; nothing else is decrypted.
	const weeks = new Map<string, Week>();
	const loading = new Map<string, Promise<Week>>();
	// Bumped by `rebuild`: a load started before it is not kept.
	let generation = 0;
	let weekList: Promise<Map<Category, Set<number>>> | null = null;
	let queued: Promise<readonly Envelope[]> | null = null;

	function keyFor(e: Envelope): CryptoKey | undefined {
		const ring = deps.keyring();
		if (!hlcSchema.safeParse(e.hlc).success || e.circleId !== deps.circleId) return undefined;
		return ring.categoryOf.get(e.keyId) === e.category ? ring.byId.get(e.keyId) : undefined;
	}

	/** The weeks of each category in the cache and the outbox (index keys only, no values). */
	function listWeeks(): Promise<Map<Category, Set<number>>> {
		weekList ??= (async () => {
			const list = new Map<Category, Set<number>>();
			const add = (category: string, week: number) => {
				const parsed = categorySchema.safeParse(category);
				if (!parsed.success) return;
				const set = list.get(parsed.data) ?? new Set<number>();
				set.add(week);
				list.set(parsed.data, set);
			};
			const keys = await db.envelopes.orderBy('[category+week]').uniqueKeys();
			for (const key of keys) {
				if (Array.isArray(key) && typeof key[0] === 'string' && typeof key[1] === 'number') {
					add(key[0], key[1]);
				}
			}
			for (const e of await queuedEnvelopes()) add(e.category, envelopeWeek(e.id));
			return list;
		})();
		return weekList;
	}

	function queuedEnvelopes(): Promise<readonly Envelope[]> {
		queued ??= db.outbox
			.orderBy('seq')
			.toArray()
			.then((rows) => rows.map((r) => r.envelope));
		return queued;
	}

	/**
	 * Merges one week's versions (cached, then queued) and drops from the cache the versions the
	 * merge superseded: only the newest version of a record (and the other side of a conflict the
	 * person has not resolved) stays.
	 */
	async function mergeWeek(category: Category, week: number): Promise<Week> {
		const cached = await db.envelopes.where('[category+week]').equals([category, week]).toArray();
		cached.sort((a, b) => a.seq - b.seq);
		const mine = (await queuedEnvelopes()).filter(
			(e) => e.category === category && envelopeWeek(e.id) === week
		);
		const result: Week = { records: new Map(), unreadable: 0 };
		const opened: [string, string][] = [];
		const versions = [
			...cached.map((e) => ({ e, isCached: true })),
			...mine.map((e) => ({ e, isCached: false }))
		];
		// A cached envelope under a key this member does not hold (yet) is not counted.
		const known = versions.filter(
			({ e, isCached }) => !isCached || deps.keyring().byId.has(e.keyId)
		);
		// Opened all at once (WebCrypto works while the next call is made), merged in order.
		const records = await Promise.all(
			known.map(({ e }) => {
				const key = keyFor(e);
				return key ? openEnvelope(key, e) : Promise.resolve(null);
			})
		);
		for (const [i, { e, isCached }] of known.entries()) {
			const record = records[i] ?? null;
			if (record === null) {
				result.unreadable++;
				continue;
			}
			clock.receive(e.hlc);
			const next = mergeIncoming(result.records.get(record.id), record);
			if (next !== null) result.records.set(record.id, next);
			if (isCached) opened.push([e.id, e.hlc]);
		}
		await compact(result, opened);
		return result;
	}

	async function compact(week: Week, versions: readonly [string, string][]): Promise<void> {
		const superseded = versions.filter(([id, hlc]) => {
			const r = week.records.get(id);
			return r !== undefined && r.hlc !== hlc && r.conflict?.hlc !== hlc;
		});
		if (superseded.length > 0) await db.envelopes.bulkDelete([...superseded]);
	}

	function loadWeek(category: Category, week: number): Promise<Week> {
		const key = weekKey(category, week);
		const hit = weeks.get(key);
		if (hit) return Promise.resolve(hit);
		const pending = loading.get(key);
		if (pending) return pending;
		const started = generation;
		const load = mergeWeek(category, week).then((w) => {
			if (started === generation) weeks.set(key, w);
			return w;
		});
		const tracked = load.finally(() => {
			if (loading.get(key) === tracked) loading.delete(key);
		});
		loading.set(key, tracked);
		return tracked;
	}

	/** Gives the weeks a new tag: what they hold changed, so their stored digests are stale. */
	async function retag(keys: Iterable<readonly [Category, number]>): Promise<void> {
		const rows = [...keys].map(([category, week]) => ({
			key: weekKey(category, week),
			category,
			week,
			tag: newTag()
		}));
		if (rows.length > 0) await db.weeks.bulkPut(rows);
	}

	async function addWeeks(keys: Iterable<readonly [Category, number]>): Promise<void> {
		const list = await listWeeks();
		for (const [category, week] of keys) {
			const set = list.get(category) ?? new Set<number>();
			set.add(week);
			list.set(category, set);
		}
	}

	/** The weeks these envelopes fall in (of known categories). */
	function weeksOfEnvelopes(envelopes: readonly Envelope[]): Map<string, WeekRef> {
		const refs = new Map<string, WeekRef>();
		for (const e of envelopes) {
			const category = categorySchema.safeParse(e.category);
			const week = envelopeWeek(e.id);
			if (category.success) refs.set(weekKey(e.category, week), [category.data, week]);
		}
		return refs;
	}

	return {
		keyFor,
		listWeeks,
		loadWeek,
		retag,
		weeksOfEnvelopes,
		/** Stores a pulled page, retags its weeks and merges them again (others stay unread). */
		async store(envelopes: readonly PulledEnvelope[]): Promise<ReadonlySet<Category>> {
			const touched = weeksOfEnvelopes(envelopes);
			const rows = envelopes.map((e) => ({ ...e, week: envelopeWeek(e.id) }));
			await db.transaction('rw', db.envelopes, db.weeks, async () => {
				if (rows.length > 0) await db.envelopes.bulkPut(rows);
				await retag(touched.values());
			});
			await addWeeks(touched.values());
			for (const key of touched.keys()) weeks.delete(key);
			for (const [category, week] of touched.values()) await loadWeek(category, week);
			return new Set([...touched.values()].map(([c]) => c));
		},
		/** After a write: its envelopes joined the outbox and its weeks (already loaded). */
		async queuedAdd(envelopes: readonly Envelope[], refs: Iterable<WeekRef>): Promise<void> {
			const queue = await queuedEnvelopes();
			queued = Promise.resolve([...queue, ...envelopes]);
			await addWeeks(refs);
		},
		/** Forgets the weeks of categories not in `readable` (memory only). */
		forgetCategories(readable: readonly string[], dropped: boolean): void {
			for (const key of [...weeks.keys()]) {
				if (!readable.some((c) => key.startsWith(`${c}:`))) weeks.delete(key);
			}
			if (dropped) weekList = null;
		},
		/** Forgets what was decrypted and listed: read again lazily (keys or outbox changed). */
		reset(): void {
			generation++;
			weeks.clear();
			loading.clear();
			weekList = null;
			queued = null;
		},
		unreadable: () => [...weeks.values()].reduce((n, w) => n + w.unreadable, 0)
	};
}
