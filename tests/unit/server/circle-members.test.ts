// Members, grants, wraps and key rotation (server/circle/members.ts) called directly on an in-memory
// SQLite database: fast enough for mutation testing (issue 17). What they pin: who sees what in the
// member list; only the owner changes grants (a refusal is logged), a revoked category loses its
// wraps, and only changed grants are logged; a member is removed by the owner or by themself, with
// every row and their open accepted invitation; a rotation needs a wrap for exactly the active
// holders; myKeys gives only the categories readable now. The API path runs in
// tests/integration/circle*.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant, ShareableCategory } from '../../../src/lib/domain/circle';
import { createMembers } from '../../../server/circle/members';
import { createPermissions } from '../../../server/sync/permissions';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { auditRows, seedAccount, seedCircle, seedMember } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 3, 7, 8);
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

function members(now = () => NOW) {
	const db = database.handle;
	return createMembers({ db, now, permissions: createPermissions({ db, now }) });
}

const g = (category: Grant['category'], access: Grant['access'], until: number | null = null) => ({
	category,
	access,
	until
});
const wrap = (category: ShareableCategory, keyId = 'k1', wrapped = `w-${category}`) => ({
	category,
	keyId,
	wrapped
});

const rows = (table: 'circle_grants' | 'circle_key_wraps', circleId: string, account: string) =>
	database.handle.db
		.selectFrom(table)
		.selectAll()
		.where('circle_id', '=', circleId)
		.where('account_id', '=', account)
		.orderBy('category')
		.execute();

async function addWraps(circleId: string, account: string, wraps: ReturnType<typeof wrap>[]) {
	for (const w of wraps)
		await database.handle.db
			.insertInto('circle_key_wraps')
			.values({
				circle_id: circleId,
				account_id: account,
				category: w.category,
				key_id: w.keyId,
				wrapped: w.wrapped,
				created_at: 5
			})
			.execute();
}

async function setKeys(accountId: string) {
	await database.handle.db
		.insertInto('account_sharing_keys')
		.values({ account_id: accountId, public_key: 'o-pk', identity_key: 'o-ik', updated_at: 1 })
		.execute();
}

describe('list', () => {
	it('shows the owner every member with keys and grants; a member only active ones and their own grants', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		await setKeys(ownerId);
		const claire = await seedMember(database.handle, circleId, {
			grants: [g('notes', 'write')]
		});
		const paul = await seedMember(database.handle, circleId, {
			careRole: 'doctor',
			grants: [g('symptoms', 'read', NOW + 10)]
		});
		const pending = await seedMember(database.handle, circleId, { status: 'pending' });
		await database.handle.db
			.updateTable('circle_member_details')
			.set({ joined_at: 3 })
			.where('account_id', '=', paul)
			.execute();
		await database.handle.db
			.updateTable('circle_member_details')
			.set({ joined_at: 2 })
			.where('account_id', '=', claire)
			.execute();
		const ownerRow = {
			accountId: ownerId,
			role: 'owner',
			label: '',
			status: 'active',
			joinedAt: 1,
			publicKey: 'o-pk',
			identityKey: 'o-ik',
			grants: null
		};
		const seen = await members().list(ownerId, circleId);
		expect(seen).toEqual({
			ok: true,
			value: [
				ownerRow,
				{
					accountId: pending,
					role: 'carer',
					label: 'Claire',
					status: 'pending',
					joinedAt: 1,
					publicKey: 'pk',
					identityKey: null,
					grants: []
				},
				{
					accountId: claire,
					role: 'carer',
					label: 'Claire',
					status: 'active',
					joinedAt: 2,
					publicKey: 'pk',
					identityKey: null,
					grants: [g('notes', 'write')]
				},
				{
					accountId: paul,
					role: 'doctor',
					label: 'Claire',
					status: 'active',
					joinedAt: 3,
					publicKey: 'pk',
					identityKey: null,
					grants: [g('symptoms', 'read', NOW + 10)]
				}
			]
		});
		const asClaire = await members().list(claire, circleId);
		expect(asClaire).toEqual({
			ok: true,
			value: [
				ownerRow,
				expect.objectContaining({
					accountId: claire,
					publicKey: null,
					identityKey: null,
					grants: [g('notes', 'write')]
				}),
				expect.objectContaining({ accountId: paul, publicKey: null, grants: null })
			]
		});
		expect(await members().list(await seedAccount(database.handle), circleId)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
	});

	it('names no keys for an owner who has none', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const listed = await members().list(ownerId, circleId);
		expect(listed.ok && listed.value[0]).toMatchObject({ publicKey: null, identityKey: null });
	});
});

describe('updateGrants', () => {
	it('replaces the grants, drops the wraps of revoked categories, logs only what changed', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [g('notes', 'write'), g('symptoms', 'read'), g('plan', 'read')]
		});
		await addWraps(circleId, claire, [wrap('notes'), wrap('symptoms'), wrap('plan')]);
		const next = [g('notes', 'write'), g('symptoms', 'write'), g('goals', 'read', NOW + 1)];
		const result = await members(() => NOW).updateGrants(ownerId, circleId, claire, {
			grants: next,
			wraps: [wrap('goals'), wrap('symptoms', 'k2')]
		});
		expect(result).toEqual({ ok: true, value: next });
		expect(
			(await rows('circle_grants', circleId, claire)).map((r) => [r.category, r.access])
		).toEqual([
			['goals', 'read'],
			['notes', 'write'],
			['symptoms', 'write']
		]);
		expect(
			(await rows('circle_key_wraps', circleId, claire)).map((r) => [r.category, r.key_id])
		).toEqual([
			['goals', 'k1'],
			['notes', 'k1'],
			['symptoms', 'k1'],
			['symptoms', 'k2']
		]);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'revoked', actor: ownerId, subject: ownerId, category: 'plan', target: claire },
			{ action: 'granted', actor: ownerId, subject: ownerId, category: 'symptoms', target: claire },
			{ action: 'granted', actor: ownerId, subject: ownerId, category: 'goals', target: claire }
		]);
	});

	it('logs a grant whose end changed, and leaves other members alone', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [g('notes', 'read', NOW + 5)]
		});
		const paul = await seedMember(database.handle, circleId, { grants: [g('plan', 'read')] });
		await addWraps(circleId, paul, [wrap('plan')]);
		await members().updateGrants(ownerId, circleId, claire, {
			grants: [g('notes', 'read', NOW + 6)],
			wraps: []
		});
		expect((await auditRows(database.handle, circleId)).map((e) => e.action)).toEqual(['granted']);
		// Revoking everything of Claire's leaves Paul's rows.
		await members().updateGrants(ownerId, circleId, claire, { grants: [], wraps: [] });
		expect(await rows('circle_grants', circleId, claire)).toEqual([]);
		expect((await rows('circle_grants', circleId, paul)).length).toBe(1);
		expect((await rows('circle_key_wraps', circleId, paul)).length).toBe(1);
	});

	it('refuses a non-owner (logged), a pending or unknown member, and invalid grants', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		const pending = await seedMember(database.handle, circleId, { status: 'pending' });
		const none = { grants: [g('plan', 'write')], wraps: [] };
		expect(await members().updateGrants(claire, circleId, claire, none)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await members().updateGrants(ownerId, circleId, pending, none)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		expect(await members().updateGrants(ownerId, circleId, 'nobody', none)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		expect(
			await members().updateGrants(ownerId, circleId, claire, {
				grants: [g('plan', 'read')],
				wraps: [wrap('notes')]
			})
		).toEqual({ ok: false, error: { type: 'invalid-grant' } });
		expect(
			await members().updateGrants(ownerId, circleId, claire, {
				grants: [g('plan', 'read', NOW)],
				wraps: []
			})
		).toEqual({ ok: false, error: { type: 'invalid-grant' } });
		expect((await rows('circle_grants', circleId, claire)).map((r) => r.category)).toEqual([
			'notes'
		]);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'refused', actor: claire, subject: ownerId, category: null, target: null }
		]);
		// A refusal about an unknown circle logs nothing.
		expect(await members().updateGrants(ownerId, 'no-circle', claire, none)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
	});
});

describe('remove', () => {
	async function withInvitation(circleId: string, accountId: string, id: string) {
		await database.handle.db
			.insertInto('circle_invitations')
			.values({
				id,
				circle_id: circleId,
				lookup_hash: `h-${id}`,
				server_key: 'sk',
				care_role: 'carer',
				label: 'Claire',
				proposed_grants: '[]',
				created_at: 1,
				expires_at: NOW + 1000,
				failure_count: 0,
				used_at: 2,
				accepted_by: accountId,
				accepted_public_key: 'pk',
				accepted_identity_key: null,
				owner_identity_key: 'oik',
				owner_proof: 'op',
				accepted_proof: 'p',
				confirmed_at: null,
				revoked_at: null
			})
			.execute();
	}
	const invitation = (id: string) =>
		database.handle.db
			.selectFrom('circle_invitations')
			.select(['revoked_at', 'confirmed_at'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	it('lets the owner remove a member: every row goes, the open acceptance ends, one entry', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		const paul = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		await addWraps(circleId, claire, [wrap('notes')]);
		await addWraps(circleId, paul, [wrap('notes')]);
		const inv = `inv-${claire}`;
		const confirmedInv = `inv-c-${claire}`;
		const pauls = `inv-${paul}`;
		await withInvitation(circleId, claire, inv);
		await withInvitation(circleId, claire, confirmedInv);
		await database.handle.db
			.updateTable('circle_invitations')
			.set({ confirmed_at: 3 })
			.where('id', '=', confirmedInv)
			.execute();
		await withInvitation(circleId, paul, pauls);
		expect(await members(() => NOW + 3).remove(ownerId, circleId, claire)).toEqual({
			ok: true,
			value: null
		});
		const left = (table: 'circle_members' | 'circle_member_details') =>
			database.handle.db
				.selectFrom(table)
				.select('account_id')
				.where('circle_id', '=', circleId)
				.where('account_id', '=', claire)
				.execute();
		expect(await left('circle_members')).toEqual([]);
		expect(await left('circle_member_details')).toEqual([]);
		expect(await rows('circle_grants', circleId, claire)).toEqual([]);
		expect(await rows('circle_key_wraps', circleId, claire)).toEqual([]);
		expect(await invitation(inv)).toEqual({ revoked_at: NOW + 3, confirmed_at: null });
		expect(await invitation(confirmedInv)).toEqual({ revoked_at: null, confirmed_at: 3 });
		expect(await invitation(pauls)).toEqual({ revoked_at: null, confirmed_at: null });
		expect((await rows('circle_grants', circleId, paul)).length).toBe(1);
		expect((await rows('circle_key_wraps', circleId, paul)).length).toBe(1);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{
				action: 'member-removed',
				actor: ownerId,
				subject: ownerId,
				category: null,
				target: claire
			}
		]);
		// Removed twice: nothing left to remove.
		expect(await members().remove(ownerId, circleId, claire)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
	});

	it('keeps an earlier revocation time of an accepted invitation', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId);
		const inv = `inv-r-${claire}`;
		await withInvitation(circleId, claire, inv);
		await database.handle.db
			.updateTable('circle_invitations')
			.set({ revoked_at: 7 })
			.where('id', '=', inv)
			.execute();
		await members(() => NOW + 3).remove(ownerId, circleId, claire);
		expect(await invitation(inv)).toEqual({ revoked_at: 7, confirmed_at: null });
	});

	it('lets a member leave, refuses anyone else (logged) and never removes the owner', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId);
		const paul = await seedMember(database.handle, circleId);
		expect(await members().remove(paul, circleId, claire)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await members().remove(ownerId, circleId, ownerId)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await members().remove(claire, circleId, claire)).toEqual({ ok: true, value: null });
		expect(await members().remove(ownerId, 'no-circle', paul)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'refused', actor: paul, subject: ownerId, category: null, target: null },
			{
				action: 'member-removed',
				actor: claire,
				subject: ownerId,
				category: null,
				target: claire
			}
		]);
		const owners = await database.handle.db
			.selectFrom('circle_members')
			.select('account_id')
			.where('circle_id', '=', circleId)
			.execute();
		expect(owners.map((r) => r.account_id).sort()).toEqual([ownerId, paul].sort());
	});
});

describe('rotateKey', () => {
	it('needs a wrap for exactly the active members with an active grant on the category', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		const paul = await seedMember(database.handle, circleId, {
			grants: [g('notes', 'write', NOW + 1)]
		});
		await seedMember(database.handle, circleId, { grants: [g('notes', 'read', NOW)] });
		await seedMember(database.handle, circleId, {
			status: 'pending',
			grants: [g('notes', 'read')]
		});
		await seedMember(database.handle, circleId, { grants: [g('plan', 'read')] });
		const rotate = (wraps: { accountId: string; wrapped: string }[]) =>
			members(() => NOW).rotateKey(ownerId, circleId, { category: 'notes', keyId: 'k9', wraps });
		const incomplete = { ok: false, error: { type: 'rotation-incomplete' } };
		expect(await rotate([{ accountId: claire, wrapped: 'c' }])).toEqual(incomplete);
		expect(
			await rotate([
				{ accountId: claire, wrapped: 'c' },
				{ accountId: 'stranger', wrapped: 's' }
			])
		).toEqual(incomplete);
		expect(
			await rotate([
				{ accountId: claire, wrapped: 'c' },
				{ accountId: paul, wrapped: 'p' },
				{ accountId: paul, wrapped: 'p' }
			])
		).toEqual(incomplete);
		expect(await auditRows(database.handle, circleId)).toEqual([]);
		expect(
			await rotate([
				{ accountId: paul, wrapped: 'p' },
				{ accountId: claire, wrapped: 'c' }
			])
		).toEqual({ ok: true, value: null });
		expect(
			(await rows('circle_key_wraps', circleId, claire)).map((r) => [
				r.category,
				r.key_id,
				r.wrapped,
				r.created_at
			])
		).toEqual([['notes', 'k9', 'c', NOW]]);
		expect((await rows('circle_key_wraps', circleId, paul)).map((r) => r.wrapped)).toEqual(['p']);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'key-rotated', actor: ownerId, subject: ownerId, category: 'notes', target: null }
		]);
	});

	it('needs no wrap for a holder whose grant row no longer parses', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		await seedMember(database.handle, circleId, {
			grants: [{ category: 'notes', access: 'admin', until: null }]
		});
		expect(
			await members().rotateKey(ownerId, circleId, {
				category: 'notes',
				keyId: 'k5',
				wraps: [{ accountId: claire, wrapped: 'c' }]
			})
		).toEqual({ ok: true, value: null });
	});

	it('accepts no wrap when nobody holds the category, and refuses a non-owner (logged)', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, { grants: [g('notes', 'read')] });
		expect(
			await members().rotateKey(ownerId, circleId, { category: 'plan', keyId: 'k2', wraps: [] })
		).toEqual({ ok: true, value: null });
		expect(
			await members().rotateKey(claire, circleId, { category: 'plan', keyId: 'k3', wraps: [] })
		).toEqual({ ok: false, error: { type: 'forbidden' } });
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'key-rotated', actor: ownerId, subject: ownerId, category: 'plan', target: null },
			{ action: 'refused', actor: claire, subject: ownerId, category: 'plan', target: null }
		]);
	});
});

describe('myKeys and myCircles', () => {
	it('gives a member the wraps of the categories they may read now, oldest first', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		await setKeys(ownerId);
		const claire = await seedMember(database.handle, circleId, {
			grants: [g('notes', 'read'), g('symptoms', 'write'), g('plan', 'read', NOW)]
		});
		await addWraps(circleId, claire, [wrap('symptoms'), wrap('plan')]);
		await database.handle.db
			.insertInto('circle_key_wraps')
			.values({
				circle_id: circleId,
				account_id: claire,
				category: 'notes',
				key_id: 'k0',
				wrapped: 'w0',
				created_at: 4
			})
			.execute();
		expect(await members().myKeys(claire, circleId)).toEqual({
			ok: true,
			value: {
				ownerAccountId: ownerId,
				ownerPublicKey: 'o-pk',
				ownerIdentityKey: 'o-ik',
				keys: [
					{ category: 'notes', keyId: 'k0', wrapped: 'w0', createdAt: 4 },
					{ category: 'symptoms', keyId: 'k1', wrapped: 'w-symptoms', createdAt: 5 }
				]
			}
		});
		// The owner holds every key locally: none from here, even with stray wraps.
		await addWraps(circleId, ownerId, [wrap('notes')]);
		expect(await members().myKeys(ownerId, circleId)).toEqual({
			ok: true,
			value: { ownerAccountId: ownerId, ownerPublicKey: 'o-pk', ownerIdentityKey: 'o-ik', keys: [] }
		});
		expect(await members().myKeys(await seedAccount(database.handle), circleId)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
	});

	it('answers not-found for a circle erased after the permission check', async () => {
		const claire = await seedAccount(database.handle);
		const stillThere = createMembers({
			db: database.handle,
			now: () => NOW,
			permissions: {
				loadAccess: (accountId, circleId) =>
					Promise.resolve({
						circleId,
						accountId,
						role: 'member',
						readable: new Set(['notes'] as const),
						writable: new Set()
					})
			}
		});
		expect(await stillThere.myKeys(claire, 'erased-circle')).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
	});

	it('answers null owner keys when the owner has none', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId);
		expect(await members().myKeys(claire, circleId)).toEqual({
			ok: true,
			value: { ownerAccountId: ownerId, ownerPublicKey: null, ownerIdentityKey: null, keys: [] }
		});
	});

	it('lists the account’s circles by id, with role, care role, label and status', async () => {
		const account = await seedAccount(database.handle);
		const own = await seedCircle(database.handle, account);
		const other = await seedCircle(database.handle);
		await seedMember(database.handle, other.circleId, { status: 'pending' }, account);
		const bare = await seedCircle(database.handle);
		await seedMember(database.handle, bare.circleId, { details: false }, account);
		await seedCircle(database.handle);
		const expected = [
			{
				id: own.circleId,
				role: 'owner',
				careRole: null,
				displayLabel: '',
				ownerAccountId: account,
				status: 'active'
			},
			{
				id: other.circleId,
				role: 'member',
				careRole: 'carer',
				displayLabel: 'Maman',
				ownerAccountId: other.ownerId,
				status: 'pending'
			},
			{
				id: bare.circleId,
				role: 'member',
				careRole: null,
				displayLabel: '',
				ownerAccountId: bare.ownerId,
				status: 'active'
			}
		].sort((a, b) => (a.id < b.id ? -1 : 1));
		expect(await members().myCircles(account)).toEqual(expected);
	});
});
