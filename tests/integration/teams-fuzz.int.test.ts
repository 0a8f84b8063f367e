// Fuzz of the care-team endpoints: FUZZ_RUNS malformed requests per endpoint (FUZZ_RUNS_PG on
// PostgreSQL), built from each zod contract's valid body and real path ids (see
// tests/fixtures/server/fuzz.ts), sent to the real handlers with a real team (an admin, a
// colleague, a pending invitation) in a real circle. Never a 5xx, and every error body follows
// the contract. Endpoints:
//   POST   /api/teams, POST /api/teams/[teamId]/invitations,
//   POST   /api/teams/[teamId]/invitations/[invitationId]/confirm,
//   POST   /api/team-invitations/[lookupId]/accept, DELETE /api/teams/[teamId]/members/[accountId],
//   POST   /api/teams/[teamId]/key, PUT /api/teams/[teamId]/circles/[circleId]/attestation,
//   POST   /api/circles/[circleId]/teams, PUT /api/circles/[circleId]/teams/[teamId]/keys,
//   DELETE /api/circles/[circleId]/teams/[teamId]
import { expect, it } from 'vitest';
import {
	acceptTeamInvitationRequestSchema,
	addCircleTeamRequestSchema,
	attestationRequestSchema,
	circleTeamKeysRequestSchema,
	confirmTeamInvitationRequestSchema,
	createTeamInvitationRequestSchema,
	createTeamRequestSchema,
	rotateTeamKeyRequestSchema
} from '../../src/lib/contracts/teams';
import { participant } from '../fixtures/circle/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { fuzzEndpoint, fuzzRuns, type FuzzTarget } from '../fixtures/server/fuzz';
import { claire, marie } from '../fixtures/server/people';
import {
	createTeam,
	createTeamTestApp,
	inviteToTeam,
	joinTeam,
	professional
} from '../fixtures/teams/app';

const tag = 'A'.repeat(43);
const signature = 'A'.repeat(86);
const wraps = [{ category: 'symptoms', keyId: 'symptoms-1', wrapped: 'AAAA' }];
const grants = [{ category: 'symptoms', access: 'read', until: null }];

forEachDatabase(
	'teams fuzz',
	(get, dialect) => {
		const runs = fuzzRuns(dialect);
		it(`never answers ${runs} malformed requests per team endpoint with a 5xx`, async () => {
			const app = createTeamTestApp(get().handle, Date.now());
			const person = await participant(app, marie());
			const anne = await professional(app, claire());
			const bruno = await professional(app, claire());
			const chloe = await professional(app, claire());
			const team = await createTeam(app, anne);
			await joinTeam(app, team, anne, bruno);
			const pending = await inviteToTeam(app, team, anne);
			const t = { teamId: team.teamId };
			const c = { circleId: person.circleId };
			const targets: readonly FuzzTarget[] = [
				{
					method: 'POST',
					route: '/api/teams',
					handler: app.api.createTeam,
					contract: createTeamRequestSchema,
					valid: {
						teamId: crypto.randomUUID(),
						name: 'Maison de santé',
						kind: 'practice',
						publicKey: anne.publicKey,
						keySignature: signature,
						identityKey: anne.identityKey,
						sharingKey: anne.publicKey,
						label: 'Anne',
						ownWrap: 'AAAA'
					},
					cookie: anne.cookie
				},
				{
					method: 'POST',
					route: '/api/teams/:teamId/invitations',
					handler: app.api.inviteToTeam,
					params: t,
					contract: createTeamInvitationRequestSchema,
					valid: { lookupId: tag, serverKey: tag, inviterProof: tag, role: 'member' },
					cookie: anne.cookie
				},
				{
					method: 'POST',
					route: '/api/teams/:teamId/invitations/:invitationId/confirm',
					handler: app.api.confirmTeamInvitation,
					params: { ...t, invitationId: pending.invitationId },
					contract: confirmTeamInvitationRequestSchema,
					valid: { keyVersion: 1, wrap: 'AAAA' },
					cookie: anne.cookie
				},
				{
					method: 'POST',
					route: '/api/team-invitations/:lookupId/accept',
					handler: app.api.acceptTeamInvitation,
					params: { lookupId: pending.lookupId },
					contract: acceptTeamInvitationRequestSchema,
					valid: {
						identityKey: chloe.identityKey,
						sharingKey: chloe.publicKey,
						proof: tag,
						serverProof: tag,
						label: 'Chloé'
					},
					cookie: chloe.cookie
				},
				{
					method: 'POST',
					route: '/api/teams/:teamId/key',
					handler: app.api.rotateTeamKey,
					params: t,
					contract: rotateTeamKeyRequestSchema,
					valid: {
						keyVersion: 2,
						publicKey: anne.publicKey,
						keySignature: signature,
						wraps: [{ accountId: anne.accountId, wrapped: 'AAAA' }]
					},
					cookie: anne.cookie
				},
				{
					method: 'PUT',
					route: '/api/teams/:teamId/circles/:circleId/attestation',
					handler: app.api.attestCircleOwner,
					params: { ...t, ...c },
					contract: attestationRequestSchema,
					valid: { ownerIdentityKey: person.identityKey, signature },
					cookie: anne.cookie
				},
				{
					method: 'POST',
					route: '/api/circles/:circleId/teams',
					handler: app.api.addCircleTeam,
					params: c,
					contract: addCircleTeamRequestSchema,
					valid: { teamId: team.teamId, label: 'Infirmières', keyVersion: 1, grants, wraps },
					cookie: person.cookie
				},
				{
					method: 'PUT',
					route: '/api/circles/:circleId/teams/:teamId/keys',
					handler: app.api.putCircleTeamKeys,
					params: { ...c, ...t },
					contract: circleTeamKeysRequestSchema,
					valid: { keyVersion: 1, wraps },
					cookie: person.cookie
				},
				{
					method: 'DELETE',
					route: '/api/teams/:teamId/members/:accountId',
					handler: app.api.removeTeamMember,
					params: { ...t, accountId: crypto.randomUUID() },
					cookie: anne.cookie
				},
				{
					method: 'DELETE',
					route: '/api/circles/:circleId/teams/:teamId',
					handler: app.api.removeCircleTeam,
					params: { ...c, teamId: crypto.randomUUID() },
					cookie: person.cookie
				}
			];
			for (const target of targets) expect(await fuzzEndpoint(target, runs)).toBe(runs);
		}, 600_000);
	},
	{ inMemory: true }
);
