// The person's own writes, signed (issue 14, "who wrote it"): every version her devices write
// into her circle without an `author` (hers) is signed with her identity key over the same framed
// statement as a member's (`domain/circle/record-signature.ts`, author `OWNER_AUTHOR`), so a
// member holding a category key can no longer pass a version with no author off as hers.
// The marker `own-signatures-since` (a `settings` record, sealed and synced to her devices only)
// holds the HLC of the first version signed: an unsigned version from before it is read as hers,
// as it always was; one at or after it is not (`checkRecordAuthor` with `owner`).
// Why `settings` is not signed: no member ever holds its key, so nobody else can write it (and
// the identity key itself lives there).
// Loaded on the first commit of a session (dynamic import from `records.ts`): the identity code
// is no part of an unlocked Today (issue 18).
// Invariants: never throws for a missing identity (no key: nothing is signed, no marker is set);
// the marker is only ever written once a signed version exists, and the earliest one found wins.
import * as z from 'zod/mini';
import { sha256Text, signFields } from '$lib/crypto/framed-signature';
import { OWNER_AUTHOR, statementFieldsOf } from '$lib/domain/circle/record-signature';
import type { Category } from '$lib/domain/categories';
import type { RecordOp, RecordQuery, VaultRecord } from '$lib/domain/records';
import type { StoredRecord } from './buckets';
import { signingIdentityIn } from './sharing-keys';

export const OWN_SIGNATURES_KIND = 'own-signatures-since';

const markerSchema = z.object({ since: z.string().check(z.length(37)) });

type Query = (q: RecordQuery) => Promise<readonly VaultRecord[]>;

/** The earliest marker kept in these records (the HLC her devices began signing), or null. */
export async function ownSignaturesSinceIn(query: Query): Promise<string | null> {
	const rows = await query({ category: 'settings', kinds: [OWN_SIGNATURES_KIND] });
	let since: string | null = null;
	for (const row of rows) {
		const parsed = markerSchema.safeParse(row.body);
		if (parsed.success && (since === null || parsed.data.since < since)) since = parsed.data.since;
	}
	return since;
}

export interface OwnSigner {
	/** The version signed, when it is hers to sign (no author, not `settings`); else as it is. */
	readonly sign: (circleId: string, category: Category, r: StoredRecord) => Promise<StoredRecord>;
	/** The marker already kept (null: the first signed commit writes it). */
	since: string | null;
}

/** Her signer for this session, or null while the vault has no signing identity. */
export async function ownSigner(query: Query): Promise<OwnSigner | null> {
	const identity = await signingIdentityIn(query);
	if (identity === null) return null;
	return {
		since: await ownSignaturesSinceIn(query),
		async sign(circleId, category, r) {
			if (category === 'settings' || r.author !== undefined) return r;
			const { signature: _old, ...rest } = r;
			const fields = await statementFieldsOf(
				{ ...rest, circleId, category, author: OWNER_AUTHOR },
				sha256Text
			);
			return { ...rest, signature: await signFields(identity.privateKey, fields) };
		}
	};
}

/** The record op that keeps the marker (written once, after the first signed commit). */
export const markerOp = (since: string, at: number): RecordOp => ({
	type: 'put',
	kind: OWN_SIGNATURES_KIND,
	category: 'settings',
	at,
	body: { since }
});
