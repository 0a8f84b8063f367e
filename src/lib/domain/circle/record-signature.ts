// Who wrote a member record (issue 14, trust between members). The category key is shared by every
// reader of a category, so the envelope's `author` alone says only "someone holding this key
// wrote it": any member could claim to be another. A member's device therefore SIGNS each version
// it writes with its identity key over a framed statement (`recordStatementFields`): context,
// circle, category, record id, HLC, tombstone flag, author, kind, time and the SHA-256 of
// the canonical body; the signature travels inside the sealed payload. A reading device names the
// author only when that signature verifies under the identity key IT trusts for the claimed
// author (a pin, or the roster the person signed) — otherwise the record reads "could not check
// who wrote this" with the reason, never silently attributed.
// A member who left (roster entry with `until`): a statement whose digest is in the roster's
// commitment for her (`seen`: what the person's device held when she removed her) is hers; one
// that is not was written on her device and reached the person only after the removal (offline at
// the time), so the time it SIGNED (its HLC, her own clock) decides: before `until` it is hers,
// with the caveat that this time is her own claim (`arrivedLate`: she could have backdated it, a
// known limit); at or after `until` it is refused (`after-leaving`): a removed member writes
// nothing new.
// The person's own writes (no `author`) are signed too, by her identity key with an empty author
// (`OWNER_AUTHOR`); asked with `owner`, a reader checks them against the key it trusts for her,
// and an unsigned one counts as hers only when its HLC is before `owner.signedSince` (the time
// her devices began signing, sealed in her vault): a member holding a category key cannot pass
// off a version with no author as the person's.
// Invariants: pure (hashing and verification injected); never throws.
export const RECORD_STATEMENT_CONTEXT = 'cercle-member-record-v1';
/** Hex characters kept of a statement's SHA-256 in a roster commitment (128 bits). */
export const STATEMENT_DIGEST_LENGTH = 32;
/** The author field of the person's own statements (her records carry no `author`). */
export const OWNER_AUTHOR = '';

/** The version of a record a statement is about (what a member's device signs). */
export interface RecordStatement {
	readonly circleId: string;
	readonly category: string;
	readonly id: string;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly author: string;
	readonly kind: string;
	readonly at: number;
	readonly body: unknown;
}

/** A record as a reader holds it: the statement's parts plus the signature, if any. */
export type SignedRecord = Omit<RecordStatement, 'author' | 'circleId'> & {
	readonly author?: string | undefined;
	readonly signature?: string | undefined;
};

export interface RecordCrypto {
	/** SHA-256 hex of a text. */
	readonly hash: (text: string) => Promise<string>;
	/** true only when `signature` over the framed `fields` verifies under `identityKey`. */
	readonly verify: (
		identityKey: string,
		fields: readonly string[],
		signature: string
	) => Promise<boolean>;
}

/**
 * JSON with object keys sorted at every depth (and `undefined` members left out, as JSON does):
 * the same value gives the same text on every device, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
	if (value === undefined) return 'null';
	if (value === null || typeof value !== 'object') {
		// undefined for a function or a symbol (never in a parsed body): read as null, as JSON does.
		const text: unknown = JSON.stringify(value);
		return typeof text === 'string' ? text : 'null';
	}
	if (Array.isArray(value)) {
		const items: readonly unknown[] = value;
		return `[${items.map((v) => canonicalJson(v)).join(',')}]`;
	}
	const entries = Object.entries(value)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The framed fields a member signs for one version (the body by its SHA-256, `bodyHash`). */
export function recordStatementFields(
	s: Omit<RecordStatement, 'body'>,
	bodyHash: string
): readonly string[] {
	return [
		RECORD_STATEMENT_CONTEXT,
		s.circleId,
		s.category,
		s.id,
		s.hlc,
		s.deleted ? 'deleted' : 'live',
		s.author,
		s.kind,
		String(s.at),
		bodyHash
	];
}

/** The statement's fields, with its body hashed (a tombstone's body is null). */
export async function statementFieldsOf(
	s: RecordStatement,
	hash: RecordCrypto['hash']
): Promise<readonly string[]> {
	return recordStatementFields(s, await hash(canonicalJson(s.deleted ? null : s.body)));
}

/** A statement's short digest, as listed in a roster's commitment for a former member. */
export async function statementDigest(
	fields: readonly string[],
	hash: RecordCrypto['hash']
): Promise<string> {
	return (await hash(JSON.stringify(fields))).slice(0, STATEMENT_DIGEST_LENGTH);
}

/** Why a record's author could not be checked here (the UI puts each in words). */
export type AuthorRefusal =
	/** No signature: written before signatures existed, or by a device that did not sign. */
	| 'unsigned'
	/** No identity key is trusted on this device for the claimed author. */
	| 'unknown-signer'
	/** The signature does not verify (another member claiming her name, or altered content). */
	| 'bad-signature'
	/** Signed by a member who had left: not committed, and signed at or after she left. */
	| 'after-leaving'
	/** The record's body names someone other than the one who signed it (a task event's actor). */
	| 'not-the-writer'
	/**
	 * A former member's statement that is not in the roster's commitment for her (it reached the
	 * circle after her removal was known), counted as an action: never counted, whatever its date
	 * (`uncheckedActor` in `domain/plan/board.ts`; `checkRecordAuthor` itself reads it `arrivedLate`).
	 */
	| 'arrived-after-leaving';

/** What a record's author is worth on this device. */
export type AuthorCheck =
	| {
			readonly type: 'verified';
			readonly accountId: string;
			/**
			 * A former member's statement that reached the person only after she left, signed
			 * (by her own clock) before: its time is her claim, not something this device saw.
			 */
			readonly arrivedLate?: true;
	  }
	| {
			readonly type: 'not-verified';
			/** The author the record claims (never shown as its writer). */
			readonly accountId: string;
			readonly reason: AuthorRefusal;
	  };

/** The identity key this device trusts for an account, and for a former member her commitment. */
export interface TrustedSigner {
	readonly identityKey: string;
	/** null while a member; when she left otherwise. */
	readonly until: number | null;
	/** A former member's committed statements (digests); null: none committed (legacy roster). */
	readonly seen: ReadonlySet<string> | null;
}

/** The person whose circle it is, for checking her own (unauthored) records. */
export interface OwnerTrust {
	readonly accountId: string;
	/** The identity key this device trusts for her (her own, or the member's pin); null: none. */
	readonly identityKey: string | null;
	/**
	 * The HLC from which every version her devices write is signed; an unsigned version at or
	 * after it is not taken as hers. null: not known here (every unsigned one is read as before).
	 */
	readonly signedSince: string | null;
}

export interface AuthorContext {
	readonly circleId: string;
	readonly signerOf: (accountId: string) => TrustedSigner | null;
	readonly crypto: RecordCrypto;
	/** Given: records with no author are checked as the person's (else they are not checked). */
	readonly owner?: OwnerTrust;
}

/** The wall-clock milliseconds a signed HLC carries (NaN for a malformed one). */
const hlcTime = (hlc: string): number =>
	/^\d{15}-/.test(hlc) ? Number(hlc.slice(0, 15)) : Number.NaN;

async function verifies(
	record: SignedRecord & { readonly signature: string },
	author: string,
	identityKey: string,
	context: AuthorContext
): Promise<{ readonly good: boolean; readonly fields: readonly string[] }> {
	const fields = await statementFieldsOf(
		{ ...record, author, circleId: context.circleId },
		context.crypto.hash
	);
	try {
		return { good: await context.crypto.verify(identityKey, fields, record.signature), fields };
	} catch {
		return { good: false, fields };
	}
}

/** The person's own record: null when it is hers (signed by her, or unsigned from before). */
async function checkOwnerRecord(
	record: SignedRecord,
	owner: OwnerTrust,
	context: AuthorContext
): Promise<AuthorCheck | null> {
	const refuse = (reason: AuthorRefusal): AuthorCheck => ({
		type: 'not-verified',
		accountId: owner.accountId,
		reason
	});
	const signature = record.signature;
	if (signature === undefined) {
		return owner.signedSince === null || record.hlc < owner.signedSince ? null : refuse('unsigned');
	}
	if (owner.identityKey === null) return refuse('unknown-signer');
	const { good } = await verifies(
		{ ...record, signature },
		OWNER_AUTHOR,
		owner.identityKey,
		context
	);
	return good ? null : refuse('bad-signature');
}

/**
 * Checks a record's claimed author: null when the record claims none (the person's own record:
 * with `context.owner`, only once checked as hers), else verified or not with the reason.
 */
export async function checkRecordAuthor(
	record: SignedRecord,
	context: AuthorContext
): Promise<AuthorCheck | null> {
	const accountId = record.author;
	if (accountId === undefined || accountId === OWNER_AUTHOR) {
		return context.owner === undefined ? null : checkOwnerRecord(record, context.owner, context);
	}
	const refuse = (reason: AuthorRefusal): AuthorCheck => ({
		type: 'not-verified',
		accountId,
		reason
	});
	const signature = record.signature;
	if (signature === undefined) return refuse('unsigned');
	const signer = context.signerOf(accountId);
	if (signer === null) return refuse('unknown-signer');
	const { good, fields } = await verifies(
		{ ...record, signature },
		accountId,
		signer.identityKey,
		context
	);
	if (!good) return refuse('bad-signature');
	if (signer.until !== null) {
		const digest = await statementDigest(fields, context.crypto.hash);
		if (signer.seen !== null && signer.seen.has(digest)) return { type: 'verified', accountId };
		// Not committed: it reached the person after the removal. Its signed time decides.
		const signedAt = hlcTime(record.hlc);
		if (!(signedAt < signer.until)) return refuse('after-leaving');
		return { type: 'verified', accountId, arrivedLate: true };
	}
	return { type: 'verified', accountId };
}

/**
 * The digests of the statements by `accountId` among `records` whose signature verifies under her
 * key: the commitment the person's device puts in the roster when she removes that member.
 */
export async function committedStatements(
	records: readonly SignedRecord[],
	accountId: string,
	context: Omit<AuthorContext, 'signerOf'> & { readonly identityKey: string }
): Promise<readonly string[]> {
	const out = new Set<string>();
	for (const r of records) {
		if (r.author !== accountId || r.signature === undefined) continue;
		const fields = await statementFieldsOf(
			{ ...r, author: accountId, circleId: context.circleId },
			context.crypto.hash
		);
		if (await context.crypto.verify(context.identityKey, fields, r.signature))
			out.add(await statementDigest(fields, context.crypto.hash));
	}
	return [...out].sort();
}

/**
 * What a screen says of the member who wrote `record`: null when no member claims it (the
 * person's own record), else the reading device's check, or "not verified" when it was not
 * checked (a record that carries no check is never attributed).
 */
export function writerOf(
	record: {
		readonly author?: string | undefined;
		readonly signature?: string | undefined;
		readonly authorCheck?: AuthorCheck | null | undefined;
	},
	isMember: (accountId: string) => boolean
): AuthorCheck | null {
	const author = record.author;
	// The person's own record: hers unless this device's check of it failed.
	if (author === undefined) {
		return record.authorCheck?.type === 'not-verified' ? record.authorCheck : null;
	}
	if (!isMember(author)) return null;
	if (record.authorCheck?.accountId === author) return record.authorCheck;
	return {
		type: 'not-verified',
		accountId: author,
		reason: record.signature === undefined ? 'unsigned' : 'unknown-signer'
	};
}
