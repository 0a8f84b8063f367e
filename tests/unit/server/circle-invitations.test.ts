// Invitations (server/circle/invitations.ts) called directly on an in-memory SQLite database: fast
// enough for mutation testing (issue 17). What they pin: only the owner creates, lists, confirms
// and revokes; the stored row (hash of the lookup id, never the link secret); single use (a second
// accept, even a concurrent one, is refused); expired, used and revoked links are refused and the
// refusal is logged; a wrong server proof counts a failure and the fifth one revokes the link;
// confirm activates the pending member with fresh grants and wraps only; revoke removes an
// accepted invitee. The API path runs on both databases in tests/integration/circle*.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateInvitationRequest } from '../../../src/lib/contracts/circle';
import {
	invitationLookupId,
	invitationServerKey,
	lookupIdHash,
	newInvitationSecret,
	proveInvitation
} from '../../../src/lib/crypto/invitation';
import type { Grant, ShareableCategory } from '../../../src/lib/domain/circle';
import { createInvitations, MAX_FAILURES } from '../../../server/circle/invitations';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { auditRows, seedAccount, seedCircle } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 2, 3, 10);
const HOUR = 3_600_000;
let database: TestDatabase;
let ids = 0;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

function invitations(now = () => NOW) {
	return createInvitations({
		db: database.handle,
		now,
		newId: () => {
			ids += 1;
			return `inv-${ids}`;
		}
	});
}

const readNotes: Grant = { category: 'notes', access: 'read', until: null };
const writeSymptoms: Grant = { category: 'symptoms', access: 'write', until: NOW + 48 * HOUR };

interface Link {
	readonly secret: string;
	readonly lookupId: string;
	readonly request: CreateInvitationRequest & { expiresInHours: number };
}

async function link(overrides: Partial<CreateInvitationRequest> = {}): Promise<Link> {
	const secret = newInvitationSecret();
	const lookupId = (await invitationLookupId(secret)) ?? '';
	const serverKey = (await invitationServerKey(secret)) ?? '';
	return {
		secret,
		lookupId,
		request: {
			lookupId,
			serverKey,
			ownerPublicKey: 'owner-pk',
			ownerIdentityKey: 'owner-ik',
			ownerProof: 'owner-proof',
			role: 'nurse',
			label: 'Infirmière',
			grants: [readNotes, writeSymptoms],
			expiresInHours: 24,
			...overrides
		}
	};
}

async function acceptInput(l: Link, invitationId: string, publicKey = 'invitee-pk') {
	const proofs = await proveInvitation(l.secret, invitationId, {
		invitee: { identityKey: 'invitee-ik', sharingKey: publicKey },
		owner: { identityKey: 'owner-ik', sharingKey: 'owner-pk' }
	});
	if (proofs === null) throw new Error('no proofs');
	return {
		publicKey,
		identityKey: 'invitee-ik',
		proof: proofs.proof,
		serverProof: proofs.serverProof,
		circleLabel: 'Maman'
	};
}

async function created(now = NOW, overrides: Partial<CreateInvitationRequest> = {}) {
	const circle = await seedCircle(database.handle);
	const l = await link(overrides);
	const result = await invitations(() => now).create(circle.ownerId, circle.circleId, l.request);
	if (!result.ok) throw new Error(`create refused: ${result.error.type}`);
	return { ...circle, link: l, invitation: result.value };
}

async function accepted(now = NOW) {
	const c = await created(now);
	const invitee = await seedAccount(database.handle);
	const input = await acceptInput(c.link, c.invitation.id);
	const result = await invitations(() => now + 1).accept(invitee, c.link.lookupId, input);
	expect(result).toEqual({
		ok: true,
		value: { circleId: c.circleId, invitationId: c.invitation.id }
	});
	return { ...c, invitee, input };
}

const row = (id: string) =>
	database.handle.db
		.selectFrom('circle_invitations')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

const memberRows = async (circleId: string, accountId: string) => ({
	members: await database.handle.db
		.selectFrom('circle_members')
		.select(['role', 'created_at'])
		.where('circle_id', '=', circleId)
		.where('account_id', '=', accountId)
		.execute(),
	details: await database.handle.db
		.selectFrom('circle_member_details')
		.select(['care_role', 'label', 'circle_label', 'public_key', 'identity_key', 'status'])
		.select(['invitation_id', 'joined_at'])
		.where('circle_id', '=', circleId)
		.where('account_id', '=', accountId)
		.execute()
});

const grantRows = (
	table: 'circle_grants' | 'circle_key_wraps',
	circleId: string,
	account: string
) =>
	database.handle.db
		.selectFrom(table)
		.selectAll()
		.where('circle_id', '=', circleId)
		.where('account_id', '=', account)
		.orderBy('category')
		.execute();

describe('create', () => {
	it('stores the hash of the lookup id, the server key, the role, grants and expiry; logs `invited`', async () => {
		const { circleId, ownerId, link: l, invitation } = await created();
		expect(invitation).toEqual({
			id: invitation.id,
			circleId,
			role: 'nurse',
			label: 'Infirmière',
			grants: [readNotes, writeSymptoms],
			createdAt: NOW,
			expiresAt: NOW + 24 * HOUR,
			status: 'open',
			acceptance: null
		});
		expect(await row(invitation.id)).toEqual({
			id: invitation.id,
			circle_id: circleId,
			lookup_hash: await lookupIdHash(l.lookupId),
			server_key: l.request.serverKey,
			care_role: 'nurse',
			label: 'Infirmière',
			proposed_grants: JSON.stringify([readNotes, writeSymptoms]),
			created_at: NOW,
			expires_at: NOW + 24 * HOUR,
			failure_count: 0,
			used_at: null,
			accepted_by: null,
			accepted_public_key: null,
			accepted_identity_key: null,
			owner_identity_key: 'owner-ik',
			owner_proof: 'owner-proof',
			accepted_proof: null,
			confirmed_at: null,
			revoked_at: null
		});
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'invited', actor: ownerId, subject: ownerId, category: null, target: null }
		]);
	});

	it('keeps the owner’s latest sharing keys (insert, then update)', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const keys = () =>
			database.handle.db
				.selectFrom('account_sharing_keys')
				.select(['public_key', 'identity_key', 'updated_at'])
				.where('account_id', '=', ownerId)
				.execute();
		const first = await link();
		await invitations().create(ownerId, circleId, first.request);
		expect(await keys()).toEqual([
			{ public_key: 'owner-pk', identity_key: 'owner-ik', updated_at: NOW }
		]);
		const second = await link({ ownerPublicKey: 'pk-2', ownerIdentityKey: 'ik-2' });
		await invitations(() => NOW + 5).create(ownerId, circleId, second.request);
		expect(await keys()).toEqual([
			{ public_key: 'pk-2', identity_key: 'ik-2', updated_at: NOW + 5 }
		]);
	});

	it('refuses anyone but the owner, grants already over, and a replayed lookup id', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const member = await seedAccount(database.handle);
		const l = await link();
		expect(await invitations().create(member, circleId, l.request)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		const over = await link({ grants: [{ category: 'notes', access: 'read', until: NOW }] });
		expect(await invitations().create(ownerId, circleId, over.request)).toEqual({
			ok: false,
			error: { type: 'invalid-grant' }
		});
		expect((await invitations().create(ownerId, circleId, l.request)).ok).toBe(true);
		expect(await invitations().create(ownerId, circleId, l.request)).toEqual({
			ok: false,
			error: { type: 'invitation-used' }
		});
		// Only the first one was stored and logged.
		const listed = await invitations().list(ownerId, circleId);
		expect(listed.ok && listed.value.length).toBe(1);
		expect((await auditRows(database.handle, circleId)).length).toBe(1);
	});

	it('fails loudly on any other database error', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const l = await link({ ownerPublicKey: null as unknown as string });
		await expect(invitations().create(ownerId, circleId, l.request)).rejects.toThrow();
	});
});

describe('list and preview', () => {
	it('lists the circle’s invitations oldest first with their status, to the owner only', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const store = (at: number) => invitations(() => at);
		const open = await link({ expiresInHours: 2 });
		const old = await link({ expiresInHours: 1 });
		const withdrawn = await link({ expiresInHours: 5 });
		const a = await store(NOW + 2).create(ownerId, circleId, open.request);
		const b = await store(NOW).create(ownerId, circleId, old.request);
		const c = await store(NOW + 1).create(ownerId, circleId, withdrawn.request);
		if (!a.ok || !b.ok || !c.ok) throw new Error('create refused');
		await store(NOW + 3).revoke(ownerId, circleId, c.value.id);
		// At exactly NOW + 1 h the first one is expired; the one created at NOW + 2 is not.
		const listed = await store(NOW + HOUR).list(ownerId, circleId);
		expect(listed.ok && listed.value.map((i) => [i.id, i.status])).toEqual([
			[b.value.id, 'expired'],
			[c.value.id, 'revoked'],
			[a.value.id, 'open']
		]);
		const before = await store(NOW + HOUR - 1).list(ownerId, circleId);
		expect(before.ok && before.value.map((i) => i.status)).toEqual(['open', 'revoked', 'open']);
		expect(await store(NOW).list(await seedAccount(database.handle), circleId)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
	});

	it('shows an acceptance, then the confirmation, in the owner’s list', async () => {
		const { circleId, ownerId, invitee, input, invitation } = await accepted();
		const listed = await invitations(() => NOW + 2).list(ownerId, circleId);
		expect(listed.ok && listed.value).toEqual([
			expect.objectContaining({
				id: invitation.id,
				status: 'accepted',
				acceptance: {
					accountId: invitee,
					publicKey: 'invitee-pk',
					identityKey: 'invitee-ik',
					proof: input.proof,
					at: NOW + 1
				}
			})
		]);
		await invitations().confirm(ownerId, circleId, invitation.id, { grants: [], wraps: [] });
		const after = await invitations(() => NOW + 2).list(ownerId, circleId);
		expect(after.ok && after.value.map((i) => i.status)).toEqual(['confirmed']);
	});

	it('reads stored grants that no longer parse as none', async () => {
		const { circleId, ownerId, invitation } = await created();
		await database.handle.db
			.updateTable('circle_invitations')
			.set({ proposed_grants: JSON.stringify([{ category: 'settings', access: 'read' }]) })
			.where('id', '=', invitation.id)
			.execute();
		const listed = await invitations().list(ownerId, circleId);
		expect(listed.ok && listed.value.map((i) => i.grants)).toEqual([[]]);
	});

	it('previews an open link with the owner’s keys and proof', async () => {
		const { circleId, link: l, invitation } = await created();
		expect(await invitations(() => NOW + 24 * HOUR - 1).preview(l.lookupId)).toEqual({
			ok: true,
			value: {
				invitationId: invitation.id,
				circleId,
				role: 'nurse',
				label: 'Infirmière',
				grants: [readNotes, writeSymptoms],
				expiresAt: NOW + 24 * HOUR,
				ownerPublicKey: 'owner-pk',
				ownerIdentityKey: 'owner-ik',
				ownerProof: 'owner-proof'
			}
		});
	});

	it('answers not-found, expired, used or revoked instead of a preview', async () => {
		const { link: l } = await created();
		expect(await invitations().preview('unknown')).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		expect(await invitations(() => NOW + 24 * HOUR).preview(l.lookupId)).toEqual({
			ok: false,
			error: { type: 'invitation-expired' }
		});
		const used = await accepted();
		expect(await invitations().preview(used.link.lookupId)).toEqual({
			ok: false,
			error: { type: 'invitation-used' }
		});
		const revoked = await created();
		await invitations().revoke(revoked.ownerId, revoked.circleId, revoked.invitation.id);
		expect(await invitations().preview(revoked.link.lookupId)).toEqual({
			ok: false,
			error: { type: 'invitation-revoked' }
		});
		// An owner without sharing keys (erased meanwhile) has nothing to preview.
		const keyless = await created();
		await database.handle.db
			.deleteFrom('account_sharing_keys')
			.where('account_id', '=', keyless.ownerId)
			.execute();
		expect(await invitations().preview(keyless.link.lookupId)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
	});
});

describe('accept', () => {
	it('makes the invitee a pending member and logs `invitation-accepted`', async () => {
		const { circleId, ownerId, invitee, input, invitation } = await accepted();
		expect(await row(invitation.id)).toMatchObject({
			used_at: NOW + 1,
			accepted_by: invitee,
			accepted_public_key: 'invitee-pk',
			accepted_identity_key: 'invitee-ik',
			accepted_proof: input.proof,
			confirmed_at: null,
			revoked_at: null
		});
		expect(await memberRows(circleId, invitee)).toEqual({
			members: [{ role: 'member', created_at: NOW + 1 }],
			details: [
				{
					care_role: 'nurse',
					label: 'Infirmière',
					circle_label: 'Maman',
					public_key: 'invitee-pk',
					identity_key: 'invitee-ik',
					status: 'pending',
					invitation_id: invitation.id,
					joined_at: NOW + 1
				}
			]
		});
		expect((await auditRows(database.handle, circleId)).slice(1)).toEqual([
			{
				action: 'invitation-accepted',
				actor: invitee,
				subject: ownerId,
				category: null,
				target: invitee
			}
		]);
	});

	it('accepts once: a second account is refused (logged), even when both accept at once', async () => {
		const { circleId, link: l, invitation } = await accepted();
		const late = await seedAccount(database.handle);
		expect(
			await invitations().accept(late, l.lookupId, await acceptInput(l, invitation.id, 'pk-2'))
		).toEqual({ ok: false, error: { type: 'invitation-used' } });
		expect((await auditRows(database.handle, circleId)).map((e) => [e.action, e.actor])).toEqual([
			['invited', expect.any(String)],
			['invitation-accepted', expect.any(String)],
			['refused', late]
		]);

		const race = await created();
		const [x, y] = [await seedAccount(database.handle), await seedAccount(database.handle)];
		const [inX, inY] = [
			await acceptInput(race.link, race.invitation.id, 'pk-x'),
			await acceptInput(race.link, race.invitation.id, 'pk-y')
		];
		const results = await Promise.all([
			invitations().accept(x, race.link.lookupId, inX),
			invitations().accept(y, race.link.lookupId, inY)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, error: { type: 'invitation-used' } }
		]);
		const members = await database.handle.db
			.selectFrom('circle_members')
			.select('account_id')
			.where('circle_id', '=', race.circleId)
			.where('role', '=', 'member')
			.execute();
		expect(members).toHaveLength(1);
	});

	it('refuses an expired or revoked link and logs the refusal; unknown links log nothing', async () => {
		const { circleId, ownerId, link: l, invitation } = await created();
		const invitee = await seedAccount(database.handle);
		const input = await acceptInput(l, invitation.id);
		expect(await invitations(() => NOW + 24 * HOUR).accept(invitee, l.lookupId, input)).toEqual({
			ok: false,
			error: { type: 'invitation-expired' }
		});
		expect(await invitations().accept(invitee, 'unknown', input)).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		await invitations().revoke(ownerId, circleId, invitation.id);
		expect(await invitations().accept(invitee, l.lookupId, input)).toEqual({
			ok: false,
			error: { type: 'invitation-revoked' }
		});
		expect(await auditRows(database.handle, circleId)).toEqual([
			expect.objectContaining({ action: 'invited' }),
			{ action: 'refused', actor: invitee, subject: ownerId, category: null, target: null },
			{ action: 'refused', actor: ownerId, subject: ownerId, category: null, target: null },
			{ action: 'refused', actor: invitee, subject: ownerId, category: null, target: null }
		]);
		expect((await memberRows(circleId, invitee)).members).toEqual([]);
	});

	it('refuses a member of the circle without using the link', async () => {
		const { circleId, ownerId, link: l, invitation } = await created();
		const input = await acceptInput(l, invitation.id);
		expect(await invitations().accept(ownerId, l.lookupId, input)).toEqual({
			ok: false,
			error: { type: 'already-member' }
		});
		expect((await row(invitation.id)).used_at).toBeNull();
		expect((await auditRows(database.handle, circleId)).length).toBe(1);
	});

	it('counts a wrong server proof, logs it, and revokes the link at the fifth', async () => {
		const { circleId, link: l, invitation } = await created();
		const invitee = await seedAccount(database.handle);
		const good = await acceptInput(l, invitation.id);
		// A proof for another public key than the one sent.
		const forged = { ...good, publicKey: 'someone-else' };
		for (let i = 1; i < MAX_FAILURES; i++) {
			expect(await invitations(() => NOW + i).accept(invitee, l.lookupId, forged)).toEqual({
				ok: false,
				error: { type: 'invitation-proof-invalid' }
			});
			expect(await row(invitation.id)).toMatchObject({ failure_count: i, revoked_at: null });
		}
		expect(await invitations(() => NOW + 50).accept(invitee, l.lookupId, forged)).toEqual({
			ok: false,
			error: { type: 'invitation-proof-invalid' }
		});
		expect(await row(invitation.id)).toMatchObject({
			failure_count: MAX_FAILURES,
			revoked_at: NOW + 50,
			used_at: null
		});
		expect(await invitations().accept(invitee, l.lookupId, good)).toEqual({
			ok: false,
			error: { type: 'invitation-revoked' }
		});
		const log = await auditRows(database.handle, circleId);
		expect(log.filter((e) => e.action === 'refused')).toHaveLength(MAX_FAILURES + 1);
		expect((await memberRows(circleId, invitee)).members).toEqual([]);
	});

	it('keeps the first revocation time after more failures', async () => {
		const { link: l, invitation } = await created();
		const invitee = await seedAccount(database.handle);
		const forged = { ...(await acceptInput(l, invitation.id)), serverProof: 'AAAA' };
		for (let i = 0; i < MAX_FAILURES; i++)
			await invitations(() => NOW + i).accept(invitee, l.lookupId, forged);
		expect((await row(invitation.id)).revoked_at).toBe(NOW + MAX_FAILURES - 1);
		// Later tries are refused as revoked and change nothing.
		await invitations(() => NOW + 99).accept(invitee, l.lookupId, forged);
		expect(await row(invitation.id)).toMatchObject({
			failure_count: MAX_FAILURES,
			revoked_at: NOW + MAX_FAILURES - 1
		});
	});
});

describe('confirm', () => {
	const wrap = (category: ShareableCategory, keyId = 'k1') => ({
		category,
		keyId,
		wrapped: `w-${category}`
	});

	it('activates the pending member with the given grants and wraps only; logs one `granted` each', async () => {
		const { circleId, ownerId, invitee, invitation } = await accepted();
		// Rows left from an earlier membership must not come back.
		await database.handle.db
			.insertInto('circle_grants')
			.values({
				circle_id: circleId,
				account_id: invitee,
				category: 'plan',
				access: 'write',
				until: null,
				created_at: 1
			})
			.execute();
		await database.handle.db
			.insertInto('circle_key_wraps')
			.values({
				circle_id: circleId,
				account_id: invitee,
				category: 'plan',
				key_id: 'old',
				wrapped: 'old',
				created_at: 1
			})
			.execute();
		const result = await invitations(() => NOW + 9).confirm(ownerId, circleId, invitation.id, {
			grants: [readNotes, writeSymptoms],
			wraps: [wrap('notes'), wrap('symptoms')]
		});
		expect(result).toEqual({ ok: true, value: { accountId: invitee } });
		expect((await memberRows(circleId, invitee)).details[0]?.status).toBe('active');
		expect((await row(invitation.id)).confirmed_at).toBe(NOW + 9);
		expect(
			(await grantRows('circle_grants', circleId, invitee)).map((g) => [g.category, g.access])
		).toEqual([
			['notes', 'read'],
			['symptoms', 'write']
		]);
		expect(
			(await grantRows('circle_key_wraps', circleId, invitee)).map((w) => [w.category, w.wrapped])
		).toEqual([
			['notes', 'w-notes'],
			['symptoms', 'w-symptoms']
		]);
		expect((await auditRows(database.handle, circleId)).slice(2)).toEqual([
			{ action: 'granted', actor: ownerId, subject: ownerId, category: 'notes', target: invitee },
			{
				action: 'granted',
				actor: ownerId,
				subject: ownerId,
				category: 'symptoms',
				target: invitee
			}
		]);
		// Confirmed once: a second confirmation is refused.
		expect(
			await invitations().confirm(ownerId, circleId, invitation.id, { grants: [], wraps: [] })
		).toEqual({ ok: false, error: { type: 'invitation-used' } });
	});

	it('refuses a non-owner, an unknown or other circle’s invitation, and one not yet accepted', async () => {
		const { circleId, ownerId, invitation } = await created();
		const other = await seedCircle(database.handle);
		const none = { grants: [], wraps: [] };
		expect(await invitations().confirm(other.ownerId, circleId, invitation.id, none)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await invitations().confirm(other.ownerId, other.circleId, invitation.id, none)).toEqual(
			{ ok: false, error: { type: 'not-found' } }
		);
		expect(await invitations().confirm(ownerId, circleId, invitation.id, none)).toEqual({
			ok: false,
			error: { type: 'invitation-not-accepted' }
		});
	});

	it('refuses wraps for categories not granted, or grants already over', async () => {
		const { circleId, ownerId, invitee, invitation } = await accepted();
		expect(
			await invitations().confirm(ownerId, circleId, invitation.id, {
				grants: [readNotes],
				wraps: [wrap('plan')]
			})
		).toEqual({ ok: false, error: { type: 'invalid-grant' } });
		expect(
			await invitations(() => NOW + 48 * HOUR).confirm(ownerId, circleId, invitation.id, {
				grants: [writeSymptoms],
				wraps: []
			})
		).toEqual({ ok: false, error: { type: 'invalid-grant' } });
		expect((await memberRows(circleId, invitee)).details[0]?.status).toBe('pending');
		expect((await row(invitation.id)).confirmed_at).toBeNull();
	});

	it('answers revoked for a cancelled link, withdrawn once the invitee left or was removed', async () => {
		const none = { grants: [], wraps: [] };
		const cancelled = await created();
		await invitations().revoke(cancelled.ownerId, cancelled.circleId, cancelled.invitation.id);
		expect(
			await invitations().confirm(
				cancelled.ownerId,
				cancelled.circleId,
				cancelled.invitation.id,
				none
			)
		).toEqual({ ok: false, error: { type: 'invitation-revoked' } });

		const removed = await accepted();
		await invitations().revoke(removed.ownerId, removed.circleId, removed.invitation.id);
		expect(
			await invitations().confirm(removed.ownerId, removed.circleId, removed.invitation.id, none)
		).toEqual({ ok: false, error: { type: 'invitation-withdrawn' } });

		// Left on their own: the member rows are gone but the invitation is still accepted.
		const left = await accepted();
		await database.handle.db
			.deleteFrom('circle_members')
			.where('circle_id', '=', left.circleId)
			.where('account_id', '=', left.invitee)
			.execute();
		expect(
			await invitations().confirm(left.ownerId, left.circleId, left.invitation.id, {
				grants: [readNotes],
				wraps: []
			})
		).toEqual({ ok: false, error: { type: 'invitation-withdrawn' } });
		expect((await row(left.invitation.id)).confirmed_at).toBeNull();
		expect(await grantRows('circle_grants', left.circleId, left.invitee)).toEqual([]);
	});

	it('refuses to confirm a member who is active already, or joined through another invitation', async () => {
		const active = await accepted();
		await database.handle.db
			.updateTable('circle_member_details')
			.set({ status: 'active' })
			.where('account_id', '=', active.invitee)
			.execute();
		expect(
			await invitations().confirm(active.ownerId, active.circleId, active.invitation.id, {
				grants: [readNotes],
				wraps: []
			})
		).toEqual({ ok: false, error: { type: 'invitation-withdrawn' } });
		const other = await accepted();
		await database.handle.db
			.updateTable('circle_member_details')
			.set({ invitation_id: 'another' })
			.where('account_id', '=', other.invitee)
			.execute();
		expect(
			await invitations().confirm(other.ownerId, other.circleId, other.invitation.id, {
				grants: [readNotes],
				wraps: []
			})
		).toEqual({ ok: false, error: { type: 'invitation-withdrawn' } });
		expect((await row(other.invitation.id)).confirmed_at).toBeNull();
	});
});

describe('revoke', () => {
	it('ends an open link and logs the owner’s refusal', async () => {
		const { circleId, ownerId, invitation } = await created();
		expect(await invitations(() => NOW + 4).revoke(ownerId, circleId, invitation.id)).toEqual({
			ok: true,
			value: null
		});
		expect((await row(invitation.id)).revoked_at).toBe(NOW + 4);
		expect((await auditRows(database.handle, circleId)).slice(1)).toEqual([
			{ action: 'refused', actor: ownerId, subject: ownerId, category: null, target: null }
		]);
	});

	it('removes an accepted invitee and names them in the log', async () => {
		const { circleId, ownerId, invitee, invitation } = await accepted();
		const bystander = await accepted();
		await invitations().revoke(ownerId, circleId, invitation.id);
		expect(await memberRows(circleId, invitee)).toEqual({ members: [], details: [] });
		expect((await memberRows(bystander.circleId, bystander.invitee)).members).toHaveLength(1);
		expect((await auditRows(database.handle, circleId)).slice(2)).toEqual([
			{ action: 'refused', actor: ownerId, subject: ownerId, category: null, target: invitee }
		]);
	});

	it('refuses a non-owner, an unknown invitation and a confirmed one', async () => {
		const { circleId, ownerId, invitee, invitation } = await accepted();
		expect(await invitations().revoke(invitee, circleId, invitation.id)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await invitations().revoke(ownerId, circleId, 'nope')).toEqual({
			ok: false,
			error: { type: 'not-found' }
		});
		await invitations().confirm(ownerId, circleId, invitation.id, { grants: [], wraps: [] });
		expect(await invitations().revoke(ownerId, circleId, invitation.id)).toEqual({
			ok: false,
			error: { type: 'invitation-used' }
		});
		expect((await row(invitation.id)).revoked_at).toBeNull();
		expect((await memberRows(circleId, invitee)).members).toHaveLength(1);
	});
});
