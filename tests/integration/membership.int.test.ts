// The membership state machine on SQLite and PostgreSQL (issue 12, item 13): an invitee who
// accepted and then left (or was removed) before the person confirmed cannot be confirmed: 409,
// no grant, wrap, `granted` entry or write survives; a later invitation grants only what it says.
import { expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { myKeysResponseSchema } from '../../src/lib/contracts/circle';
import { pushResponseSchema } from '../../src/lib/contracts/sync';
import { generateCategoryKey } from '../../src/lib/crypto/keys';
import { wrapCategoryKeyForMember } from '../../src/lib/crypto/sharing';
import type { Grant } from '../../src/lib/domain/circle';
import { apiRequest, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, pushBody } from '../fixtures/server/people';
import {
	accept,
	call,
	createCircleTestApp,
	daughter,
	invite,
	participant,
	type Invited,
	type Participant
} from '../fixtures/circle/app';

const code = (json: unknown): string => apiErrorBodySchema.parse(json).error.code;

async function confirm(
	app: TestApp,
	owner: Participant,
	member: Participant,
	invited: Invited,
	grants: readonly Grant[]
) {
	const key = await generateCategoryKey();
	const wraps = [];
	for (const g of grants) {
		const wrapped = await wrapCategoryKeyForMember(key, member.publicKey, {
			circleId: owner.circleId,
			category: g.category,
			keyId: `${g.category}-1`,
			memberAccountId: member.accountId
		});
		if (wrapped === null) throw new Error('wrap');
		wraps.push({ category: g.category, keyId: `${g.category}-1`, wrapped });
	}
	return call(
		app,
		'POST',
		`/api/circles/${owner.circleId}/invitations/${invited.invitationId}/confirm`,
		owner.cookie,
		{ grants, wraps }
	);
}

const symptomsWrite: Grant = { category: 'symptoms', access: 'write', until: null };
const measuresRead: Grant = { category: 'measurements', access: 'read', until: null };

forEachDatabase('membership state machine', (get) => {
	const rowsAbout = async (circleId: string, accountId: string) => {
		const { db } = get().handle;
		const grants = await db
			.selectFrom('circle_grants')
			.selectAll()
			.where('circle_id', '=', circleId)
			.where('account_id', '=', accountId)
			.execute();
		const wraps = await db
			.selectFrom('circle_key_wraps')
			.selectAll()
			.where('circle_id', '=', circleId)
			.where('account_id', '=', accountId)
			.execute();
		const granted = await db
			.selectFrom('audit_entries')
			.select('category')
			.where('circle_id', '=', circleId)
			.where('target_account_id', '=', accountId)
			.where('action', '=', 'granted')
			.execute();
		return { grants, wraps, granted };
	};

	for (const how of ['leaves', 'is removed'] as const) {
		it(`the invitee accepts then ${how}; the late confirmation is a 409 and grants nothing`, async () => {
			const app = createCircleTestApp(get().handle);
			const marie = await participant(app);
			const claire = await daughter(app);
			const first = await invite(app, marie, { grants: [symptomsWrite, measuresRead] });
			expect((await accept(app, claire, first)).status).toBe(200);
			const actor = how === 'leaves' ? claire : marie;
			const gone = await call(
				app,
				'DELETE',
				`/api/circles/${marie.circleId}/members/${claire.accountId}`,
				actor.cookie
			);
			expect(gone.status).toBe(204);

			const late = await confirm(app, marie, claire, first, [symptomsWrite, measuresRead]);
			expect(late.status).toBe(409);
			expect(code(late.json)).toBe('invitation-withdrawn');
			expect(await rowsAbout(marie.circleId, claire.accountId)).toEqual({
				grants: [],
				wraps: [],
				granted: []
			});
			const write = await app.fetch(
				apiRequest('POST', '/api/sync/push', {
					cookie: claire.cookie,
					body: pushBody(marie.circleId, [envelope()])
				})
			);
			expect(write.status).toBe(403);

			// Claire joins again through a new invitation confirmed for one category only: she gets
			// exactly that one, never the old ones; overlapping grants never make a 500.
			const second = await invite(app, marie, { grants: [measuresRead] });
			expect((await accept(app, claire, second)).status).toBe(200);
			const again = await confirm(app, marie, claire, second, [measuresRead]);
			expect(again.status).toBe(200);
			const after = await rowsAbout(marie.circleId, claire.accountId);
			expect(after.grants.map((g) => g.category)).toEqual(['measurements']);
			expect(after.wraps.map((w) => w.category)).toEqual(['measurements']);
			const keys = myKeysResponseSchema.parse(
				(await call(app, 'GET', `/api/circles/${marie.circleId}/keys`, claire.cookie)).json
			);
			expect(keys.keys.map((k) => k.category)).toEqual(['measurements']);
			const symptomWrite = await app.fetch(
				apiRequest('POST', '/api/sync/push', {
					cookie: claire.cookie,
					body: pushBody(marie.circleId, [envelope({ category: 'symptoms' })])
				})
			);
			expect(pushResponseSchema.parse(await symptomWrite.json()).acks[0]).toMatchObject({
				error: 'forbidden-category'
			});
			// The first invitation stays ended: confirming it now is still a 409, never a 500.
			const replay = await confirm(app, marie, claire, first, [symptomsWrite]);
			expect(replay.status).toBe(409);
		});
	}

	it('ends every open invitation the leaving member accepted in the circle', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const first = await invite(app, marie, { grants: [measuresRead] });
		expect((await accept(app, claire, first)).status).toBe(200);
		expect(
			(
				await call(
					app,
					'DELETE',
					`/api/circles/${marie.circleId}/members/${claire.accountId}`,
					claire.cookie
				)
			).status
		).toBe(204);
		const { db } = get().handle;
		const row = await db
			.selectFrom('circle_invitations')
			.select(['revoked_at', 'confirmed_at'])
			.where('id', '=', first.invitationId)
			.executeTakeFirstOrThrow();
		expect(row.confirmed_at).toBeNull();
		expect(row.revoked_at).not.toBeNull();
	});
});
