// Who wrote each member record, checked on this device (issue 14, trust between members): the one
// place every reader (the summary and its trends, the person's charts and targets, "Written by
// your circle", the care plan's versions, the task board) takes its writers from. Records are
// annotated with `authorCheck` (`domain/circle/record-signature.ts` `checkRecordAuthor`); screens
// name a writer through `writerOf`, which never attributes a record that was not checked.
// Whose keys verify (never a key the server lists):
// - the person's device: the identity keys she PINNED for her members; for a member who left, the
//   entry of the roster SHE signed (re-checked against her own identity), with its commitment;
// - a member's device: the owner's pin, this account's own identity, and the keys of the roster
//   the person signed (checked against the owner's pin, highest version kept: `circle-roster.ts`).
// The person's own records (no author) are checked too, for the kinds a screen attributes or the
// board folds (`OWNER_CHECKED_KINDS`: notes, targets, tasks and their events, the care plan, the
// visit summary), against her identity key (her own device) or the owner's pin (a member's), with
// the time her devices began signing (`vault/own-signatures.ts`: her vault's marker; for a member,
// the marker the person signed into the roster): an unsigned one after it reads "not verified".
// On a member's device, the person's versions of EVERY kind are checked (measurements, symptoms,
// doses…: a member holding a category key could otherwise pass off an unsigned one with no author
// as hers); `readShared` sets aside those whose check fails (its `unverified`), so no figure, flag
// or "no news" counts them and the summary and the member circle view say so. Cost: an unsigned
// version before her marker costs no verification; a signed one costs one ECDSA verification the
// first time (verdicts are cached by everything they depend on).
// On her own device, her versions of every kind are checked in the categories someone else can,
// or could, write (`writableByOthers`: a member or team with a write grant, current or expired, or
// a former member who had one, from `vault/circle-writers.ts`; a former member on the roster she
// signed whose grants this device never received counts for every category): there a member
// could otherwise add an unsigned version with no author, read as hers. Her screens set aside
// those that fail (`own-unverified.ts`: charts, the journal). A category only she could ever write
// is not checked beyond `OWNER_CHECKED_KINDS` (her measurements, when nobody else has write on
// them, cost nothing). The grants are the server's word (see `circle-writers.ts`).
// Invariants: a verdict is cached only under everything it depends on (record version, signature,
// key, end and commitment), so a new roster or pin is never answered from an old verdict.
import { sha256Text, verifyFields } from '$lib/crypto/framed-signature';
import type { CircleView } from '$lib/domain/circle-view';
import {
	checkRecordAuthor,
	type AuthorCheck,
	type OwnerTrust,
	type SignedRecord,
	type TrustedSigner
} from '$lib/domain/circle/record-signature';
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import { ownSignaturesSinceIn } from '$lib/vault/own-signatures';
import { checkRoster, rosterKeyOf, type Roster, type RosterKey } from '$lib/domain/circle/roster';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { keptRoster } from '$lib/vault/roster-pin';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';

export type SignerOf = (accountId: string) => TrustedSigner | null;

/** A record a screen reads (a `VaultRecord` or a digest's `SharedRecord` fits). */
export type CheckableRecord = SignedRecord & {
	readonly id: string;
	readonly authorCheck?: AuthorCheck | null;
};

/** What the checks need to know of a circle view (a member circle fits). */
export type ViewOfAuthors = Pick<CircleView, 'circleId' | 'isOwner' | 'me' | 'ownerId'>;

const crypto = { hash: sha256Text, verify: verifyFields };

const fromRoster = (key: RosterKey): TrustedSigner => ({
	identityKey: key.identityKey,
	until: key.until,
	seen: key.seen === null ? null : new Set(key.seen)
});

const current = (identityKey: string): TrustedSigner => ({ identityKey, until: null, seen: null });

/** Rosters already verified, by everything the check depends on (one ECDSA verification each). */
const rosters = new Map<string, Roster | null>();

/** The kept roster of a circle, re-checked against `ownerKey` (null when none verifies). */
async function verifiedRoster(
	v: Vault,
	circleId: string,
	ownerKey: string | null
): Promise<Roster | null> {
	const kept = await keptRoster(v, circleId);
	if (kept === null || ownerKey === null) return null;
	const key = [circleId, ownerKey, String(kept.roster.version), kept.signature].join('|');
	const known = rosters.get(key);
	if (known !== undefined) return known;
	const checked = await checkRoster(kept, { circleId, ownerKey, kept: null, ...crypto });
	const roster = checked.ok ? checked.value.roster : null;
	if (rosters.size >= 64) rosters.clear();
	rosters.set(key, roster);
	return roster;
}

const memo = (f: SignerOf): SignerOf => {
	const known = new Map<string, TrustedSigner | null>();
	return (accountId) => {
		if (!known.has(accountId)) known.set(accountId, f(accountId));
		return known.get(accountId) ?? null;
	};
};

/** The identity keys this device trusts for the accounts of a view (see the header). */
export async function signersOf(v: Vault, view: ViewOfAuthors): Promise<SignerOf> {
	return memo(await signersOfOnce(v, view));
}

async function signersOfOnce(v: Vault, view: ViewOfAuthors): Promise<SignerOf> {
	if (!v.isUnlocked()) return () => null;
	const own = await signingIdentity(v);
	if (view.isOwner) {
		const pins = (await pinsOf(v, view.circleId)).filter((p) => p.role === 'member');
		const roster = await verifiedRoster(v, view.circleId, own?.identityKey ?? null);
		return (accountId) => {
			const listed = roster === null ? null : rosterKeyOf(roster, accountId);
			// A member who left: only the roster's entry, with the statements committed for her.
			if (listed !== null && listed.until !== null) return fromRoster(listed);
			if (accountId === view.me && own !== null) return current(own.identityKey);
			const pin = pins.find((p) => p.accountId === accountId);
			return pin === undefined ? null : current(pin.identityKey);
		};
	}
	const owner = (await ownerPin(v, view.circleId))?.identityKey ?? null;
	const roster = await verifiedRoster(v, view.circleId, owner);
	return (accountId) => {
		if (accountId === view.ownerId) return owner === null ? null : current(owner);
		const listed = roster === null ? null : rosterKeyOf(roster, accountId);
		if (listed !== null && listed.until !== null) return fromRoster(listed);
		if (accountId === view.me && own !== null) return current(own.identityKey);
		return listed === null ? null : fromRoster(listed);
	};
}

/** Kinds whose unauthored versions are checked as the person's (see the header). */
export const OWNER_CHECKED_KINDS: ReadonlySet<string> = new Set([
	'note',
	'target-range',
	'task',
	'task-event',
	'care-plan-version',
	'care-plan-agreement',
	'visit-summary'
]);

/** Whose key and which marker this device checks the person's own records against. */
export async function ownerTrustOf(v: Vault, view: ViewOfAuthors): Promise<OwnerTrust> {
	if (!v.isUnlocked()) return { accountId: view.ownerId, identityKey: null, signedSince: null };
	if (view.isOwner) {
		const own = await signingIdentity(v);
		return {
			accountId: view.ownerId,
			identityKey: own?.identityKey ?? null,
			signedSince: await ownSignaturesSinceIn((q) => v.query(q))
		};
	}
	const owner = (await ownerPin(v, view.circleId))?.identityKey ?? null;
	const roster = await verifiedRoster(v, view.circleId, owner);
	return {
		accountId: view.ownerId,
		identityKey: owner,
		signedSince: roster?.ownSignedSince ?? null
	};
}

/**
 * The categories of the person's circle whose versions with no author her device checks as hers,
 * whatever their kind (see the header); empty on a member's device (it checks every category).
 */
export async function writableByOthers(
	v: Vault,
	view: ViewOfAuthors
): Promise<ReadonlySet<string>> {
	if (!view.isOwner || !v.isUnlocked()) return new Set();
	// Loaded here only (its own chunk): none of it is part of the screens that import this module.
	const { writersOf } = await import('$lib/vault/circle-writers');
	const writers = await writersOf(v, view.circleId);
	const out = new Set<string>();
	for (const [accountId, categories] of writers) {
		if (accountId === view.me) continue;
		for (const c of categories) out.add(c);
	}
	if (out.size === SHAREABLE_CATEGORIES.length) return out;
	const own = await signingIdentity(v);
	const roster = await verifiedRoster(v, view.circleId, own?.identityKey ?? null);
	// A former member whose grants this device never received may have written anywhere.
	const unknown = (roster?.members ?? []).some(
		(m) => m.until !== null && m.accountId !== view.me && !writers.has(m.accountId)
	);
	return unknown ? new Set(SHAREABLE_CATEGORIES) : out;
}

const verdicts = new Map<string, AuthorCheck | null>();
/** How many checks run at once. */
const CHECK_BATCH = 32;
const VERDICTS_MAX = 20_000;

const fingerprints = new WeakMap<ReadonlySet<string>, string>();

function seenKey(seen: ReadonlySet<string> | null | undefined): string {
	if (seen === null || seen === undefined) return '-';
	let key = fingerprints.get(seen);
	if (key === undefined) {
		key = [...seen].join(',');
		fingerprints.set(seen, key);
	}
	return key;
}

function cacheKey(
	circleId: string,
	r: CheckableRecord,
	signer: TrustedSigner | null,
	owner?: OwnerTrust
): string {
	const seen = seenKey(signer?.seen);
	return [
		owner === undefined ? '' : `${owner.identityKey ?? ''}@${owner.signedSince ?? ''}`,
		circleId,
		r.category,
		r.id,
		r.hlc,
		r.author ?? '',
		r.signature ?? '',
		signer?.identityKey ?? '',
		String(signer?.until ?? ''),
		seen
	].join('|');
}

/**
 * `records` with each claimed author checked (`authorCheck`). Records without an author come back
 * as they are. Never throws: a check that cannot run reads "not verified".
 */
export async function checkAuthors<R extends CheckableRecord>(
	records: readonly R[],
	context: {
		readonly circleId: string;
		readonly signerOf: SignerOf;
		/** Given: the person's own records of `OWNER_CHECKED_KINDS` are checked as hers. */
		readonly owner?: OwnerTrust;
		/**
		 * With `owner`: her records of every kind are checked, not only `OWNER_CHECKED_KINDS`
		 * (true), or of every kind in these categories (her own device: `writableByOthers`).
		 */
		readonly allKinds?: boolean | ReadonlySet<string>;
	}
): Promise<readonly R[]> {
	const all = context.allKinds ?? false;
	const checked = (r: R) =>
		all === true || OWNER_CHECKED_KINDS.has(r.kind) || (all !== false && all.has(r.category));
	const one = async (r: R): Promise<R> => {
		const owner = r.author === undefined ? context.owner : undefined;
		if (r.author === undefined && (owner === undefined || !checked(r))) return r;
		const signer = r.author === undefined ? null : context.signerOf(r.author);
		const key = cacheKey(context.circleId, r, signer, owner);
		let verdict = verdicts.get(key);
		if (verdict === undefined) {
			verdict = await checkRecordAuthor(r, {
				circleId: context.circleId,
				signerOf: () => signer,
				crypto,
				...(owner === undefined ? {} : { owner })
			});
			if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
			verdicts.set(key, verdict);
		}
		return { ...r, authorCheck: verdict };
	};
	// Verifications run a batch at a time (WebCrypto works off the main thread, in parallel):
	// a summary's first reading verifies hundreds of the person's signed versions.
	const out: R[] = [];
	for (let i = 0; i < records.length; i += CHECK_BATCH) {
		out.push(...(await Promise.all(records.slice(i, i + CHECK_BATCH).map(one))));
	}
	return out;
}

/** `checkAuthors` with the signers this device trusts for `view` (asked for at each call). */
export async function checkAuthorsIn<R extends CheckableRecord>(
	v: Vault,
	view: ViewOfAuthors,
	records: readonly R[]
): Promise<readonly R[]> {
	if (records.length === 0) return records;
	// A member's device checks the person's versions of every kind; hers, those of the categories
	// someone else can or could write (see the header).
	const allKinds = view.isOwner ? await writableByOthers(v, view) : true;
	const needed = records.some(
		(r) =>
			r.author !== undefined ||
			allKinds === true ||
			allKinds.has(r.category) ||
			OWNER_CHECKED_KINDS.has(r.kind)
	);
	if (!needed) return records;
	return checkAuthors(records, {
		circleId: view.circleId,
		signerOf: await signersOf(v, view),
		owner: await ownerTrustOf(v, view),
		allKinds
	});
}
