// Fuzz of the circle, invitation, reminder-push and calendar endpoints: FUZZ_RUNS malformed
// requests per endpoint (10,000 by default on SQLite, FUZZ_RUNS_PG on PostgreSQL), built from each
// zod contract's valid body and real path ids (see tests/fixtures/server/fuzz.ts), sent to the
// real handlers in-process, with a real circle (owner, an accepted member, a pending invitation)
// and a real push service. Never a 5xx, and every error body follows the contract.
//
// Every state-changing or body-taking endpoint under src/routes/api is fuzzed, here or in
// fuzz.int.test.ts (auth, sessions, account keys, sync) and account-fuzz.int.test.ts (params,
// rekey). Here:
//   POST   /api/circles/[circleId]/invitations
//   DELETE /api/circles/[circleId]/invitations/[invitationId]
//   POST   /api/circles/[circleId]/invitations/[invitationId]/confirm
//   POST   /api/invitations/[lookupId]/accept
//   PUT    /api/circles/[circleId]/members/[accountId]/grants
//   DELETE /api/circles/[circleId]/members/[accountId]
//   POST   /api/circles/[circleId]/keys
//   POST   /api/circles/[circleId]/audit
//   POST   /api/push/subscribe, POST /api/push/unsubscribe, PUT /api/push/schedule,
//   POST   /api/push/test
//   POST   /api/calendar/feed, PUT /api/calendar/feed, DELETE /api/calendar/feed
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
	acceptInvitationRequestSchema,
	confirmInvitationRequestSchema,
	createInvitationRequestSchema,
	putRosterRequestSchema,
	recordAuditRequestSchema,
	rotateKeyRequestSchema,
	updateGrantsRequestSchema
} from '../../src/lib/contracts/circle';
import {
	pushScheduleUploadBodySchema,
	pushSubscribeBodySchema,
	pushTestReminderBodySchema,
	pushUnsubscribeBodySchema
} from '../../src/lib/contracts/push';
import { calendarFeedUploadBodySchema } from '../../src/lib/contracts/reminders';
import { createPushService } from '../../server/push';
import {
	accept,
	call,
	createCircleTestApp,
	invite,
	join as joinCircle,
	participant
} from '../fixtures/circle/app';
import { CHEAP_ARGON2, createTestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { fuzzEndpoint, fuzzRuns, type FuzzTarget } from '../fixtures/server/fuzz';
import { claire, marie } from '../fixtures/server/people';

const dataDirs: string[] = [];
afterAll(() => {
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const tag = 'A'.repeat(43);
const publicKey = `B${'A'.repeat(86)}`;
const grants = [{ category: 'symptoms', access: 'read', until: null }];
const wraps = [{ category: 'symptoms', keyId: 'symptoms-2', wrapped: 'AAAA' }];

forEachDatabase(
	'endpoints fuzz',
	(get, dialect) => {
		const runs = fuzzRuns(dialect);

		it(`never answers ${runs} malformed requests per circle or invitation endpoint with a 5xx`, async () => {
			// A circle as it is used: the owner, an accepted member, a pending invitation.
			const app = createCircleTestApp(get().handle);
			const owner = await participant(app, marie());
			const member = await participant(app, claire());
			await joinCircle(app, owner, member, [{ category: 'symptoms', access: 'read', until: null }]);
			const invitee = await participant(app, claire());
			const pending = await invite(app, owner);
			const accepted = await accept(app, invitee, await invite(app, owner));
			expect(accepted.status).toBe(200);
			const circle = { circleId: owner.circleId };
			const targets: readonly FuzzTarget[] = [
				{
					method: 'POST',
					route: '/api/circles/:circleId/invitations',
					handler: app.api.createInvitation,
					params: circle,
					contract: createInvitationRequestSchema,
					valid: {
						lookupId: tag,
						serverKey: tag,
						ownerPublicKey: owner.publicKey,
						ownerIdentityKey: owner.identityKey,
						ownerProof: tag,
						role: 'carer',
						label: 'Claire',
						grants,
						expiresInHours: 72
					},
					cookie: owner.cookie
				},
				{
					method: 'POST',
					route: '/api/circles/:circleId/invitations/:invitationId/confirm',
					handler: app.api.confirmInvitation,
					params: { ...circle, invitationId: pending.invitationId },
					contract: confirmInvitationRequestSchema,
					valid: { grants, wraps },
					cookie: owner.cookie
				},
				{
					method: 'POST',
					route: '/api/invitations/:lookupId/accept',
					handler: app.api.acceptInvitation,
					params: { lookupId: pending.lookupId },
					contract: acceptInvitationRequestSchema,
					valid: {
						publicKey,
						identityKey: invitee.identityKey,
						proof: tag,
						serverProof: tag,
						circleLabel: 'Maman'
					},
					cookie: invitee.cookie
				},
				{
					method: 'PUT',
					route: '/api/circles/:circleId/members/:accountId/grants',
					handler: app.api.updateGrants,
					params: { ...circle, accountId: member.accountId },
					contract: updateGrantsRequestSchema,
					valid: { grants, wraps },
					cookie: owner.cookie
				},
				{
					method: 'POST',
					route: '/api/circles/:circleId/keys',
					handler: app.api.rotateKey,
					params: circle,
					contract: rotateKeyRequestSchema,
					valid: {
						category: 'symptoms',
						keyId: 'symptoms-3',
						wraps: [{ accountId: member.accountId, wrapped: 'AAAA' }]
					},
					cookie: owner.cookie
				},
				{
					method: 'POST',
					route: '/api/circles/:circleId/audit',
					handler: app.api.recordAudit,
					params: circle,
					contract: recordAuditRequestSchema,
					valid: { action: 'exported', category: 'symptoms' },
					cookie: owner.cookie
				},
				{
					method: 'PUT',
					route: '/api/circles/:circleId/roster',
					handler: app.api.putRoster,
					params: circle,
					contract: putRosterRequestSchema,
					valid: {
						signed: {
							roster: { circleId: owner.circleId, version: 1, issuedAt: 1, members: [] },
							signature: 'AAAA'
						}
					},
					cookie: owner.cookie
				},
				// Removals last: once they succeed, the ids they name are gone.
				{
					method: 'DELETE',
					route: '/api/circles/:circleId/invitations/:invitationId',
					handler: app.api.revokeInvitation,
					params: { ...circle, invitationId: pending.invitationId },
					cookie: owner.cookie
				},
				{
					method: 'DELETE',
					route: '/api/circles/:circleId/members/:accountId',
					handler: app.api.removeMember,
					params: { ...circle, accountId: member.accountId },
					cookie: owner.cookie
				}
			];
			for (const target of targets) expect(await fuzzEndpoint(target, runs)).toBe(runs);
		}, 600_000);

		it('refuses a replayed invitation (same lookup id) with 409, not a 500', async () => {
			const app = createCircleTestApp(get().handle);
			const owner = await participant(app, marie());
			const lookupId = randomBytes(32).toString('base64url');
			const body = {
				lookupId,
				serverKey: tag,
				ownerPublicKey: owner.publicKey,
				ownerIdentityKey: owner.identityKey,
				ownerProof: tag,
				role: 'carer',
				label: 'Claire',
				grants: []
			};
			const path = `/api/circles/${owner.circleId}/invitations`;
			expect((await call(app, 'POST', path, owner.cookie, body)).status).toBe(201);
			const replayed = await call(app, 'POST', path, owner.cookie, body);
			expect(replayed).toEqual({ status: 409, json: { error: { code: 'invitation-used' } } });
		});

		it(`never answers ${runs} malformed requests per reminder or calendar endpoint with a 5xx`, async () => {
			const dataDir = mkdtempSync(join(tmpdir(), 'cercle-fuzz-push-'));
			dataDirs.push(dataDir);
			const handle = get().handle;
			const service = createPushService({
				db: handle.db,
				dialect: handle.dialect,
				env: {},
				dataDir,
				now: () => Date.UTC(2025, 0, 6, 9),
				newId: () => randomUUID(),
				instanceId: randomUUID()
			});
			if (!service.ok) throw new Error('push service');
			const app = createTestApp(handle, undefined, { argon2: CHEAP_ARGON2, push: service.value });
			const { cookie } = await participant(app, marie());
			const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';
			const feed = {
				events: [{ start: '20250106T080000Z', tzid: 'Europe/Paris', rrule: null }],
				locale: 'fr'
			};
			const targets: readonly FuzzTarget[] = [
				{
					method: 'POST',
					route: '/api/push/subscribe',
					handler: app.api.pushSubscribe,
					contract: pushSubscribeBodySchema,
					valid: {
						endpoint,
						expirationTime: null,
						keys: { p256dh: publicKey, auth: 'A'.repeat(22) },
						locale: 'fr'
					},
					cookie
				},
				{
					method: 'PUT',
					route: '/api/push/schedule',
					handler: app.api.pushSchedule,
					contract: pushScheduleUploadBodySchema,
					valid: { occurrences: [{ fireAt: Date.UTC(2025, 0, 7, 8), opaqueId: 'B'.repeat(22) }] },
					cookie
				},
				{
					method: 'POST',
					route: '/api/push/test',
					handler: app.api.pushTest,
					contract: pushTestReminderBodySchema,
					valid: { opaqueId: 'C'.repeat(22) },
					cookie
				},
				{
					method: 'POST',
					route: '/api/push/unsubscribe',
					handler: app.api.pushUnsubscribe,
					contract: pushUnsubscribeBodySchema,
					valid: { endpoint },
					cookie
				},
				{
					method: 'POST',
					route: '/api/calendar/feed',
					handler: app.api.calendarFeedRotate,
					contract: calendarFeedUploadBodySchema,
					valid: feed,
					cookie
				},
				{
					method: 'PUT',
					route: '/api/calendar/feed',
					handler: app.api.calendarFeedPublish,
					contract: calendarFeedUploadBodySchema,
					valid: feed,
					cookie
				},
				{
					method: 'DELETE',
					route: '/api/calendar/feed',
					handler: app.api.calendarFeedRevoke,
					cookie
				}
			];
			for (const target of targets) expect(await fuzzEndpoint(target, runs)).toBe(runs);
		}, 600_000);
	},
	{ inMemory: true }
);
