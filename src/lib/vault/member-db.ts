// The cache of someone else's circle on a member's device (issue 5 §6), one Dexie database per
// circle: the envelopes exactly as the server sent them (ciphertext only), the pull checkpoint, the
// member's wrapped keys and grants as last fetched (wrapped to this account's sharing identity, whose
// private key lives only in the member's own encrypted vault), and an outbox of sealed envelopes
// written on the person's behalf while offline. Nothing decrypted is ever stored here, except
// the encrypted per-week digests (`digests`, sealed with the category's key, like the person's own
// vault keeps them) and a random tag per week (`weeks`) that changes whenever what that week holds
// changes, so a stored digest is used only for exactly the envelopes it was computed from.
// Version 2 files each envelope under the week of its record id (`week`, as the person's buckets
// are filed), so a screen reads the weeks it shows without reading the whole circle.
import { Dexie, type Table } from 'dexie';
import * as z from 'zod';
import { myKeysResponseSchema, type Member } from '$lib/contracts/circle';
import { grantSchema } from '$lib/domain/circle';
import type { PulledEnvelope, Envelope } from '$lib/sync/types';
import { weekOf } from './db';
import { uuidv7Time } from '$lib/domain/ids';

export const MEMBER_DB_PREFIX = 'cercle-member-';

export const memberDbName = (circleId: string): string => `${MEMBER_DB_PREFIX}${circleId}`;

export interface MemberMetaRow {
	readonly key: string;
	readonly value: unknown;
}

/** A pulled envelope as cached: filed under the week of its record id. */
export interface MemberEnvelopeRow extends PulledEnvelope {
	readonly week: number;
}

export const envelopeWeek = (id: string): number => weekOf(uuidv7Time(id));

/** `category:week` → a random tag, new whenever the week's envelopes (cached or queued) change. */
export interface MemberWeekRow {
	readonly key: string;
	readonly category: string;
	readonly week: number;
	readonly tag: string;
}

/** One digest map per category and computation, sealed with the category's key. */
export interface MemberDigestRow {
	readonly key: string;
	readonly keyId: string;
	readonly iv: Uint8Array<ArrayBuffer>;
	readonly ct: Uint8Array<ArrayBuffer>;
}

export interface MemberOutboxRow {
	readonly seq?: number;
	readonly envelope: Envelope;
}

export class MemberCircleDb extends Dexie {
	meta!: Table<MemberMetaRow, string>;
	envelopes!: Table<MemberEnvelopeRow, [string, string]>;
	outbox!: Table<MemberOutboxRow, number>;
	weeks!: Table<MemberWeekRow, string>;
	digests!: Table<MemberDigestRow, string>;

	constructor(
		name: string,
		options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }
	) {
		super(name, options);
		this.version(1).stores({
			meta: '&key',
			envelopes: '&[id+hlc], category, seq',
			outbox: '++seq'
		});
		this.version(2)
			.stores({
				envelopes: '&[id+hlc], category, seq, [category+week]',
				weeks: '&key, category',
				digests: '&key'
			})
			.upgrade((tx) =>
				tx
					.table<{ id: string; week?: number }>('envelopes')
					.toCollection()
					.modify((row) => {
						row.week = envelopeWeek(row.id);
					})
			);
	}
}

/** Deletes the cached copy of a circle (after removal, or when the person forgets the device). */
export async function forgetMemberCircle(
	circleId: string,
	options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}
): Promise<void> {
	await new MemberCircleDb(memberDbName(circleId), options).delete();
}

/** Deletes every member-circle cache on this device ("forget this device"). */
export async function forgetAllMemberCircles(
	options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}
): Promise<void> {
	const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? null : indexedDB);
	if (factory === null) return;
	const names = (await factory.databases()).flatMap((d) =>
		d.name?.startsWith(MEMBER_DB_PREFIX) ? [d.name] : []
	);
	for (const name of names) await new MemberCircleDb(name, options).delete();
}

const KEYS = 'keys';
const MEMBERS = 'members';
const OWNER_NAME = 'ownerName';

const cachedMembersSchema = z.array(
	z.object({
		accountId: z.string(),
		label: z.string(),
		grants: z.array(grantSchema).nullable(),
		// Cached before statuses were kept: counted as active.
		status: z.enum(['pending', 'active']).default('active')
	})
);
export type MemberKeys = z.infer<typeof myKeysResponseSchema>;
export type MemberList = readonly Pick<Member, 'accountId' | 'label' | 'grants' | 'status'>[];
export interface MemberAccess {
	readonly keys: MemberKeys;
	readonly members: MemberList;
}

/** The keys and members just fetched, kept for an opening offline. */
export async function saveAccess(db: MemberCircleDb, access: MemberAccess): Promise<void> {
	await db.meta.bulkPut([
		{ key: KEYS, value: access.keys },
		{ key: MEMBERS, value: access.members }
	]);
}

/** The keys and members last fetched (an opening offline), or null when none are cached. */
export async function cachedAccess(db: MemberCircleDb): Promise<MemberAccess | null> {
	const keys = myKeysResponseSchema.safeParse((await db.meta.get(KEYS))?.value);
	const members = cachedMembersSchema.safeParse((await db.meta.get(MEMBERS))?.value);
	return keys.success && members.success ? { keys: keys.data, members: members.data } : null;
}

/** The member's label for the person: as listed now (then kept), else as kept. */
export async function rememberedOwnerName(
	db: MemberCircleDb,
	listed: string | null
): Promise<string> {
	const kept = (await db.meta.get(OWNER_NAME))?.value;
	if (listed !== null && listed !== kept) await db.meta.put({ key: OWNER_NAME, value: listed });
	return listed ?? (typeof kept === 'string' ? kept : '');
}
