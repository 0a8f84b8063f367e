// Care teams through the real handlers, on SQLite and PostgreSQL, with the real crypto on both
// sides: a person invites a whole team into her circle; every team member opens the team private
// key (sealed to her, signed by a colleague she pinned), then the category keys (wrapped to the
// team key, signed by the person, whose identity a colleague vouched for), and reads exactly what
// the person granted the team; the access log names the member who pulled; removal takes access
// away at once; the key rotates and the person re-wraps; invitations used twice, by another
// account or after expiry are refused with a clear error; a non-professional cannot take part.
import { expect, it } from 'vitest';
import { auditLogResponseSchema } from '../../src/lib/contracts/circle';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { pullResponseSchema } from '../../src/lib/contracts/sync';
import {
	circleTeamListSchema,
	teamCirclesResponseSchema,
	teamDetailSchema,
	teamPublicSchema
} from '../../src/lib/contracts/teams';
import { generateCategoryKey } from '../../src/lib/crypto/keys';
import { openSignedWrap, wrapAndSignForMember } from '../../src/lib/crypto/signed-wrap';
import {
	attestOwner,
	openTeamPrivateKey,
	verifyOwnerAttestation,
	verifyTeamKey
} from '../../src/lib/crypto/team-key';
import { call, join, participant, type Participant } from '../fixtures/circle/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, envelope, marie, pushBody } from '../fixtures/server/people';
import {
	acceptTeamInvite,
	confirmTeamInvite,
	createTeam,
	createTeamTestApp,
	inviteToTeam,
	joinTeam,
	newTeamKey,
	professional,
	sealFor,
	type Team
} from '../fixtures/teams/app';
import type { TestApp } from '../fixtures/server/app';

const code = (json: unknown): string => apiErrorBodySchema.parse(json).error.code;

interface Scene {
	readonly app: TestApp;
	readonly person: Participant;
	readonly anne: Participant;
	readonly bruno: Participant;
	readonly team: Team;
	readonly symptomsKey: CryptoKey;
}

/**
 * Marie's circle; Anne (admin) and Bruno are the team; Anne is also Marie's own nurse in the
 * circle (so both pinned each other after the invitation proofs). Marie checks the team key's
 * signature against Anne's pinned identity, grants the team symptoms (read) and wraps the symptoms
 * key to the team key; Anne vouches for Marie's identity to her colleagues.
 */
async function scene(app: TestApp): Promise<Scene> {
	const person = await participant(app, marie());
	const anne = await professional(app, claire());
	const bruno = await professional(app, claire());
	await join(app, person, anne, [], 'nurse');
	const team = await createTeam(app, anne);
	await joinTeam(app, team, anne, bruno);

	// The person's device: the team key must be signed by an identity she pinned (Anne's).
	const seen = teamPublicSchema.parse(
		(await call(app, 'GET', `/api/teams/${team.teamId}/public`, person.cookie)).json
	);
	expect(seen.keySignerAccountId).toBe(anne.accountId);
	expect(
		await verifyTeamKey(
			anne.identityKey,
			{ teamId: seen.teamId, keyVersion: seen.keyVersion, publicKey: seen.publicKey },
			seen.keySignature
		)
	).toBe(true);
	const symptomsKey = await generateCategoryKey();
	const wrapped = await wrapAndSignForMember(
		symptomsKey,
		seen.publicKey,
		{
			circleId: person.circleId,
			category: 'symptoms',
			keyId: 'symptoms-1',
			memberAccountId: team.teamId
		},
		person.identity,
		app.now()
	);
	if (wrapped === null) throw new Error('wrap');
	const added = await call(app, 'POST', `/api/circles/${person.circleId}/teams`, person.cookie, {
		teamId: team.teamId,
		label: 'Infirmières du Port',
		keyVersion: seen.keyVersion,
		grants: [{ category: 'symptoms', access: 'read', until: null }],
		wraps: [{ category: 'symptoms', keyId: 'symptoms-1', wrapped }]
	});
	expect(added.status).toBe(204);
	const attested = await call(
		app,
		'PUT',
		`/api/teams/${team.teamId}/circles/${person.circleId}/attestation`,
		anne.cookie,
		{
			ownerIdentityKey: person.identityKey,
			signature: await attestOwner(anne.identity.privateKey, {
				teamId: team.teamId,
				circleId: person.circleId,
				ownerIdentityKey: person.identityKey
			})
		}
	);
	expect(attested.status).toBe(204);
	return { app, person, anne, bruno, team, symptomsKey };
}

/** A team member's device: team private key, then the category key, each checked by signature. */
async function categoryKeyAs(
	s: Scene,
	member: Participant,
	pinnedColleagues: ReadonlyMap<string, string>
): Promise<CryptoKey | null> {
	const detail = teamDetailSchema.parse(
		(await call(s.app, 'GET', `/api/teams/${s.team.teamId}`, member.cookie)).json
	);
	const signer = pinnedColleagues.get(detail.myWrapSignerAccountId ?? '');
	if (detail.myWrap === null || signer === undefined) return null;
	const teamPrivate = await openTeamPrivateKey(
		detail.myWrap,
		{ privateKey: member.keys.privateKey, publicKey: member.publicKey },
		{ teamId: s.team.teamId, keyVersion: detail.keyVersion, memberAccountId: member.accountId },
		signer
	);
	if (teamPrivate === null) return null;
	const circles = teamCirclesResponseSchema.parse(
		(await call(s.app, 'GET', `/api/teams/${s.team.teamId}/circles`, member.cookie)).json
	).circles;
	const circle = circles.find((c) => c.circleId === s.person.circleId);
	const attestation = circle?.attestation;
	const wrap = circle?.wraps.find((w) => w.category === 'symptoms');
	if (attestation == null || wrap === undefined) return null;
	const voucher = pinnedColleagues.get(attestation.signerAccountId);
	if (
		voucher === undefined ||
		!(await verifyOwnerAttestation(
			voucher,
			{
				teamId: s.team.teamId,
				circleId: s.person.circleId,
				ownerIdentityKey: attestation.ownerIdentityKey
			},
			attestation.signature
		))
	)
		return null;
	return openSignedWrap(
		wrap.wrapped,
		{ privateKey: teamPrivate, publicKey: detail.publicKey },
		{
			circleId: s.person.circleId,
			category: 'symptoms',
			keyId: wrap.keyId,
			memberAccountId: s.team.teamId
		},
		attestation.ownerIdentityKey
	);
}

async function sealedText(key: CryptoKey, text: string) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		key,
		new TextEncoder().encode(text)
	);
	return { iv, data };
}

const pull = (s: Scene, who: Participant) =>
	call(s.app, 'GET', `/api/sync/pull?circle=${s.person.circleId}&since=0`, who.cookie);

forEachDatabase('teams', (get) => {
	it('lets every team member read exactly what the person granted the team, and logs who read', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		const pushed = await call(
			s.app,
			'POST',
			'/api/sync/push',
			s.person.cookie,
			pushBody(s.person.circleId, [
				envelope({ category: 'symptoms' }),
				envelope({ category: 'symptoms' }),
				envelope({ category: 'medications' }),
				envelope({ category: 'notes' })
			])
		);
		expect(pushed.status).toBe(200);

		for (const member of [s.anne, s.bruno]) {
			const page = pullResponseSchema.parse((await pull(s, member)).json);
			expect(page.envelopes.map((e) => e.category)).toEqual(['symptoms', 'symptoms']);
		}

		// Bruno pinned Anne's identity after his invitation proof verified; Anne pinned her own.
		const pins = new Map([[s.anne.accountId, s.anne.identityKey]]);
		const sealed = await sealedText(s.symptomsKey, 'douleur 4/10');
		for (const member of [s.bruno, s.anne]) {
			const key = await categoryKeyAs(s, member, pins);
			expect(key).not.toBeNull();
			if (key === null) return;
			const opened = await crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv: sealed.iv },
				key,
				sealed.data
			);
			expect(new TextDecoder().decode(opened)).toBe('douleur 4/10');
		}
		// A colleague nobody pinned cannot vouch: the same data with an unknown signer opens nothing.
		expect(await categoryKeyAs(s, s.bruno, new Map())).toBeNull();

		const log = auditLogResponseSchema.parse(
			(await call(s.app, 'GET', `/api/circles/${s.person.circleId}/audit`, s.person.cookie)).json
		);
		const pulledBy = log.entries
			.filter((e) => e.action === 'pulled')
			.map((e) => [e.actor, e.category]);
		expect(pulledBy).toContainEqual([s.bruno.accountId, 'symptoms']);
		expect(pulledBy).toContainEqual([s.anne.accountId, 'symptoms']);
		expect(pulledBy.every(([, c]) => c === 'symptoms')).toBe(true);
		expect(log.entries.some((e) => e.action === 'granted' && e.target === s.team.teamId)).toBe(
			true
		);
	});

	it('takes access away at once on removal, then rotates the team key and the person re-wraps', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		await call(
			s.app,
			'POST',
			'/api/sync/push',
			s.person.cookie,
			pushBody(s.person.circleId, [envelope({ category: 'symptoms' })])
		);
		expect((await pull(s, s.bruno)).status).toBe(200);

		// Bruno may not remove Anne; Anne removes Bruno.
		const refused = await call(
			s.app,
			'DELETE',
			`/api/teams/${s.team.teamId}/members/${s.anne.accountId}`,
			s.bruno.cookie
		);
		expect(refused.status).toBe(403);
		const removed = await call(
			s.app,
			'DELETE',
			`/api/teams/${s.team.teamId}/members/${s.bruno.accountId}`,
			s.anne.cookie
		);
		expect(removed.status).toBe(204);
		const after = await pull(s, s.bruno);
		expect(after.status).toBe(403);
		expect(
			(await call(s.app, 'GET', `/api/teams/${s.team.teamId}/circles`, s.bruno.cookie)).status
		).toBe(403);
		expect((await call(s.app, 'GET', `/api/teams/${s.team.teamId}`, s.bruno.cookie)).status).toBe(
			403
		);
		const log = auditLogResponseSchema.parse(
			(await call(s.app, 'GET', `/api/circles/${s.person.circleId}/audit`, s.person.cookie)).json
		);
		expect(log.entries.some((e) => e.action === 'refused' && e.actor === s.bruno.accountId)).toBe(
			true
		);

		const detail = teamDetailSchema.parse(
			(await call(s.app, 'GET', `/api/teams/${s.team.teamId}`, s.anne.cookie)).json
		);
		expect(detail.rotationPending).toBe(true);
		expect(detail.members.map((m) => m.accountId)).toEqual([s.anne.accountId]);

		// A rotation must cover exactly the remaining members.
		const next = await newTeamKey(s.team.teamId, 2, s.anne);
		const tooMany = await call(s.app, 'POST', `/api/teams/${s.team.teamId}/key`, s.anne.cookie, {
			keyVersion: 2,
			publicKey: next.publicKey,
			keySignature: next.keySignature,
			wraps: [
				{
					accountId: s.anne.accountId,
					wrapped: await sealFor(
						next,
						{ accountId: s.anne.accountId, sharingKey: s.anne.publicKey },
						s.anne,
						s.app.now()
					)
				},
				{
					accountId: s.bruno.accountId,
					wrapped: await sealFor(
						next,
						{ accountId: s.bruno.accountId, sharingKey: s.bruno.publicKey },
						s.anne,
						s.app.now()
					)
				}
			]
		});
		expect(code(tooMany.json)).toBe('rotation-incomplete');
		const rotated = await call(s.app, 'POST', `/api/teams/${s.team.teamId}/key`, s.anne.cookie, {
			keyVersion: 2,
			publicKey: next.publicKey,
			keySignature: next.keySignature,
			wraps: [
				{
					accountId: s.anne.accountId,
					wrapped: await sealFor(
						next,
						{ accountId: s.anne.accountId, sharingKey: s.anne.publicKey },
						s.anne,
						s.app.now()
					)
				}
			]
		});
		expect(rotated.status).toBe(200);

		// The person's device sees the team key moved on, checks its signature by Anne, re-wraps.
		const teams = circleTeamListSchema.parse(
			(await call(s.app, 'GET', `/api/circles/${s.person.circleId}/teams`, s.person.cookie)).json
		).teams;
		const entry = teams.find((t) => t.teamId === s.team.teamId);
		expect(entry?.wrappedForVersion).toBe(1);
		expect(entry?.team.keyVersion).toBe(2);
		if (entry === undefined) return;
		expect(
			await verifyTeamKey(
				s.anne.identityKey,
				{ teamId: s.team.teamId, keyVersion: 2, publicKey: entry.team.publicKey },
				entry.team.keySignature
			)
		).toBe(true);
		const stale = await call(
			s.app,
			'PUT',
			`/api/circles/${s.person.circleId}/teams/${s.team.teamId}/keys`,
			s.person.cookie,
			{ keyVersion: 1, wraps: [] }
		);
		expect(code(stale.json)).toBe('team-key-stale');
		const rewrapped = await wrapAndSignForMember(
			s.symptomsKey,
			entry.team.publicKey,
			{
				circleId: s.person.circleId,
				category: 'symptoms',
				keyId: 'symptoms-1',
				memberAccountId: s.team.teamId
			},
			s.person.identity,
			s.app.now()
		);
		const put = await call(
			s.app,
			'PUT',
			`/api/circles/${s.person.circleId}/teams/${s.team.teamId}/keys`,
			s.person.cookie,
			{
				keyVersion: 2,
				wraps: [{ category: 'symptoms', keyId: 'symptoms-1', wrapped: rewrapped }]
			}
		);
		expect(put.status).toBe(204);
		const key = await categoryKeyAs(s, s.anne, new Map([[s.anne.accountId, s.anne.identityKey]]));
		expect(key).not.toBeNull();

		// The person removes the team from her circle: Anne reads nothing through it any more.
		const gone = await call(
			s.app,
			'DELETE',
			`/api/circles/${s.person.circleId}/teams/${s.team.teamId}`,
			s.person.cookie
		);
		expect(gone.status).toBe(204);
		const page = await pull(s, s.anne);
		// Anne is still Marie's own nurse (no grants of her own): she reads nothing.
		expect(pullResponseSchema.parse(page.json).envelopes).toEqual([]);
	});

	it('refuses a team invitation used twice, by another account or after expiry, with a clear error', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const anne = await professional(app, claire());
		const bruno = await professional(app, claire());
		const chloe = await professional(app, claire());
		const team = await createTeam(app, anne);

		const first = await inviteToTeam(app, team, anne);
		expect((await acceptTeamInvite(app, bruno, first)).status).toBe(200);
		const other = await acceptTeamInvite(app, chloe, first);
		expect(other.status).toBe(409);
		expect(code(other.json)).toBe('invitation-other-account');
		expect((await confirmTeamInvite(app, team, anne, first)).status).toBe(204);
		const twice = await acceptTeamInvite(app, bruno, first);
		expect(twice.status).toBe(409);
		expect(code(twice.json)).toBe('invitation-used');
		const again = await acceptTeamInvite(app, chloe, first);
		expect(code(again.json)).toBe('invitation-used');

		const late = await inviteToTeam(app, team, anne, 'member', 1);
		app.advance(60 * 60 * 1000 + 1);
		const expired = await acceptTeamInvite(app, chloe, late);
		expect(expired.status).toBe(410);
		expect(code(expired.json)).toBe('invitation-expired');

		// A forged server proof is refused; five of them kill the invitation.
		const forged = await inviteToTeam(app, team, anne);
		for (let i = 0; i < 5; i++) {
			const bad = await call(
				app,
				'POST',
				`/api/team-invitations/${forged.lookupId}/accept`,
				chloe.cookie,
				{
					identityKey: chloe.identityKey,
					sharingKey: chloe.publicKey,
					proof: 'A'.repeat(43),
					serverProof: 'A'.repeat(43),
					label: 'Chloé'
				}
			);
			expect(code(bad.json)).toBe('invitation-proof-invalid');
		}
		expect(code((await acceptTeamInvite(app, chloe, forged)).json)).toBe('invitation-revoked');
	});

	it('keeps accounts without the second factor and strangers out of teams', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const anne = await professional(app, claire());
		const plain = await participant(app, claire());
		const team = await createTeam(app, anne);
		const refused = await call(app, 'POST', '/api/teams', plain.cookie, {});
		expect(refused.status).toBe(400);
		const invite = await inviteToTeam(app, team, anne);
		const preview = await call(
			app,
			'GET',
			`/api/team-invitations/${invite.lookupId}`,
			plain.cookie
		);
		expect(preview.status).toBe(403);
		expect(code(preview.json)).toBe('professional-needs-second-factor');
		const stranger = await professional(app, claire());
		expect((await call(app, 'GET', `/api/teams/${team.teamId}`, stranger.cookie)).status).toBe(403);
		expect(
			(await call(app, 'GET', `/api/teams/${team.teamId}/circles`, stranger.cookie)).status
		).toBe(403);
		// The last admin cannot leave a team that still has members.
		await joinTeam(app, team, anne, stranger);
		const leave = await call(
			app,
			'DELETE',
			`/api/teams/${team.teamId}/members/${anne.accountId}`,
			anne.cookie
		);
		expect(code(leave.json)).toBe('last-admin');
		const strangerLeaves = await call(
			app,
			'DELETE',
			`/api/teams/${team.teamId}/members/${stranger.accountId}`,
			stranger.cookie
		);
		expect(strangerLeaves.status).toBe(204);
	});
});
