// The circle of care through the real handlers on SQLite and PostgreSQL: the invitation journey,
// refused invitations (expired, used, forged, bad proof, dead after 5 failures) writing nothing
// but an audit entry, grant changes and removal taking effect on the next request, rotation
// completeness, and the access log detecting a tampered database row (a consistently rewritten
// chain only against a head pinned before).
import { expect, it } from 'vitest';
import {
	auditLogResponseSchema,
	invitationPreviewSchema,
	memberListResponseSchema,
	myCirclesResponseSchema,
	myKeysResponseSchema
} from '../../src/lib/contracts/circle';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { pullResponseSchema, pushResponseSchema } from '../../src/lib/contracts/sync';
import { verifyOwnerKeys } from '../../src/lib/crypto/invitation';
import { openSignedWrap } from '../../src/lib/crypto/signed-wrap';
import { hashAuditEntry, verifyChain } from '../../src/lib/domain/audit';
import { openEnvelope } from '../../src/lib/vault/envelope';
import { sharingIdentity } from '../../src/lib/vault/sharing-keys';
import { apiRequest } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import * as people from '../fixtures/server/people';
import { envelope, pushBody } from '../fixtures/server/people';
import {
	accept,
	call,
	createCircleTestApp,
	daughter,
	invite,
	join,
	participant,
	partyKeys,
	type Participant
} from '../fixtures/circle/app';
import {
	commandsFor,
	device,
	joinWithCommands,
	openAsMember,
	syncOwner
} from '../fixtures/circle/devices';
import type { TestApp } from '../fixtures/server/app';

const HOUR = 3_600_000;
const T = Date.UTC(2025, 0, 6, 9);
const medication = (at: number, name: string) =>
	({
		type: 'put',
		kind: 'medication',
		category: 'medications',
		at,
		body: { kind: 'medication', name }
	}) as const;
const code = (json: unknown): string => apiErrorBodySchema.parse(json).error.code;

async function audit(app: TestApp, owner: Participant) {
	const res = await call(app, 'GET', `/api/circles/${owner.circleId}/audit`, owner.cookie);
	expect(res.status).toBe(200);
	return auditLogResponseSchema.parse(res.json);
}

async function members(app: TestApp, owner: Participant) {
	return memberListResponseSchema.parse(
		(await call(app, 'GET', `/api/circles/${owner.circleId}/members`, owner.cookie)).json
	).members;
}

async function pullIds(app: TestApp, who: Pick<Participant, 'cookie'>, circleId: string) {
	const res = await app.fetch(
		apiRequest('GET', `/api/sync/pull?circle=${circleId}&limit=1000`, { cookie: who.cookie })
	);
	return {
		status: res.status,
		body: res.status === 200 ? pullResponseSchema.parse(await res.json()) : null
	};
}

async function pushAs(
	app: TestApp,
	who: Participant,
	circleId: string,
	envs: ReturnType<typeof envelope>[]
) {
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie: who.cookie, body: pushBody(circleId, envs) })
	);
	return {
		status: res.status,
		acks: res.status === 200 ? pushResponseSchema.parse(await res.json()).acks : []
	};
}

forEachDatabase('circle', (get) => {
	it('invites, accepts, verifies and confirms; the member unwraps keys and pulls only what is granted', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const invited = await invite(app, marie, {
			grants: [{ category: 'medications', access: 'read', until: null }]
		});
		const preview = await call(app, 'GET', `/api/invitations/${invited.lookupId}`, claire.cookie);
		expect(preview.status).toBe(200);
		const p = invitationPreviewSchema.parse(preview.json);
		// The preview carries the owner's keys and their proof, never a code the client would trust.
		expect([p.ownerPublicKey, p.ownerIdentityKey]).toEqual([marie.publicKey, marie.identityKey]);
		expect(
			await verifyOwnerKeys(invited.secret, marie.circleId, partyKeys(marie), p.ownerProof ?? '')
		).toBe(true);
		expect(p).not.toHaveProperty('ownerFingerprint');
		expect(JSON.stringify(preview.json)).not.toContain(marie.accountId);

		await join(app, marie, claire, [
			{ category: 'medications', access: 'read', until: null },
			{ category: 'plan', access: 'write', until: null }
		]);
		await pushAs(app, marie, marie.circleId, [
			envelope({ category: 'medications' }),
			envelope({ category: 'symptoms' })
		]);
		const pulled = await pullIds(app, claire, marie.circleId);
		expect(pulled.body?.envelopes.map((e) => e.category)).toEqual(['medications']);

		const keys = myKeysResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${marie.circleId}/keys`, claire.cookie)).json
		);
		expect(keys.keys.map((k) => k.category).sort()).toEqual(['medications', 'plan']);
		const first = keys.keys[0];
		if (first === undefined) throw new Error('keys');
		const binding = {
			circleId: marie.circleId,
			category: first.category,
			keyId: first.keyId,
			memberAccountId: claire.accountId
		};
		const own = { privateKey: claire.keys.privateKey, publicKey: claire.publicKey };
		expect(await openSignedWrap(first.wrapped, own, binding, marie.identityKey)).not.toBeNull();
		// Signed by Marie's identity: under any other identity key it does not open.
		expect(await openSignedWrap(first.wrapped, own, binding, claire.identityKey)).toBeNull();
		expect(keys.ownerIdentityKey).toBe(marie.identityKey);

		const seen = memberListResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${marie.circleId}/members`, claire.cookie)).json
		).members;
		expect(
			seen
				.find((m) => m.accountId === claire.accountId)
				?.grants?.map((g) => g.category)
				.sort()
		).toEqual(['medications', 'plan']);
		expect(seen.filter((m) => m.role !== 'owner').every((m) => m.publicKey === null)).toBe(true);
		const circles = myCirclesResponseSchema.parse(
			(await call(app, 'GET', '/api/circles', claire.cookie)).json
		).circles;
		expect(circles.find((c) => c.id === marie.circleId)).toMatchObject({
			role: 'member',
			careRole: 'carer',
			displayLabel: 'Maman',
			status: 'active'
		});

		const log = await audit(app, marie);
		expect(log.verified).toBe(true);
		expect(verifyChain(log.entries, log.head)).toEqual({ ok: true });
		expect(log.entries.map((e) => e.action)).toEqual([
			'invited',
			'invited',
			'invitation-accepted',
			'granted',
			'granted',
			'pulled'
		]);
		expect(log.entries.at(-1)).toMatchObject({
			actor: claire.accountId,
			subject: marie.accountId,
			category: 'medications'
		});
		expect(log.members.find((m) => m.accountId === claire.accountId)).toMatchObject({
			label: 'Claire',
			role: 'carer'
		});
	});

	it('refuses expired, used, forged and badly proved invitations, writing nothing but an audit entry', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const mallory = await participant(app);

		const expired = await invite(app, marie, { expiresInHours: 1 });
		app.advance(HOUR);
		const late = await accept(app, claire, expired);
		expect([late.status, code(late.json)]).toEqual([410, 'invitation-expired']);

		const used = await invite(app, marie);
		expect((await accept(app, claire, used)).status).toBe(200);
		const again = await accept(app, mallory, used);
		expect([again.status, code(again.json)]).toEqual([409, 'invitation-used']);

		const forged = await call(
			app,
			'POST',
			`/api/invitations/${'A'.repeat(43)}/accept`,
			mallory.cookie,
			{
				publicKey: mallory.publicKey,
				identityKey: mallory.identityKey,
				proof: 'A'.repeat(43),
				serverProof: 'A'.repeat(43)
			}
		);
		expect([forged.status, code(forged.json)]).toEqual([404, 'not-found']);

		const guarded = await invite(app, marie);
		for (let i = 0; i < 5; i++) {
			const bad = await call(
				app,
				'POST',
				`/api/invitations/${guarded.lookupId}/accept`,
				mallory.cookie,
				{
					publicKey: mallory.publicKey,
					identityKey: mallory.identityKey,
					proof: 'B'.repeat(43),
					serverProof: 'B'.repeat(43)
				}
			);
			expect([bad.status, code(bad.json)]).toEqual([403, 'invitation-proof-invalid']);
		}
		const dead = await accept(app, claire, guarded);
		expect([dead.status, code(dead.json)]).toEqual([410, 'invitation-revoked']);

		const list = await members(app, marie);
		expect(list.map((m) => m.accountId)).toEqual([marie.accountId, claire.accountId]);
		const refused = (await audit(app, marie)).entries.filter((e) => e.action === 'refused');
		expect(refused.map((e) => e.actor)).toEqual([
			claire.accountId,
			mallory.accountId,
			...Array.from({ length: 5 }, () => mallory.accountId),
			claire.accountId
		]);
		expect((await pullIds(app, mallory, marie.circleId)).status).toBe(403);
	});

	it('refuses a confirmation the person has not verified (revoke) and grants for past dates', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const invited = await invite(app, marie);
		expect((await accept(app, claire, invited)).status).toBe(200);
		const past = await call(
			app,
			'POST',
			`/api/circles/${marie.circleId}/invitations/${invited.invitationId}/confirm`,
			marie.cookie,
			{
				grants: [{ category: 'notes', access: 'read', until: app.now() - 1 }],
				wraps: []
			}
		);
		expect([past.status, code(past.json)]).toEqual([400, 'invalid-grant']);
		const unknownCategory = await call(
			app,
			'POST',
			`/api/circles/${marie.circleId}/invitations/${invited.invitationId}/confirm`,
			marie.cookie,
			{
				grants: [{ category: 'settings', access: 'read', until: null }],
				wraps: []
			}
		);
		expect(unknownCategory.status).toBe(400);
		expect(
			(
				await call(
					app,
					'DELETE',
					`/api/circles/${marie.circleId}/invitations/${invited.invitationId}`,
					marie.cookie
				)
			).status
		).toBe(204);
		expect((await members(app, marie)).map((m) => m.accountId)).toEqual([marie.accountId]);
		expect((await pullIds(app, claire, marie.circleId)).status).toBe(403);
		// The cancelled acceptance is logged as the person's refusal of Claire.
		expect((await audit(app, marie)).entries.find((e) => e.action === 'refused')).toMatchObject({
			actor: marie.accountId,
			target: claire.accountId
		});
	});

	it('applies grant changes and removal on the next request and requires complete rotations', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const nurse = await participant(app);
		await join(app, marie, claire, [{ category: 'medications', access: 'write', until: null }]);
		await join(
			app,
			marie,
			nurse,
			[{ category: 'medications', access: 'read', until: null }],
			'nurse'
		);
		const put = await call(
			app,
			'PUT',
			`/api/circles/${marie.circleId}/members/${claire.accountId}/grants`,
			marie.cookie,
			{
				grants: [{ category: 'plan', access: 'write', until: null }]
			}
		);
		expect(put.status).toBe(200);
		const write = await pushAs(app, claire, marie.circleId, [
			envelope({ category: 'medications' })
		]);
		expect(write.acks[0]).toMatchObject({ error: 'forbidden-category' });
		const keys = myKeysResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${marie.circleId}/keys`, claire.cookie)).json
		);
		expect(keys.keys).toEqual([]);

		const incomplete = await call(
			app,
			'POST',
			`/api/circles/${marie.circleId}/keys`,
			marie.cookie,
			{
				category: 'medications',
				keyId: 'medications-2',
				wraps: [{ accountId: claire.accountId, wrapped: 'AAAA' }]
			}
		);
		expect([incomplete.status, code(incomplete.json)]).toEqual([409, 'rotation-incomplete']);
		const rotated = await call(app, 'POST', `/api/circles/${marie.circleId}/keys`, marie.cookie, {
			category: 'medications',
			keyId: 'medications-2',
			wraps: [{ accountId: nurse.accountId, wrapped: 'AAAA' }]
		});
		expect(rotated.status).toBe(200);

		expect(
			(
				await call(
					app,
					'DELETE',
					`/api/circles/${marie.circleId}/members/${nurse.accountId}`,
					claire.cookie
				)
			).status
		).toBe(403);
		expect(
			(
				await call(
					app,
					'DELETE',
					`/api/circles/${marie.circleId}/members/${nurse.accountId}`,
					marie.cookie
				)
			).status
		).toBe(204);
		expect((await pullIds(app, nurse, marie.circleId)).status).toBe(403);
		expect(
			(await call(app, 'GET', `/api/circles/${marie.circleId}/keys`, nurse.cookie)).status
		).toBe(403);
		const log = (await audit(app, marie)).entries;
		expect(log.map((e) => e.action).slice(-7)).toEqual([
			'revoked',
			'granted',
			// Claire's refused write on medications (push refusals are logged).
			'refused',
			'key-rotated',
			'refused',
			'member-removed',
			'refused'
		]);
		// The removed nurse's pull is logged for Marie.
		expect(log.at(-1)).toMatchObject({ actor: nurse.accountId, subject: marie.accountId });
	});

	it('records the member each acceptance, grant, revocation and removal is about', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const nurse = await participant(app);
		await join(app, marie, claire, [
			{ category: 'medications', access: 'read', until: null },
			{ category: 'plan', access: 'write', until: null }
		]);
		await join(
			app,
			marie,
			nurse,
			[{ category: 'medications', access: 'read', until: null }],
			'nurse'
		);
		await pushAs(app, marie, marie.circleId, [envelope({ category: 'medications' })]);
		expect((await pullIds(app, claire, marie.circleId)).status).toBe(200);
		expect(
			(
				await call(
					app,
					'PUT',
					`/api/circles/${marie.circleId}/members/${claire.accountId}/grants`,
					marie.cookie,
					{ grants: [{ category: 'plan', access: 'write', until: null }] }
				)
			).status
		).toBe(200);
		const removeNurse = await call(
			app,
			'DELETE',
			`/api/circles/${marie.circleId}/members/${nurse.accountId}`,
			marie.cookie
		);
		expect(removeNurse.status).toBe(204);
		const leave = await call(
			app,
			'DELETE',
			`/api/circles/${marie.circleId}/members/${claire.accountId}`,
			claire.cookie
		);
		expect(leave.status).toBe(204);

		const log = await audit(app, marie);
		expect(log.verified).toBe(true);
		expect(verifyChain(log.entries, log.head)).toEqual({ ok: true });
		const about = log.entries.map((e) => [e.action, e.actor, e.target, e.category]);
		expect(about).toEqual([
			['invited', marie.accountId, undefined, null],
			['invitation-accepted', claire.accountId, claire.accountId, null],
			['granted', marie.accountId, claire.accountId, 'medications'],
			['granted', marie.accountId, claire.accountId, 'plan'],
			['invited', marie.accountId, undefined, null],
			['invitation-accepted', nurse.accountId, nurse.accountId, null],
			['granted', marie.accountId, nurse.accountId, 'medications'],
			['pulled', claire.accountId, undefined, 'medications'],
			['revoked', marie.accountId, claire.accountId, 'medications'],
			['member-removed', marie.accountId, nurse.accountId, null],
			['member-removed', claire.accountId, claire.accountId, null]
		]);
		// An entry about nobody has no `target` at all (a null column is an absent field).
		expect(log.entries.filter((e) => 'target' in e).map((e) => e.seq)).toEqual([
			2, 3, 4, 6, 7, 9, 10, 11
		]);
		const rows = await get()
			.handle.db.selectFrom('audit_entries')
			.select(['seq', 'target_account_id'])
			.where('circle_id', '=', marie.circleId)
			.where('action', 'in', ['invited', 'pulled'])
			.execute();
		expect(rows.map((r) => r.target_account_id)).toEqual([null, null, null]);
		// Both have left, yet the log still names them as the person did (their invitation's label).
		expect(log.members.filter((m) => m.role !== 'owner')).toEqual([
			{ accountId: claire.accountId, label: 'Claire', role: 'carer' },
			{ accountId: nurse.accountId, label: 'Claire', role: 'nurse' }
		]);
	});

	it('keeps circles apart: ids swapped between circles leak nothing', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const paul = await participant(app);
		const claire = await daughter(app);
		await join(app, marie, claire, [{ category: 'notes', access: 'write', until: null }]);
		await pushAs(app, paul, paul.circleId, [envelope({ category: 'notes' })]);
		const swaps = [
			await call(app, 'GET', `/api/circles/${paul.circleId}/members`, marie.cookie),
			await call(app, 'GET', `/api/circles/${paul.circleId}/keys`, claire.cookie),
			await call(app, 'GET', `/api/circles/${paul.circleId}/audit`, marie.cookie),
			await call(app, 'GET', `/api/circles/${paul.circleId}/invitations`, marie.cookie),
			await call(
				app,
				'PUT',
				`/api/circles/${paul.circleId}/members/${claire.accountId}/grants`,
				marie.cookie,
				{ grants: [] }
			),
			await call(
				app,
				'DELETE',
				`/api/circles/${paul.circleId}/members/${claire.accountId}`,
				marie.cookie
			)
		];
		expect(swaps.map((s) => s.status).every((s) => s === 403 || s === 404)).toBe(true);
		const pulled = await pullIds(app, claire, paul.circleId);
		expect(pulled.status).toBe(403);
		const pushed = await pushAs(app, claire, paul.circleId, [envelope({ category: 'notes' })]);
		expect(pushed.status).toBe(403);
		expect((await pullIds(app, paul, paul.circleId)).body?.envelopes).toHaveLength(1);
	});

	it('detects a tampered audit row; a consistently rewritten chain only against a pinned head', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		await join(app, marie, claire, [{ category: 'medications', access: 'read', until: null }]);
		const before = await audit(app, marie);
		expect(before.verified).toBe(true);
		// What Marie's device pins after it verified the log (head pinning on the device is another
		// change; verifyChain takes the pinned head today).
		const pinned = before.head;
		const db = get().handle.db;
		const entry3 = before.entries[2];
		if (entry3 === undefined) throw new Error('expected at least 3 entries');

		// 1. A row edited in place, hashes left alone: the server's own check and the client see it.
		await db
			.updateTable('audit_entries')
			.set({ category: 'notes' })
			.where('circle_id', '=', marie.circleId)
			.where('seq', '=', 3)
			.execute();
		const altered = await audit(app, marie);
		expect(altered.verified).toBe(false);
		expect(verifyChain(altered.entries, altered.head).ok).toBe(false);

		// 2. The same edit with every later hash and the head row recomputed (an attacker with the
		// database): the chain is consistent again, so neither the server's check nor a client
		// checking against the server's head can tell. Only the head pinned before catches it.
		let prevHash = before.entries[1]?.hash ?? '';
		let rewrittenHead = pinned;
		for (const entry of before.entries.slice(2)) {
			const { hash: _old, ...rest } = entry;
			const unhashed = {
				...rest,
				...(entry.seq === 3 ? { category: 'notes' as const } : {}),
				prevHash
			};
			const hash = hashAuditEntry(unhashed);
			await db
				.updateTable('audit_entries')
				.set({ category: unhashed.category, prev_hash: prevHash, hash })
				.where('circle_id', '=', marie.circleId)
				.where('seq', '=', entry.seq)
				.execute();
			prevHash = hash;
			rewrittenHead = { seq: entry.seq, hash };
		}
		await db
			.updateTable('audit_heads')
			.set({ hash: rewrittenHead.hash })
			.where('circle_id', '=', marie.circleId)
			.execute();
		const rewritten = await audit(app, marie);
		expect(rewritten.entries[2]?.category).toBe('notes');
		expect(rewritten.verified).toBe(true);
		expect(verifyChain(rewritten.entries, rewritten.head)).toEqual({ ok: true });
		expect(verifyChain(rewritten.entries, pinned)).toEqual({
			ok: false,
			error: { type: 'hash-mismatch', seq: pinned.seq }
		});

		// 3. The newest entry deleted and the head row moved back with it: the same, only the
		// pinned head catches the truncation.
		const last = rewritten.entries.at(-1);
		const previous = rewritten.entries.at(-2);
		if (last === undefined || previous === undefined) throw new Error('entries');
		await db
			.deleteFrom('audit_entries')
			.where('circle_id', '=', marie.circleId)
			.where('seq', '=', last.seq)
			.execute();
		await db
			.updateTable('audit_heads')
			.set({ seq: previous.seq, hash: previous.hash })
			.where('circle_id', '=', marie.circleId)
			.execute();
		const truncated = await audit(app, marie);
		expect(truncated.verified).toBe(true);
		expect(verifyChain(truncated.entries, pinned)).toEqual({
			ok: false,
			error: { type: 'truncated', expectedSeq: pinned.seq }
		});
	});

	it('after a revocation, the REAL rotate() gives 0 records written afterwards to the old key material', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, people.marie);
		const claire = await device(app, people.claire);
		const nurse = await device(app, people.claire);
		const meds = [{ category: 'medications', access: 'read', until: null }] as const;
		expect((await owner.vault.commit([medication(T, 'before')])).ok).toBe(true);
		await syncOwner(owner);
		await joinWithCommands(owner, nurse, meds, 'Nurse');
		await joinWithCommands(owner, claire, meds, 'Claire');

		// What Claire's device holds before the revocation: the key it opened (signed by Marie).
		const claireView = await openAsMember(claire, owner);
		if (!claireView.ok) throw new Error(claireView.error.type);
		expect(await claireView.value.records.query({ category: 'medications' })).toHaveLength(1);
		claireView.value.close();
		const claireKeys = myKeysResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${owner.circleId}/keys`, claire.cookie)).json
		);
		const k1 = claireKeys.keys[0];
		const claireSharing = await sharingIdentity(claire.vault);
		if (k1 === undefined || claireSharing === null) throw new Error('claire has no key');
		const claireK1 = await openSignedWrap(
			k1.wrapped,
			claireSharing,
			{
				circleId: owner.circleId,
				category: 'medications',
				keyId: k1.keyId,
				memberAccountId: claire.accountId
			},
			claireKeys.ownerIdentityKey ?? ''
		);
		if (claireK1 === null) throw new Error('claire must hold the key before revocation');

		// Marie revokes Claire's medications through the real command: it rotates the key.
		const person = commandsFor(owner);
		const snapshot = await person.loadCircle(owner.circleId);
		if (!snapshot.ok) throw new Error('load');
		const claireMember = snapshot.value.members.find((m) => m.accountId === claire.accountId);
		if (claireMember === undefined) throw new Error('no claire');
		expect(
			await person.updateGrants(owner.circleId, claireMember, [], snapshot.value.members)
		).toEqual({ ok: true, value: null });
		expect(owner.published).toBe(1);
		for (let i = 0; i < 20; i++)
			expect((await owner.vault.commit([medication(T + 1000 + i, `after ${i}`)])).ok).toBe(true);
		await syncOwner(owner);

		expect((await pullIds(app, claire, owner.circleId)).body?.envelopes).toEqual([]);
		// Even with every row the server holds (a leak), Claire's old key opens none written after.
		const rows = await get()
			.handle.db.selectFrom('envelopes')
			.selectAll()
			.where('circle_id', '=', owner.circleId)
			.where('category', '=', 'medications')
			.execute();
		const asEnvelope = (r: (typeof rows)[number]) => ({
			id: r.record_id,
			circleId: r.circle_id,
			category: r.category,
			hlc: r.hlc,
			keyId: r.key_id,
			iv: r.iv,
			ciphertext: r.ciphertext,
			deleted: Boolean(r.deleted)
		});
		const after = rows.filter((r) => r.key_id !== k1.keyId);
		expect(after).toHaveLength(20);
		let opened = 0;
		for (const r of after) if ((await openEnvelope(claireK1, asEnvelope(r))) !== null) opened++;
		expect(opened).toBe(0);
		// Control: the record written before the revocation opens with that same key, and the nurse
		// (still granted) reads all 21 with the new key Marie wrapped and signed for her.
		const before = rows.filter((r) => r.key_id === k1.keyId);
		expect(before).toHaveLength(1);
		const first = before[0];
		if (first === undefined) throw new Error('no record before');
		expect(await openEnvelope(claireK1, asEnvelope(first))).not.toBeNull();
		const nurseView = await openAsMember(nurse, owner);
		if (!nurseView.ok) throw new Error(nurseView.error.type);
		expect(await nurseView.value.records.query({ category: 'medications' })).toHaveLength(21);
		nurseView.value.close();
		const wrapsLeft = await get()
			.handle.db.selectFrom('circle_key_wraps')
			.select('key_id')
			.where('circle_id', '=', owner.circleId)
			.where('account_id', '=', claire.accountId)
			.execute();
		expect(wrapsLeft).toEqual([]);
	});
});
