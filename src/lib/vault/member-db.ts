// The cache of someone else's circle on a member's device (issue 5 §6), one Dexie database per
// circle: the envelopes exactly as the server sent them (ciphertext only), the pull checkpoint, the
// member's wrapped keys and grants as last fetched (wrapped to this account's sharing identity, whose
// private key lives only in the member's own encrypted vault), and an outbox of sealed envelopes
// written on the person's behalf while offline. Nothing decrypted is ever stored here.
import { Dexie, type Table } from 'dexie';
import type { PulledEnvelope, Envelope } from '$lib/sync/types';

export const MEMBER_DB_PREFIX = 'cercle-member-';

export const memberDbName = (circleId: string): string => `${MEMBER_DB_PREFIX}${circleId}`;

export interface MemberMetaRow {
	readonly key: string;
	readonly value: unknown;
}

export interface MemberOutboxRow {
	readonly seq?: number;
	readonly envelope: Envelope;
}

export class MemberCircleDb extends Dexie {
	meta!: Table<MemberMetaRow, string>;
	envelopes!: Table<PulledEnvelope, [string, string]>;
	outbox!: Table<MemberOutboxRow, number>;

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
