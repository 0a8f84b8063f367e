// The access log (DESIGN: Server, Audit): who did what to whose data, per circle, hash-chained.
// Wire format of the hash (documented here, where it is implemented):
//   hash = hex(SHA-256(UTF-8(canonical JSON of the entry without `hash`)))
// where canonical JSON sorts object keys and the entry includes `prevHash` (the previous entry's
// hash, GENESIS_HASH for seq 1). Invariants: seqs are 1, 2, 3… per circle with no gap; any altered,
// deleted, reordered or inserted entry breaks `verifyChain`; entries carry no content, only ids,
// a category, an action and a time. `target` (the account id of the member an action is about:
// granted, revoked, member-removed, invitation-accepted) is optional and added later: an entry
// without it has no `target` key at all (never `null`), so canonical JSON drops it and entries
// written before it existed hash exactly as they did; when present it is part of the hash. Pure and synchronous: the server and the client share it.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Category } from '../categories';
import { GENESIS_HASH, type AuditAction, type AuditEntry, type UnhashedAuditEntry } from './entry';

export {
	AUDIT_ACTIONS,
	auditActionSchema,
	auditEntrySchema,
	GENESIS_HASH,
	type AuditAction,
	type AuditEntry,
	type UnhashedAuditEntry
} from './entry';

/** JSON with object keys sorted at every level (the entry is flat; this stays general). */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const hashAuditEntry = (entry: UnhashedAuditEntry): string =>
	encodeHexLowerCase(
		sha256(
			new TextEncoder().encode(
				canonicalJson({
					seq: entry.seq,
					circleId: entry.circleId,
					actor: entry.actor,
					subject: entry.subject,
					// Dropped by canonicalJson when undefined: older entries hash as before.
					target: entry.target,
					category: entry.category,
					action: entry.action,
					at: entry.at,
					prevHash: entry.prevHash
				})
			)
		)
	);

export interface AuditFields {
	readonly circleId: string;
	readonly actor: string;
	readonly subject: string;
	/** The account id of the member the action is about, when it is about one. */
	readonly target?: string | undefined;
	readonly category: Category | null;
	readonly action: AuditAction;
	readonly at: number;
}

/** The entry that follows `previous` (null for the first entry of a circle). */
export function nextAuditEntry(
	previous: Pick<AuditEntry, 'seq' | 'hash'> | null,
	fields: AuditFields
): AuditEntry {
	const unhashed: UnhashedAuditEntry = {
		seq: (previous?.seq ?? 0) + 1,
		circleId: fields.circleId,
		actor: fields.actor,
		subject: fields.subject,
		...(fields.target === undefined ? {} : { target: fields.target }),
		category: fields.category,
		action: fields.action,
		at: fields.at,
		prevHash: previous?.hash ?? GENESIS_HASH
	};
	return { ...unhashed, hash: hashAuditEntry(unhashed) };
}

export type ChainBreak =
	| { readonly type: 'hash-mismatch'; readonly seq: number }
	| { readonly type: 'broken-link'; readonly seq: number }
	| { readonly type: 'seq-gap'; readonly expected: number; readonly found: number }
	| { readonly type: 'wrong-circle'; readonly seq: number }
	| { readonly type: 'truncated'; readonly expectedSeq: number };

export type ChainCheck = { readonly ok: true } | { readonly ok: false; readonly error: ChainBreak };

/**
 * Checks a whole chain from seq 1. With `head` (the last seq and hash seen before, or the
 * server's head row), deleting the newest entries is detected too.
 */
export function verifyChain(
	entries: readonly AuditEntry[],
	head?: { readonly seq: number; readonly hash: string }
): ChainCheck {
	let prevHash = GENESIS_HASH;
	const circleId = entries[0]?.circleId;
	for (const [i, entry] of entries.entries()) {
		if (entry.seq !== i + 1)
			return { ok: false, error: { type: 'seq-gap', expected: i + 1, found: entry.seq } };
		if (entry.circleId !== circleId)
			return { ok: false, error: { type: 'wrong-circle', seq: entry.seq } };
		if (entry.prevHash !== prevHash)
			return { ok: false, error: { type: 'broken-link', seq: entry.seq } };
		const { hash, ...unhashed } = entry;
		if (hashAuditEntry(unhashed) !== hash)
			return { ok: false, error: { type: 'hash-mismatch', seq: entry.seq } };
		prevHash = hash;
	}
	if (head !== undefined) {
		const last = entries.at(-1);
		if (head.seq > 0 && (last === undefined || last.seq < head.seq))
			return { ok: false, error: { type: 'truncated', expectedSeq: head.seq } };
		const atHead = entries[head.seq - 1];
		if (head.seq > 0 && atHead?.hash !== head.hash)
			return { ok: false, error: { type: 'hash-mismatch', seq: head.seq } };
	}
	return { ok: true };
}

export interface AuditMember {
	readonly accountId: string;
	readonly label: string;
	/** A care role, 'owner' for the person, or 'team' for a care team she invited. */
	readonly role: string;
	/** For a professional who read through a care team: the name the person gave that team. */
	readonly team?: string | undefined;
}

/** The member an entry is about: `name` and `role` are null when they are no longer known. */
export interface AuditTarget {
	readonly name: string | null;
	readonly role: string | null;
	/** The member did it themself (a member who left the circle). */
	readonly isActor: boolean;
}

/** What the UI needs to say "Claire (carer) received your medication records on 3 Nov at 18:02". */
export interface AuditLine {
	readonly seq: number;
	readonly actorName: string | null;
	readonly actorRole: string | null;
	readonly actorIsSubject: boolean;
	/** The care team the actor read through ("Dr X (SSIAD du Port)"), or null. */
	readonly actorTeam: string | null;
	/** Null when the entry is about no particular member (or predates targets). */
	readonly target: AuditTarget | null;
	readonly category: Category | null;
	readonly action: AuditAction;
	readonly at: number;
}

export function describeAuditEntry(
	entry: AuditEntry,
	members: ReadonlyMap<string, AuditMember>
): AuditLine {
	const actor = members.get(entry.actor);
	const target = entry.target === undefined ? undefined : members.get(entry.target);
	// A pull through a care team names the team as its target; otherwise the team she is known by.
	const throughTeam = entry.action === 'pulled' && target?.role === 'team' ? target.label : null;
	return {
		seq: entry.seq,
		actorName: actor?.label ?? null,
		actorRole: actor?.role ?? null,
		actorIsSubject: entry.actor === entry.subject,
		actorTeam: throughTeam ?? actor?.team ?? null,
		target:
			entry.target === undefined
				? null
				: {
						name: target?.label ?? null,
						role: target?.role ?? null,
						isActor: entry.target === entry.actor
					},
		category: entry.category,
		action: entry.action,
		at: entry.at
	};
}
