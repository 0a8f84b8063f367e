// The circle roster (issue 14 §6) with real WebCrypto keys: a list the person signed verifies
// against her pinned key; any change of circle id, version, a member's key, role, label or `until`
// makes it fail, and so does a list signed by another key; a lower version than the one kept is a
// replay, the same version with other contents a fork. `nextRoster` keeps those who left, with
// the time they left, and says when nothing changed.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signFields, verifyFields } from '../../../src/lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import { CARE_ROLES } from '../../../src/lib/domain/circle';
import {
	checkRoster,
	nextRoster,
	rosterFields,
	rosterKeyOf,
	type Roster,
	type SignedRoster
} from '../../../src/lib/domain/circle/roster';

const CIRCLE = 'circle-monique';

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

const sign = async (who: Signer, roster: Roster): Promise<SignedRoster> => ({
	roster,
	signature: await signFields(who.privateKey, rosterFields(roster))
});

const check = (input: unknown, ownerKey: string | null, kept: SignedRoster | null = null) =>
	checkRoster(input, { circleId: CIRCLE, ownerKey, kept, verify: verifyFields });

let person: Signer;
let stranger: Signer;
let gpKey: string;
let carerKey: string;

beforeAll(async () => {
	person = await signer();
	stranger = await signer();
	gpKey = (await signer()).identityKey;
	carerKey = (await signer()).identityKey;
});

const base = (): Roster => ({
	circleId: CIRCLE,
	version: 3,
	issuedAt: 1_700_000_000_000,
	members: [
		{ accountId: 'acc-gp', role: 'doctor', label: 'Dr Martin', identityKey: gpKey, until: null },
		{ accountId: 'acc-lea', role: 'carer', label: 'Léa', identityKey: carerKey, until: null }
	]
});

describe('signing and checking a roster', () => {
	it('verifies against the pinned key of the person and vouches for the listed keys', async () => {
		const signed = await sign(person, base());
		const result = await check(signed, person.identityKey);
		expect(result).toEqual({ ok: true, value: signed });
		expect(rosterKeyOf(signed.roster, 'acc-gp')).toEqual({
			identityKey: gpKey,
			until: null,
			seen: null
		});
		expect(rosterKeyOf(signed.roster, 'acc-unknown')).toBeNull();
	});

	it('does not depend on the order of the members', async () => {
		const signed = await sign(person, base());
		const reordered = {
			...signed,
			roster: { ...signed.roster, members: signed.roster.members.toReversed() }
		};
		expect((await check(reordered, person.identityKey)).ok).toBe(true);
	});

	it('refuses a list signed by another key, or with no pinned key', async () => {
		const forged = await sign(stranger, base());
		expect(await check(forged, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'bad-signature' }
		});
		expect(await check(await sign(person, base()), null)).toEqual({
			ok: false,
			error: { type: 'no-owner-key' }
		});
	});

	it('refuses nothing, junk, another circle, and duplicate members', async () => {
		expect(await check(null, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'missing' }
		});
		expect(await check({ roster: 1 }, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'malformed' }
		});
		const other = await sign(person, { ...base(), circleId: 'circle-other' });
		expect(await check(other, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'wrong-circle' }
		});
		const [gp] = base().members;
		const doubled = await sign(person, { ...base(), members: gp === undefined ? [] : [gp, gp] });
		expect((await check(doubled, person.identityKey)).ok).toBe(false);
	});

	it('refuses an older version than the one kept (a replay), and a fork of the same version', async () => {
		const v2 = await sign(person, { ...base(), version: 2 });
		const v3 = await sign(person, base());
		expect(await check(v2, person.identityKey, v3)).toEqual({
			ok: false,
			error: { type: 'rollback', seen: 3, got: 2 }
		});
		expect((await check(v3, person.identityKey, v3)).ok).toBe(true);
		expect((await check(v3, person.identityKey, v2)).ok).toBe(true);
		const fork = await sign(person, { ...base(), members: [] });
		expect(await check(fork, person.identityKey, v3)).toEqual({
			ok: false,
			error: { type: 'fork', version: 3 }
		});
	});

	const tamper = fc.oneof(
		fc
			.string({ minLength: 1, maxLength: 20 })
			.map((circleId) => (r: Roster) => ({ ...r, circleId })),
		fc.integer({ min: 1, max: 1000 }).map((version) => (r: Roster) => ({ ...r, version })),
		fc.nat().map((issuedAt) => (r: Roster) => ({ ...r, issuedAt })),
		fc
			.tuple(fc.nat({ max: 1 }), fc.constantFrom(...CARE_ROLES))
			.map(([i, role]) => (r: Roster) => ({
				...r,
				members: r.members.map((m, j) => (j === i ? { ...m, role } : m))
			})),
		fc.tuple(fc.nat({ max: 1 }), fc.string({ maxLength: 80 })).map(([i, label]) => (r: Roster) => ({
			...r,
			members: r.members.map((m, j) => (j === i ? { ...m, label } : m))
		})),
		fc.nat({ max: 1 }).map((i) => (r: Roster) => ({
			...r,
			members: r.members.map((m, j) => (j === i ? { ...m, identityKey: stranger.identityKey } : m))
		})),
		fc.tuple(fc.nat({ max: 1 }), fc.option(fc.nat())).map(([i, until]) => (r: Roster) => ({
			...r,
			members: r.members.map((m, j) => (j === i ? { ...m, until } : m))
		})),
		fc.nat({ max: 1 }).map((i) => (r: Roster) => ({
			...r,
			members: r.members.filter((_, j) => j !== i)
		}))
	);

	it('fails after any change of circle, version, time, or a member’s id, role, label, key or end', async () => {
		const signed = await sign(person, base());
		// Compared as data (not through the encoding under test): members by account id.
		const plain = (r: Roster) =>
			JSON.stringify({
				...r,
				members: r.members.toSorted((a, b) => a.accountId.localeCompare(b.accountId))
			});
		const original = plain(signed.roster);
		await fc.assert(
			fc.asyncProperty(tamper, async (change) => {
				const roster = change(signed.roster);
				const same = plain(roster) === original;
				const result = await checkRoster(
					{ roster, signature: signed.signature },
					{
						circleId: roster.circleId,
						ownerKey: person.identityKey,
						kept: null,
						verify: verifyFields
					}
				);
				expect(result.ok).toBe(same);
				if (!same) expect(result).toEqual({ ok: false, error: { type: 'bad-signature' } });
			}),
			{ numRuns: 60 }
		);
	});
});

describe('the next roster the person publishes', () => {
	const gp = {
		accountId: 'acc-gp',
		role: 'doctor' as const,
		label: 'Dr Martin',
		identityKey: 'k-gp'
	};
	const lea = { accountId: 'acc-lea', role: 'carer' as const, label: 'Léa', identityKey: 'k-lea' };

	it('starts at version 1, keeps who left with the time they left, and skips a no-change', () => {
		expect(nextRoster({ circleId: CIRCLE, previous: null, current: [], now: 5 })).toBeNull();
		const first = nextRoster({ circleId: CIRCLE, previous: null, current: [gp, lea], now: 10 });
		expect(first?.version).toBe(1);
		expect(
			nextRoster({ circleId: CIRCLE, previous: first, current: [lea, gp], now: 20 })
		).toBeNull();
		const seen = ['b'.repeat(32), 'a'.repeat(32)];
		const second = nextRoster({
			circleId: CIRCLE,
			previous: first,
			current: [lea],
			now: 30,
			seenOf: (accountId) => (accountId === gp.accountId ? seen : [])
		});
		expect(second?.version).toBe(2);
		// The one who left carries the statements of hers the person's device held, sorted.
		const left = { ...gp, until: 30, seen: seen.toSorted() };
		expect(second?.members).toContainEqual(left);
		const third = nextRoster({
			circleId: CIRCLE,
			previous: second,
			current: [lea, { ...lea, accountId: 'acc-nurse', label: 'Nurse' }],
			now: 40
		});
		expect(third?.members).toContainEqual(left);
		expect(third?.version).toBe(3);
	});

	it('a former member’s commitment is signed: another list of statements fails', async () => {
		const roster: Roster = {
			...base(),
			members: [
				...base().members,
				{
					accountId: 'acc-left',
					role: 'nurse',
					label: 'Bruno',
					identityKey: carerKey,
					until: 1_700_000_000_000,
					seen: ['a'.repeat(32)]
				}
			]
		};
		const signed = await sign(person, roster);
		expect((await check(signed, person.identityKey)).ok).toBe(true);
		const members = roster.members.map((m) =>
			m.accountId === 'acc-left' ? { ...m, seen: ['a'.repeat(32), 'b'.repeat(32)] } : m
		);
		const widened = { ...signed, roster: { ...roster, members } };
		expect(await check(widened, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'bad-signature' }
		});
		expect(rosterKeyOf(roster, 'acc-left')?.seen).toEqual(['a'.repeat(32)]);
	});
});

describe('the marker of the person’s own signatures in the roster', () => {
	const SINCE = '001733300000000-0000-0000000000000001';
	const gp = { accountId: 'acc-gp', role: 'doctor' as const, label: 'Dr Martin', identityKey: 'k' };

	it('is signed with the list: a list without it frames as before, moving it fails', async () => {
		const plain = base();
		expect(rosterFields({ ...plain, ownSignedSince: SINCE })).toEqual([
			...rosterFields(plain),
			'own-signed-since',
			SINCE
		]);
		const signed = await sign(person, { ...plain, ownSignedSince: SINCE });
		expect((await check(signed, person.identityKey)).ok).toBe(true);
		const { ownSignedSince: _dropped, ...stripped } = signed.roster;
		expect(await check({ ...signed, roster: stripped }, person.identityKey)).toEqual({
			ok: false,
			error: { type: 'bad-signature' }
		});
		const later = { ...signed.roster, ownSignedSince: '001733400000000-0000-0000000000000001' };
		expect((await check({ ...signed, roster: later }, person.identityKey)).ok).toBe(false);
	});

	it('a new marker makes a new version; it is kept from the previous list after', () => {
		const first = nextRoster({ circleId: CIRCLE, previous: null, current: [gp], now: 10 });
		const marked = nextRoster({
			circleId: CIRCLE,
			previous: first,
			current: [gp],
			now: 20,
			ownSignedSince: SINCE
		});
		expect(marked).toMatchObject({ version: 2, ownSignedSince: SINCE });
		expect(nextRoster({ circleId: CIRCLE, previous: marked, current: [gp], now: 30 })).toBeNull();
		const third = nextRoster({ circleId: CIRCLE, previous: marked, current: [], now: 40 });
		expect(third?.ownSignedSince).toBe(SINCE);
	});
});
