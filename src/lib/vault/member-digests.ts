// Per-week derived values (digests) of a circle this account is a member of, kept encrypted in the
// circle's cache: the same `DeriveQuery` the person's own vault answers (`derived.ts`), so a
// screen that shows a medicine's name or a year of readings from someone else's circle reopens
// from its digests and decrypts only the weeks that changed.
// Invariants: a stored value is used only when its week's tag (`member-db.ts` `weeks`) is the one
// it was computed under (the tag changes with every change to what the week holds); the map is
// sealed with the category's key and bound to its own id (`derived:<category>:<name>`) and to this
// circle; a map that fails to open or parse is recomputed, never trusted; `compute` sees the live
// records only; nothing here leaves the device.
import * as z from 'zod/mini';
import { open, seal } from '$lib/crypto/aead';
import { fromUtf8, randomBytes, toHex, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import type { Category } from '$lib/domain/categories';
import type { DeriveQuery, Derived, VaultRecord } from '$lib/domain/records';
import { SCHEMA_VERSION, type StoredRecord } from './buckets';
import { weekOf } from './db';
import type { MemberCircleDb } from './member-db';
import type { MemberKeyring } from './member-records';

const storedSchema = z.object({
	v: z.literal(1),
	weeks: z.record(z.string(), z.object({ tag: z.string(), value: z.unknown() }))
});
type Entry = z.infer<typeof storedSchema>['weeks'][string];

export const weekKey = (category: string, week: number): string => `${category}:${String(week)}`;

export const newTag = (): string => toHex(randomBytes(8));

export interface MemberDigestsDeps {
	readonly circleId: string;
	readonly db: MemberCircleDb;
	readonly keyring: () => MemberKeyring;
	/** The weeks holding records of `category`, ascending. */
	readonly weeksOf: (category: Category) => Promise<readonly number[]>;
	/** The merged records of one week (decrypting it if it is not in memory). */
	readonly recordsOf: (category: Category, week: number) => Promise<readonly StoredRecord[]>;
	readonly toVaultRecord: (category: Category, record: StoredRecord) => VaultRecord;
}

export interface MemberDigests {
	derive<T>(query: DeriveQuery<T>): Promise<readonly Derived<T>[]>;
}

export function createMemberDigests(deps: MemberDigestsDeps): MemberDigests {
	const { db } = deps;
	// Digest maps already opened (by digest id): a live query firing again does not open them again.
	const opened = new Map<string, Map<string, Entry>>();
	const bound = (id: string, category: Category, keyId: string) => ({
		id,
		circleId: deps.circleId,
		category,
		keyId,
		schemaVersion: SCHEMA_VERSION
	});

	async function load(id: string, category: Category): Promise<Map<string, Entry>> {
		const hit = opened.get(id);
		if (hit) return hit;
		const entries = new Map<string, Entry>();
		const row = await db.digests.get(id);
		const key = row ? deps.keyring().byId.get(row.keyId) : undefined;
		if (row && key && deps.keyring().categoryOf.get(row.keyId) === category) {
			const plain = await open(key, bound(id, category, row.keyId), makeCiphertext(row.iv, row.ct));
			try {
				const parsed = plain ? storedSchema.safeParse(JSON.parse(fromUtf8(plain.bytes))) : null;
				if (parsed?.success) {
					for (const [week, entry] of Object.entries(parsed.data.weeks)) entries.set(week, entry);
				}
			} catch {
				// Not JSON: recomputed, as if absent.
			}
		}
		opened.set(id, entries);
		return entries;
	}

	async function save(id: string, category: Category, entries: Map<string, Entry>) {
		const keyId = deps.keyring().active.get(category);
		const key = keyId ? deps.keyring().byId.get(keyId) : undefined;
		if (!keyId || !key) return;
		const plain = { v: 1, weeks: Object.fromEntries(entries) };
		const sealed = await seal(key, bound(id, category, keyId), utf8(JSON.stringify(plain)));
		await db.digests.put({ key: id, keyId, iv: sealed.iv, ct: sealed.data });
	}

	async function derive<T>(query: DeriveQuery<T>): Promise<readonly Derived<T>[]> {
		const { category } = query;
		const id = `derived:${category}:${query.name}`;
		const lower = query.from === undefined ? -Infinity : weekOf(query.from) - 1;
		const weeks = (await deps.weeksOf(category)).filter((w) => w >= lower);
		const tags = new Map(
			(await db.weeks.where('category').equals(category).toArray()).map((r) => [r.week, r.tag])
		);
		const entries = await load(id, category);
		const fresh: { key: string; category: string; week: number; tag: string }[] = [];
		const out: Derived<T>[] = [];
		let changed = false;
		for (const week of weeks) {
			const tag = tags.get(week);
			const entry = entries.get(String(week));
			const kept = tag !== undefined && entry?.tag === tag ? query.parse(entry.value) : null;
			const bid = `${deps.circleId}:${category}:${String(week)}`;
			if (kept !== null) {
				out.push({ bid, week, value: kept });
				continue;
			}
			const records = await deps.recordsOf(category, week);
			const kinds = query.kinds;
			const value = query.compute(
				records
					.filter((r) => !r.deleted && (kinds === undefined || kinds.has(r.kind)))
					.map((r) => deps.toVaultRecord(category, r))
			);
			const used = tag ?? newTag();
			if (tag === undefined)
				fresh.push({ key: weekKey(category, week), category, week, tag: used });
			entries.set(String(week), { tag: used, value });
			changed = true;
			out.push({ bid, week, value });
		}
		if (changed) {
			// Best effort: a failed write only means the work is done again next time. A week given
			// its first tag here keeps it only if no write tagged it meanwhile.
			await db
				.transaction('rw', db.weeks, async () => {
					for (const row of fresh)
						if ((await db.weeks.get(row.key)) === undefined) await db.weeks.put(row);
				})
				.catch(() => undefined);
			await save(id, category, entries).catch(() => undefined);
		}
		return out;
	}

	return { derive };
}
