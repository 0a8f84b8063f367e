// Issue 12, items 1 and 2, as attacks: the real server on SQLite and PostgreSQL behind a wrapper
// that lies (tests/fixtures/lying-server-identity.ts), and the REAL commands of each device. The
// server swaps a member's keys before a grant and before a rotation, lists a member who is not
// there, hands a member wraps it made itself, and swaps the owner's keys in an invitation preview.
// Every attack is refused by the client, nothing is wrapped to a key the attacker holds, and the
// person is told which member's key changed. Each test ends with the honest control that the
// same step works when the server tells the truth, so a refusal is for the right reason.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
	invitationPreviewSchema,
	memberListResponseSchema,
	myKeysResponseSchema,
	putRosterRequestSchema,
	rotateKeyRequestSchema,
	updateGrantsRequestSchema,
	type Member
} from '../../src/lib/contracts/circle';
import { pushRequestSchema } from '../../src/lib/contracts/sync';
import { generateCategoryKey } from '../../src/lib/crypto/keys';
import { openSignedWrap, wrapAndSignForMember } from '../../src/lib/crypto/signed-wrap';
import type { Grant } from '../../src/lib/domain/circle';
import type { CircleCommands } from '../../src/lib/state/circle-commands';
import { extractableCategoryKey } from '../../src/lib/vault/sharing-keys';
import { circleErrorText } from '../../src/lib/ui/circle/labels';
import type { DbHandle } from '../../server/db';
import { createCircleTestApp } from '../fixtures/circle/app';
import {
	commandsFor,
	device,
	joinWithCommands,
	openAsMember,
	syncOwner,
	type Device
} from '../fixtures/circle/devices';
import { attackerKeys, lyingServer, type LyingServer } from '../fixtures/lying-server-identity';
import { ORIGIN } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire as claireFixture, marie } from '../fixtures/server/people';

const T = Date.UTC(2025, 0, 6, 9);
const MEDS: Grant = { category: 'medications', access: 'read', until: null };
const WEIGHT: Grant = { category: 'measurements', access: 'write', until: null };
const SYMPTOMS: Grant = { category: 'symptoms', access: 'read', until: null };

async function circleOfThree(get: () => { readonly handle: DbHandle }) {
	const app = createCircleTestApp(get().handle, Date.now());
	const owner = await device(app, marie);
	const claire = await device(app, claireFixture);
	const nurse = await device(app, claireFixture);
	expect(
		(
			await owner.vault.commit([
				{ type: 'put', kind: 'medication', category: 'medications', at: T, body: { name: 'x' } },
				{ type: 'put', kind: 'symptom', category: 'symptoms', at: T, body: { symptom: 'pain' } },
				{ type: 'put', kind: 'measurement', category: 'measurements', at: T, body: { v: 70 } }
			])
		).ok
	).toBe(true);
	await syncOwner(owner);
	await joinWithCommands(owner, claire, [MEDS, WEIGHT], 'Claire');
	await joinWithCommands(owner, nurse, [MEDS], 'Nurse');
	return { app, owner, claire, nurse };
}

/** Puts a lying server between `d` and the real one. */
function lieTo(d: Device): LyingServer {
	const liar = lyingServer(d.server);
	d.server = liar.fetch;
	return liar;
}

const listedMembers = (json: unknown) => memberListResponseSchema.parse(json).members;

async function load(person: CircleCommands, owner: Device) {
	const snapshot = await person.loadCircle(owner.circleId);
	if (!snapshot.ok) throw new Error(`load ${snapshot.error.type}`);
	return snapshot.value;
}

function memberOf(members: readonly Member[], accountId: string): Member {
	const found = members.find((m) => m.accountId === accountId);
	if (found === undefined) throw new Error('not listed');
	return found;
}

const rotations = (liar: LyingServer) =>
	liar.sent
		.filter((r) => r.method === 'POST' && r.path.endsWith('/keys'))
		.map((r) => rotateKeyRequestSchema.parse(r.body));

forEachDatabase('lying server: identities', (get) => {
	it('swaps a member’s keys before a grant: nothing is wrapped, the person is told', async () => {
		const { owner, claire } = await circleOfThree(get);
		const liar = lieTo(owner);
		const evil = await attackerKeys();
		liar.lie({
			method: 'GET',
			path: /\/members$/,
			rewrite: (json) => ({
				members: listedMembers(json).map((m) =>
					m.accountId === claire.accountId
						? { ...m, publicKey: evil.sharingKey, identityKey: evil.identityKey }
						: m
				)
			})
		});
		const person = commandsFor(owner);
		const lied = await load(person, owner);
		expect(lied.checks.get(claire.accountId)).toBe('changed');
		const target = memberOf(lied.members, claire.accountId);
		const result = await person.updateGrants(
			owner.circleId,
			target,
			[MEDS, WEIGHT, SYMPTOMS],
			lied.members
		);
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: claire.accountId, label: 'Claire' }] }
		});
		if (result.ok) return;
		expect(circleErrorText(result.error)).toContain('Claire');
		expect(liar.sent.filter((r) => r.method === 'PUT')).toEqual([]);

		// Honest control: the same grant goes through, and Claire reads the new category.
		liar.truth();
		const honest = await load(person, owner);
		expect(honest.checks.get(claire.accountId)).toBe('pinned');
		expect(
			await person.updateGrants(
				owner.circleId,
				memberOf(honest.members, claire.accountId),
				[MEDS, WEIGHT, SYMPTOMS],
				honest.members
			)
		).toEqual({ ok: true, value: null });
		const view = await openAsMember(claire, owner);
		if (!view.ok) throw new Error(view.error.type);
		expect(await view.value.records.query({ category: 'symptoms' })).toHaveLength(1);
		view.value.close();
	});

	it('swaps a remaining holder’s keys before a rotation: no wrap for the swapped key, the person is told', async () => {
		const { owner, claire, nurse } = await circleOfThree(get);
		const liar = lieTo(owner);
		const evil = await attackerKeys();
		liar.lie({
			method: 'GET',
			path: /\/members$/,
			rewrite: (json) => ({
				members: listedMembers(json).map((m) =>
					m.accountId === nurse.accountId
						? { ...m, publicKey: evil.sharingKey, identityKey: evil.identityKey }
						: m
				)
			})
		});
		const person = commandsFor(owner);
		const lied = await load(person, owner);
		const result = await person.removeMember(
			owner.circleId,
			memberOf(lied.members, claire.accountId),
			lied.members
		);
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: nurse.accountId, label: 'Nurse' }] }
		});
		const posted = rotations(liar);
		expect(posted.map((r) => r.category).sort()).toEqual(['measurements', 'medications']);
		// Not one wrap names the nurse, and none opens with the attacker's key.
		expect(posted.flatMap((r) => r.wraps.map((w) => w.accountId))).toEqual([]);
		const ownerIdentity = (await load(person, owner)).members.find((m) => m.role === 'owner');
		for (const r of posted)
			for (const w of r.wraps)
				expect(
					await openSignedWrap(
						w.wrapped,
						evil.own,
						{
							circleId: owner.circleId,
							category: r.category,
							keyId: r.keyId,
							memberAccountId: w.accountId
						},
						ownerIdentity?.identityKey ?? ''
					)
				).toBeNull();

		// Honest control: with the truth, the rotation wraps to the nurse's pinned key.
		liar.truth();
		const honest = await load(person, owner);
		expect(await person.rotate(owner.circleId, ['medications'], honest.members)).toEqual({
			ok: true,
			value: null
		});
		expect(
			rotations(liar)
				.at(-1)
				?.wraps.map((w) => w.accountId)
		).toEqual([nurse.accountId]);
	});

	it('lists a fake active member: it gets nothing at a rotation or a grant, and the person is told', async () => {
		const { owner, claire, nurse } = await circleOfThree(get);
		const liar = lieTo(owner);
		const evil = await attackerKeys();
		const fake: Member = {
			accountId: randomUUID(),
			role: 'carer',
			label: 'Mallory',
			status: 'active',
			joinedAt: T,
			publicKey: evil.sharingKey,
			identityKey: evil.identityKey,
			grants: [MEDS]
		};
		liar.lie({
			method: 'GET',
			path: /\/members$/,
			rewrite: (json) => ({ members: [...listedMembers(json), fake] })
		});
		const person = commandsFor(owner);
		const lied = await load(person, owner);
		expect(lied.checks.get(fake.accountId)).toBe('unpinned');
		const result = await person.removeMember(
			owner.circleId,
			memberOf(lied.members, claire.accountId),
			lied.members
		);
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: fake.accountId, label: 'Mallory' }] }
		});
		const meds = rotations(liar).find((r) => r.category === 'medications');
		expect(meds?.wraps.map((w) => w.accountId)).toEqual([nurse.accountId]);
		for (const w of meds?.wraps ?? [])
			expect(
				await openSignedWrap(
					w.wrapped,
					evil.own,
					{
						circleId: owner.circleId,
						category: 'medications',
						keyId: meds?.keyId ?? '',
						memberAccountId: fake.accountId
					},
					evil.identityKey
				)
			).toBeNull();
		const granted = await person.updateGrants(owner.circleId, fake, [MEDS, SYMPTOMS], lied.members);
		expect(granted).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: fake.accountId, label: 'Mallory' }] }
		});
		expect(liar.sent.filter((r) => r.method === 'PUT' && !r.path.endsWith('/roster'))).toEqual([]);
		// The member list the person signed after removing Claire never names the fake member.
		const rosters = liar.sent.filter((r) => r.method === 'PUT' && r.path.endsWith('/roster'));
		expect(rosters.length).toBeGreaterThan(0);
		for (const r of rosters)
			expect(
				putRosterRequestSchema
					.parse(r.body)
					.signed.roster.members.map((m) => m.accountId)
					.includes(fake.accountId)
			).toBe(false);
	});

	it('hands a member wraps it made itself: the member refuses every one', async () => {
		const { owner, claire } = await circleOfThree(get);
		const liar = lieTo(claire);
		const evil = await attackerKeys();
		const evilKey = await generateCategoryKey();
		const forged = await wrapAndSignForMember(
			evilKey,
			claire.publicKey,
			{
				circleId: owner.circleId,
				category: 'measurements',
				keyId: 'k-evil',
				memberAccountId: claire.accountId
			},
			{ privateKey: evil.identity.privateKey },
			Date.now() + 60_000
		);
		if (forged === null) throw new Error('forge');
		const evilEntry = {
			category: 'measurements',
			keyId: 'k-evil',
			wrapped: forged,
			createdAt: Date.now() + 60_000
		};
		// The newest key of a category, and the owner's identity key in the answer, both the attacker's.
		liar.lie({
			method: 'GET',
			path: /\/keys$/,
			rewrite: (json) => {
				const keys = myKeysResponseSchema.parse(json);
				return { ...keys, ownerIdentityKey: evil.identityKey, keys: [...keys.keys, evilEntry] };
			}
		});
		const view = await openAsMember(claire, owner);
		if (!view.ok) throw new Error(view.error.type);
		expect(await view.value.records.query({ category: 'measurements' })).toHaveLength(1);
		const written = await view.value.records.commit([
			{ type: 'put', kind: 'measurement', category: 'measurements', at: T + 1, body: { v: 71 } }
		]);
		expect(written.ok).toBe(true);
		expect(await view.value.sync()).toMatchObject({ ok: true });
		const pushed = liar.sent
			.filter((r) => r.path === '/api/sync/push')
			.flatMap((r) => pushRequestSchema.parse(r.body).envelopes);
		expect(pushed).toHaveLength(1);
		expect(pushed.map((e) => e.keyId)).not.toContain('k-evil');
		view.value.close();

		// Only forged wraps: nothing opens at all.
		liar.truth();
		liar.lie({
			method: 'GET',
			path: /\/keys$/,
			rewrite: (json) => ({ ...myKeysResponseSchema.parse(json), keys: [evilEntry] })
		});
		expect(await openAsMember(claire, owner)).toEqual({
			ok: false,
			error: { type: 'keys-invalid' }
		});
	});

	it('swaps the person’s keys in an invitation preview: the invitee refuses before accepting', async () => {
		const { app, owner } = await circleOfThree(get);
		const newcomer = await device(app, claireFixture);
		const person = commandsFor(owner);
		const created = await person.createInvitation(
			owner.circleId,
			{ role: 'nurse', label: 'New', grants: [MEDS] },
			ORIGIN
		);
		if (!created.ok) throw new Error('invite');
		const secret = created.value.link.slice(created.value.link.indexOf('#') + 1);
		const liar = lieTo(newcomer);
		const evil = await attackerKeys();
		liar.lie({
			method: 'GET',
			path: /^\/api\/invitations\/[^/]+$/,
			rewrite: (json) => ({
				...invitationPreviewSchema.parse(json),
				ownerPublicKey: evil.sharingKey,
				ownerIdentityKey: evil.identityKey
			})
		});
		const newcomerCommands = commandsFor(newcomer);
		expect(await newcomerCommands.previewInvitation(secret)).toEqual({
			ok: false,
			error: { type: 'owner-unverified' }
		});
		expect(liar.sent.filter((r) => r.method === 'POST')).toEqual([]);
		liar.truth();
		expect((await newcomerCommands.previewInvitation(secret)).ok).toBe(true);
	});

	it('after the codes matched in person, the re-pinned key gets the shared keys again', async () => {
		const { owner, claire } = await circleOfThree(get);
		const liar = lieTo(owner);
		// Claire's phone was replaced: the server now lists her new keys (here, fresh ones).
		const fresh = await attackerKeys();
		liar.lie({
			method: 'GET',
			path: /\/members$/,
			rewrite: (json) => ({
				members: listedMembers(json).map((m) =>
					m.accountId === claire.accountId
						? { ...m, publicKey: fresh.sharingKey, identityKey: fresh.identityKey }
						: m
				)
			})
		});
		const person = commandsFor(owner);
		const before = await load(person, owner);
		expect(before.checks.get(claire.accountId)).toBe('changed');
		const target = memberOf(before.members, claire.accountId);
		// The code both phones show: the person's identity with Claire's new one.
		const code = await person.safetyCodeWith(target.identityKey);
		expect(code.ok).toBe(true);
		expect(await person.confirmMemberKeys(owner.circleId, target)).toEqual({
			ok: true,
			value: null
		});
		const after = await load(person, owner);
		expect(after.checks.get(claire.accountId)).toBe('pinned');
		// The grants again, and the person's signed member list with Claire's re-pinned key.
		const put = liar.sent.filter((r) => r.method === 'PUT' && !r.path.endsWith('/roster'));
		expect(put).toHaveLength(1);
		const roster = putRosterRequestSchema.parse(
			liar.sent.find((r) => r.method === 'PUT' && r.path.endsWith('/roster'))?.body
		);
		expect(
			roster.signed.roster.members.find((m) => m.accountId === claire.accountId)?.identityKey
		).toBe(fresh.identityKey);
		const body = updateGrantsRequestSchema.parse(put[0]?.body);
		expect(body.grants.map((g) => g.category).sort()).toEqual(['measurements', 'medications']);
		const ownerKey = after.members.find((m) => m.role === 'owner')?.identityKey ?? '';
		for (const w of body.wraps)
			expect(
				await openSignedWrap(
					w.wrapped,
					fresh.own,
					{
						circleId: owner.circleId,
						category: w.category,
						keyId: w.keyId,
						memberAccountId: claire.accountId
					},
					ownerKey
				)
			).not.toBeNull();
		expect(body.wraps).toHaveLength(2);
		// And a grant change now goes through to the re-pinned key.
		expect(
			await person.updateGrants(
				owner.circleId,
				memberOf(after.members, claire.accountId),
				[MEDS, WEIGHT, SYMPTOMS],
				after.members
			)
		).toEqual({ ok: true, value: null });
	});

	it('reorders a category’s keys to roll a member back to an older key: writes keep the newest', async () => {
		const { owner, claire } = await circleOfThree(get);
		const person = commandsFor(owner);
		const listed = await load(person, owner);
		// Marie rotates "measurements": Claire (write) gets the new key, signed.
		expect(await person.rotate(owner.circleId, ['measurements'], listed.members)).toEqual({
			ok: true,
			value: null
		});
		const newestKeyId = (await extractableCategoryKey(owner.vault, 'measurements'))?.keyId ?? '';
		const liar = lieTo(claire);
		liar.lie({
			method: 'GET',
			path: /\/keys$/,
			rewrite: (json) => {
				const keys = myKeysResponseSchema.parse(json);
				// The server claims the older key is the newest.
				return {
					...keys,
					keys: keys.keys.map((k) =>
						k.category !== 'measurements'
							? k
							: { ...k, createdAt: k.keyId === newestKeyId ? 0 : Date.now() + 60_000 }
					)
				};
			}
		});
		const view = await openAsMember(claire, owner);
		if (!view.ok) throw new Error(view.error.type);
		expect(
			(
				await view.value.records.commit([
					{ type: 'put', kind: 'measurement', category: 'measurements', at: T + 2, body: { v: 72 } }
				])
			).ok
		).toBe(true);
		expect(await view.value.sync()).toMatchObject({ ok: true });
		const pushed = liar.sent
			.filter((r) => r.path === '/api/sync/push')
			.flatMap((r) => pushRequestSchema.parse(r.body).envelopes);
		expect(newestKeyId).not.toBe('');
		expect(pushed.map((e) => e.keyId)).toEqual([newestKeyId]);
		view.value.close();
	});
});
