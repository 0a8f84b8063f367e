// The circle roster (issue 14 §6, threat model: "every key a device uses must come from its own
// sealed state or carry the signature of an identity that device pinned"): the list of a circle's
// members — account id, care role, the label the person gave them and their identity key — SIGNED
// BY THE PERSON'S identity key over a canonical encoding bound to the circle id and a version
// number. A member's device pinned only the person's key (after the invitation proof); it checks
// the roster against that pin and then trusts the listed keys to verify signatures made inside
// this circle (care-plan agreements), so a carer sees the GP's agreement as verified.
// A member removed from the circle stays on the list with `until` (the person's time of the
// version that removed her) and `seen`: the digests of her signed statements the person's device
// held when it removed her (`domain/circle/record-signature.ts`). Her key verifies only those: a
// date she signed herself proves nothing, so a statement she signs after leaving (backdated or not)
// reads "signed by her after she left".
// `ownSignedSince` (optional): the HLC from which every version the person's devices write is
// signed (`vault/own-signatures.ts`), so a member's device refuses an unsigned version with no
// author written after it as the person's. Framed after the members only when present, so lists
// signed without it verify unchanged.
// Invariants: the signed message is framed (length-prefixed fields, members sorted by account id),
// so a change of circle id, version, time, or any member's id, role, label, key or `until` changes
// it; a device keeps the highest version it verified and refuses a lower one (a server replaying an
// older list), or another list under the same version; crypto is injected (this module is pure).
import * as z from 'zod';
import { err, ok, type Result } from '../result';
import { careRoleSchema } from './index';

export const ROSTER_CONTEXT = 'cercle-circle-roster-v1';
export const ROSTER_MEMBERS_MAX = 500;
/** Statements committed for one former member (a longer list is cut: the rest read "after she left"). */
export const ROSTER_SEEN_MAX = 2000;
/** The label framed before the marker of the person's own signatures. */
const OWN_SIGNED_SINCE = 'own-signed-since';

export const rosterMemberSchema = z.object({
	accountId: z.string().min(1).max(64),
	role: careRoleSchema,
	/** How the person names this member ("Dr Martin"). */
	label: z.string().max(80),
	/** Raw P-256 identity key, base64url (the one the person pinned after the proof). */
	identityKey: z.string().min(1).max(200),
	/** null while a member; the person's time of the version that removed them otherwise. */
	until: z.number().int().nonnegative().nullable(),
	/**
	 * For a former member: digests of the statements she signed that the person's device held
	 * when she was removed (sorted); absent on a current member and on lists made before.
	 */
	seen: z
		.array(z.string().regex(/^[0-9a-f]{32}$/))
		.max(ROSTER_SEEN_MAX)
		.optional()
});
export type RosterMember = z.infer<typeof rosterMemberSchema>;

export const rosterSchema = z
	.object({
		circleId: z.string().min(1).max(64),
		/** Strictly increasing with each list the person publishes for this circle. */
		version: z.number().int().positive(),
		issuedAt: z.number().int().nonnegative(),
		members: z.array(rosterMemberSchema).max(ROSTER_MEMBERS_MAX),
		/** The HLC from which the person's own writes are all signed (absent: not known). */
		ownSignedSince: z
			.string()
			.regex(/^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/)
			.optional()
	})
	.refine((r) => new Set(r.members.map((m) => m.accountId)).size === r.members.length, {
		error: 'one entry per member'
	});
export type Roster = z.infer<typeof rosterSchema>;

export const signedRosterSchema = z.object({
	roster: rosterSchema,
	/** base64url P1363 ECDSA signature by the person's identity key over `rosterFields`. */
	signature: z.string().min(1).max(200)
});
export type SignedRoster = z.infer<typeof signedRosterSchema>;

/**
 * `until`, and for a former member with a commitment its digests after a '|' (hex, comma-joined:
 * no digest contains either separator), so lists signed before commitments existed verify as they
 * were and a commitment cannot be moved to another member.
 */
const untilField = (m: RosterMember): string =>
	m.until === null
		? '-'
		: m.seen === undefined
			? String(m.until)
			: `${String(m.until)}|${m.seen.join(',')}`;

/** The framed fields the person signs: context, circle, version, time, then each member in order. */
export function rosterFields(roster: Roster): readonly string[] {
	const members = roster.members.toSorted((a, b) =>
		a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0
	);
	return [
		ROSTER_CONTEXT,
		roster.circleId,
		String(roster.version),
		String(roster.issuedAt),
		String(members.length),
		...members.flatMap((m) => [m.accountId, m.role, m.label, m.identityKey, untilField(m)]),
		...(roster.ownSignedSince === undefined ? [] : [OWN_SIGNED_SINCE, roster.ownSignedSince])
	];
}

/** Why a roster from the server is not used, as data (the UI puts it in words). */
export type RosterRefusal =
	| { readonly type: 'missing' }
	| { readonly type: 'malformed' }
	/** This device has no pinned key for the person. */
	| { readonly type: 'no-owner-key' }
	| { readonly type: 'wrong-circle' }
	| { readonly type: 'bad-signature' }
	/** Older than the highest version this device already verified (a replay). */
	| { readonly type: 'rollback'; readonly seen: number; readonly got: number }
	/** The same version as the one kept here, with other contents. */
	| { readonly type: 'fork'; readonly version: number };

export interface RosterVerify {
	/** true only when `signature` over the framed `fields` verifies under `identityKey`. */
	readonly verify: (
		identityKey: string,
		fields: readonly string[],
		signature: string
	) => Promise<boolean>;
}

const sameFields = (a: readonly string[], b: readonly string[]): boolean =>
	a.length === b.length && a.every((f, i) => f === b[i]);

/**
 * Checks a roster as the server handed it: shape, circle, the person's signature under the key
 * this device PINNED for her, then the version against the highest one kept here.
 */
export async function checkRoster(
	input: unknown,
	context: RosterVerify & {
		readonly circleId: string;
		readonly ownerKey: string | null;
		/** The highest roster this device verified before (sealed in its vault), or null. */
		readonly kept: SignedRoster | null;
	}
): Promise<Result<SignedRoster, RosterRefusal>> {
	if (input === null || input === undefined) return err({ type: 'missing' });
	const parsed = signedRosterSchema.safeParse(input);
	if (!parsed.success) return err({ type: 'malformed' });
	const signed = parsed.data;
	if (context.ownerKey === null) return err({ type: 'no-owner-key' });
	if (signed.roster.circleId !== context.circleId) return err({ type: 'wrong-circle' });
	const fields = rosterFields(signed.roster);
	if (!(await context.verify(context.ownerKey, fields, signed.signature)))
		return err({ type: 'bad-signature' });
	const kept = context.kept;
	if (kept !== null) {
		if (signed.roster.version < kept.roster.version)
			return err({ type: 'rollback', seen: kept.roster.version, got: signed.roster.version });
		if (
			signed.roster.version === kept.roster.version &&
			!sameFields(fields, rosterFields(kept.roster))
		)
			return err({ type: 'fork', version: signed.roster.version });
	}
	return ok(signed);
}

/**
 * A key the roster vouches for: valid for statements dated before `until` (null: no end); for a
 * former member's signed records, only those whose digests are in `seen` (null: none committed).
 */
export interface RosterKey {
	readonly identityKey: string;
	readonly until: number | null;
	readonly seen: readonly string[] | null;
}

/** The roster's entry for an account, or null (never the person herself: her key is the pin). */
export function rosterKeyOf(roster: Roster, accountId: string): RosterKey | null {
	const entry = roster.members.find((m) => m.accountId === accountId);
	return entry === undefined
		? null
		: { identityKey: entry.identityKey, until: entry.until, seen: entry.seen ?? null };
}

/**
 * The next roster the person's device publishes: the members whose keys it pinned (active now),
 * and everyone on the previous list who is not any more, with the time they left (kept from the
 * previous list, or `now` for those who just left, with `seenOf` their committed statements).
 * null when nothing changed, or when there is no list yet and nobody to list.
 */
export function nextRoster(input: {
	readonly circleId: string;
	readonly previous: Roster | null;
	readonly current: readonly Omit<RosterMember, 'until' | 'seen'>[];
	readonly now: number;
	/** The digests of the statements of a member who leaves in this version (sorted, capped). */
	readonly seenOf?: (accountId: string) => readonly string[];
	/** The HLC her devices began signing her own writes (kept from the previous list if absent). */
	readonly ownSignedSince?: string | null;
}): Roster | null {
	const { previous, now } = input;
	const currentIds = new Set(input.current.map((m) => m.accountId));
	const members: RosterMember[] = input.current.map((m) => ({ ...m, until: null }));
	for (const old of previous?.members ?? []) {
		if (currentIds.has(old.accountId)) continue;
		if (old.until !== null) {
			members.push(old);
			continue;
		}
		const seen = [...(input.seenOf?.(old.accountId) ?? [])].sort().slice(-ROSTER_SEEN_MAX);
		members.push({ ...old, until: now, seen });
	}
	if (previous === null && members.length === 0) return null;
	const since = input.ownSignedSince ?? previous?.ownSignedSince ?? null;
	const draft: Roster = {
		circleId: input.circleId,
		version: (previous?.version ?? 0) + 1,
		issuedAt: now,
		members,
		...(since === null ? {} : { ownSignedSince: since })
	};
	if (previous !== null) {
		const unchanged = sameFields(
			rosterFields({ ...draft, version: previous.version, issuedAt: previous.issuedAt }),
			rosterFields(previous)
		);
		if (unchanged) return null;
	}
	return draft;
}
