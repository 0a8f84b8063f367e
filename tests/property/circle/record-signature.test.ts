// Per-record identity signatures (issue 14, trust between members) with real WebCrypto keys: a
// version signed by its author verifies under the key this device trusts for her; a record that
// claims another member (signed with the forger's own key), a body, kind, time, HLC, tombstone flag,
// category or circle changed after signing, or an unknown signer each read "not verified" with
// their reason; an unsigned record (written before signatures) reads "unsigned", never verified.
// A former member's statement the roster committed verifies; one it did not (it reached the
// person after the removal) is hers only when the time it SIGNED (its HLC) is before she left,
// with the caveat that this time is her own claim; at or after, it reads "after-leaving".
// The person's own records (no author) are hers when her signature verifies, or when unsigned and
// older than the time her devices began signing; anything else is "not verified".
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Text, signFields, verifyFields } from '../../../src/lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import {
	canonicalJson,
	checkRecordAuthor,
	committedStatements,
	OWNER_AUTHOR,
	statementDigest,
	statementFieldsOf,
	writerOf,
	type RecordStatement,
	type SignedRecord,
	type TrustedSigner
} from '../../../src/lib/domain/circle/record-signature';

const CIRCLE = 'circle-monique';
const crypto = { hash: sha256Text, verify: verifyFields };

interface Signer {
	readonly privateKey: CryptoKey;
	readonly identityKey: string;
}

async function signer(): Promise<Signer> {
	const pair = await generateIdentityKeyPair();
	return {
		privateKey: pair.privateKey,
		identityKey: await exportIdentityPublicKey(pair.publicKey)
	};
}

let bruno: Signer;
let claire: Signer;

beforeAll(async () => {
	bruno = await signer();
	claire = await signer();
});

const note = (over: Partial<RecordStatement> = {}): RecordStatement => ({
	circleId: CIRCLE,
	category: 'notes',
	id: '0193a1b2-0000-7000-8000-000000000001',
	hlc: '001733216400000-0000-00000000000000a1',
	deleted: false,
	author: 'acc-bruno',
	kind: 'note',
	at: 1_733_216_400_000,
	body: { kind: 'note', at: 1_733_216_400_000, text: 'Pansement refait, RAS.' },
	...over
});

/** What a member's device writes: the statement signed by `who`, as a reader holds it. */
async function signedBy(who: Signer, s: RecordStatement): Promise<SignedRecord> {
	const signature = await signFields(who.privateKey, await statementFieldsOf(s, sha256Text));
	return { ...s, signature };
}

const current = (who: Signer): TrustedSigner => ({
	identityKey: who.identityKey,
	until: null,
	seen: null
});

/** This device trusts Bruno's and Claire's pinned keys (both current members). */
const signers = (accountId: string): TrustedSigner | null =>
	accountId === 'acc-bruno' ? current(bruno) : accountId === 'acc-claire' ? current(claire) : null;

const check = (record: SignedRecord, signerOf = signers, circleId = CIRCLE) =>
	checkRecordAuthor(record, { circleId, signerOf, crypto });

describe('per-record author signatures', () => {
	it('a version signed by its author verifies under her trusted key', async () => {
		expect(await check(await signedBy(bruno, note()))).toEqual({
			type: 'verified',
			accountId: 'acc-bruno'
		});
	});

	it('Claire writing a note that claims Bruno as author is refused (bad signature)', async () => {
		const forged = await signedBy(claire, note({ author: 'acc-bruno' }));
		expect(await check(forged)).toEqual({
			type: 'not-verified',
			accountId: 'acc-bruno',
			reason: 'bad-signature'
		});
	});

	it('Bruno’s signature moved onto a record claiming Claire is refused', async () => {
		const signed = await signedBy(bruno, note());
		expect(await check({ ...signed, author: 'acc-claire' })).toMatchObject({
			type: 'not-verified',
			accountId: 'acc-claire',
			reason: 'bad-signature'
		});
	});

	it('an unsigned record (written before signatures) reads unsigned, never verified', async () => {
		const { signature: _none, ...unsigned } = await signedBy(bruno, note());
		expect(await check(unsigned)).toEqual({
			type: 'not-verified',
			accountId: 'acc-bruno',
			reason: 'unsigned'
		});
		// And a screen that was handed no check at all never attributes it either.
		expect(writerOf(unsigned, () => true)).toMatchObject({ type: 'not-verified' });
		expect(writerOf(await signedBy(bruno, note()), () => true)).toMatchObject({
			type: 'not-verified'
		});
	});

	it('a signer this device has no key for is unknown', async () => {
		const signed = await signedBy(bruno, note({ author: 'acc-nadia' }));
		expect(await check(signed)).toMatchObject({ reason: 'unknown-signer' });
	});

	it('the same signed record read in another circle is refused', async () => {
		const signed = await signedBy(bruno, note());
		expect(await check(signed, signers, 'circle-other')).toMatchObject({
			reason: 'bad-signature'
		});
	});

	it('a record without author is the person’s own and is not checked', async () => {
		const { author: _a, ...own } = note();
		expect(await check(own)).toBeNull();
	});

	it('any change after signing is refused (body, kind, time, HLC, tombstone, category)', async () => {
		const signed = await signedBy(bruno, note());
		const changes = fc.oneof(
			fc.string({ maxLength: 40 }).map((text) => ({ body: { ...(signed.body as object), text } })),
			fc.constantFrom({ kind: 'target-range' }, { category: 'measurements' }, { deleted: true }),
			fc.integer({ min: 0, max: 2 ** 45 }).map((at) => ({ at })),
			fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((node) => ({
				hlc: `001733216400000-0000-${node.toString(16).padStart(16, '0')}`
			}))
		);
		await fc.assert(
			fc.asyncProperty(changes, async (change) => {
				const changed = { ...signed, ...change };
				const same = canonicalJson(changed) === canonicalJson(signed);
				const verdict = await check(changed);
				expect(verdict?.type).toBe(same ? 'verified' : 'not-verified');
			}),
			{ numRuns: 40 }
		);
	});

	it('the canonical body does not depend on key order', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
				const reversed = Object.fromEntries(Object.entries(value).reverse());
				expect(canonicalJson(reversed)).toBe(canonicalJson(value));
			})
		);
	});
});

describe('a former member: only statements the person committed when removing her', () => {
	const LEFT_AT = 1_733_300_000_000;

	const hlcAt = (ms: number, node = 'b2') =>
		`${String(ms).padStart(15, '0')}-0000-${node.padStart(16, '0')}`;

	it('committed: verified; late but signed before she left: hers, its time her claim; signed after: refused', async () => {
		const before = await signedBy(bruno, note());
		const commitment = await committedStatements([before], 'acc-bruno', {
			circleId: CIRCLE,
			identityKey: bruno.identityKey,
			crypto
		});
		expect(commitment).toHaveLength(1);
		const former = (accountId: string): TrustedSigner | null =>
			accountId === 'acc-bruno'
				? { identityKey: bruno.identityKey, until: LEFT_AT, seen: new Set(commitment) }
				: null;
		expect(await check(before, former)).toEqual({ type: 'verified', accountId: 'acc-bruno' });
		// Written offline while still a member, reaching the person after the removal: hers.
		const late = await signedBy(
			bruno,
			note({ id: '0193a1b2-0000-7000-8000-000000000002', hlc: hlcAt(LEFT_AT - 3_600_000) })
		);
		expect(await check(late, former)).toEqual({
			type: 'verified',
			accountId: 'acc-bruno',
			arrivedLate: true
		});
		// Signed after she left (whatever `at` she gives it): refused.
		const after = await signedBy(
			bruno,
			note({
				id: '0193a1b2-0000-7000-8000-000000000004',
				hlc: hlcAt(LEFT_AT),
				at: LEFT_AT - 86_400_000
			})
		);
		expect(await check(after, former)).toEqual({
			type: 'not-verified',
			accountId: 'acc-bruno',
			reason: 'after-leaving'
		});
		// A legacy roster entry with no commitment: the signed time alone decides.
		const legacy = (): TrustedSigner => ({
			identityKey: bruno.identityKey,
			until: LEFT_AT,
			seen: null
		});
		expect(await check(before, legacy)).toMatchObject({ type: 'verified', arrivedLate: true });
		expect(await check(after, legacy)).toMatchObject({ reason: 'after-leaving' });
	});

	it('for any uncommitted statement: refused exactly when its signed time is not before she left', async () => {
		const former = (): TrustedSigner => ({
			identityKey: bruno.identityKey,
			until: LEFT_AT,
			seen: new Set()
		});
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: -86_400_000, max: 86_400_000 }),
				fc.integer({ min: 0, max: 2 ** 45 }),
				async (offset, at) => {
					const signed = await signedBy(bruno, note({ hlc: hlcAt(LEFT_AT + offset), at }));
					const verdict = await check(signed, former);
					if (offset >= 0) expect(verdict).toMatchObject({ reason: 'after-leaving' });
					else expect(verdict).toMatchObject({ type: 'verified', arrivedLate: true });
				}
			),
			{ numRuns: 30 }
		);
	});

	it('the commitment holds only statements her key signed', async () => {
		const hers = await signedBy(bruno, note());
		const forged = await signedBy(claire, note({ id: '0193a1b2-0000-7000-8000-000000000003' }));
		const commitment = await committedStatements([hers, forged], 'acc-bruno', {
			circleId: CIRCLE,
			identityKey: bruno.identityKey,
			crypto
		});
		const digest = await statementDigest(
			await statementFieldsOf({ ...note(), author: 'acc-bruno' }, sha256Text),
			sha256Text
		);
		expect(commitment).toEqual([digest]);
	});
});

describe('the person’s own records (no author): hers only when signed by her, or from before', () => {
	const SINCE = '001733300000000-0000-0000000000000001';
	let marie: Signer;
	beforeAll(async () => {
		marie = await signer();
	});
	const own = (over: Partial<RecordStatement> = {}): RecordStatement =>
		note({ author: OWNER_AUTHOR, ...over });
	const strip = ({ author: _a, ...r }: SignedRecord): SignedRecord => r;
	const asOwner = (record: SignedRecord, signedSince: string | null = SINCE) =>
		checkRecordAuthor(record, {
			circleId: CIRCLE,
			signerOf: signers,
			crypto,
			owner: { accountId: 'acc-marie', identityKey: marie.identityKey, signedSince }
		});

	it('signed by her identity key: hers (null), on any reading device that trusts her key', async () => {
		const signed = strip(
			await signedBy(marie, own({ hlc: '001733400000000-0000-00000000000000a1' }))
		);
		expect(await asOwner(signed)).toBeNull();
	});

	it('an unsigned version after the marker is not hers; before it (legacy), it still is', async () => {
		const after = strip(own({ hlc: '001733400000000-0000-00000000000000a1' }));
		expect(await asOwner(after)).toEqual({
			type: 'not-verified',
			accountId: 'acc-marie',
			reason: 'unsigned'
		});
		expect(writerOf({ ...after, authorCheck: await asOwner(after) }, () => true)).toMatchObject({
			type: 'not-verified',
			reason: 'unsigned'
		});
		const before = strip(own({ hlc: '001733200000000-0000-00000000000000a1' }));
		expect(await asOwner(before)).toBeNull();
		// No marker known on this device: read as before.
		expect(await asOwner(after, null)).toBeNull();
	});

	it('Bruno, holding the category key, signing an unauthored version: not hers', async () => {
		const forged = strip(await signedBy(bruno, own()));
		expect(await asOwner(forged)).toMatchObject({ reason: 'bad-signature' });
		expect(await asOwner(forged, null)).toMatchObject({ reason: 'bad-signature' });
	});

	it('her signature does not make a member’s record of her, nor hers a member’s', async () => {
		const hers = await signedBy(marie, own());
		expect(await check({ ...hers, author: 'acc-bruno' })).toMatchObject({
			reason: 'bad-signature'
		});
		const bruno1 = await signedBy(bruno, note());
		expect(await asOwner(strip(bruno1))).toMatchObject({ reason: 'bad-signature' });
	});

	it('without owner trust asked, an unauthored record is not checked (null)', async () => {
		expect(await check(strip(own({ hlc: '001733400000000-0000-00000000000000a1' })))).toBeNull();
	});
});
