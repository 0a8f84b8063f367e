// Survey campaigns published by a care team, through the real handlers on SQLite and PostgreSQL:
// only an admin of the team publishes for it, to the team's current key version and not while a
// rotation is pending; every current member lists the campaign (with the survey key sealed to the
// team key), registers tokens and reads the sealed answers; a professional outside the team can do
// none of it, nor can a member once removed; notices are posted by the publisher or a team admin.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	answersResponseSchema,
	campaignListResponseSchema,
	type CreateCampaignRequest
} from '../../src/lib/contracts/surveys';
import { call, type Participant } from '../fixtures/circle/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire } from '../fixtures/server/people';
import type { TestApp } from '../fixtures/server/app';
import {
	createTeam,
	createTeamTestApp,
	joinTeam,
	professional,
	type Team
} from '../fixtures/teams/app';

const DAY = 86_400_000;
const b64 = (n: number) => randomBytes(n).toString('base64url');
const code = (json: unknown): string => apiErrorBodySchema.parse(json).error.code;

function teamCampaign(
	app: TestApp,
	team: Team,
	keyVersion = team.keyVersion
): CreateCampaignRequest {
	return {
		id: randomUUID(),
		questionnaireId: 'collaborate',
		publicKey: b64(65),
		identityKey: b64(65),
		signature: b64(64),
		closesAt: app.now() + 30 * DAY,
		team: { teamId: team.teamId, teamKeyVersion: keyVersion, sealedKey: b64(300) }
	};
}

const publish = (app: TestApp, who: Participant, body: CreateCampaignRequest) =>
	call(app, 'POST', '/api/surveys/campaigns', who.cookie, body);
const answers = (app: TestApp, who: Participant, id: string) =>
	call(app, 'GET', `/api/surveys/campaigns/${id}/answers`, who.cookie);
const tokens = (app: TestApp, who: Participant, id: string) =>
	call(app, 'POST', `/api/surveys/campaigns/${id}/tokens`, who.cookie, {
		tokenHashes: [randomBytes(32).toString('hex')]
	});
const notice = (app: TestApp, who: Participant, id: string) =>
	call(app, 'POST', `/api/surveys/campaigns/${id}/updates`, who.cookie, {
		id: randomUUID(),
		publishedAt: app.now(),
		en: 'We changed the visit times.',
		fr: 'Nous avons changé les horaires de passage.',
		signature: b64(64)
	});
const listed = async (app: TestApp, who: Participant) =>
	campaignListResponseSchema.parse(
		(await call(app, 'GET', '/api/surveys/campaigns', who.cookie)).json
	).campaigns;

forEachDatabase('survey campaigns by a team', (get) => {
	it('an admin publishes for the team; members read; outsiders and the removed cannot', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const anne = await professional(app, claire());
		const bruno = await professional(app, claire());
		const chloe = await professional(app, claire());
		const team = await createTeam(app, anne);
		await joinTeam(app, team, anne, bruno);
		await createTeam(app, chloe, 'Autre équipe');

		// Not a member, or a member without the admin role: refused, nothing stored.
		const byOutsider = await publish(app, chloe, teamCampaign(app, team));
		expect(byOutsider.status).toBe(403);
		expect(code(byOutsider.json)).toBe('forbidden');
		expect((await publish(app, bruno, teamCampaign(app, team))).status).toBe(403);
		// The admin, to a key version that is not the team's current one: refused.
		const stale = await publish(app, anne, teamCampaign(app, team, team.keyVersion + 1));
		expect(stale.status).toBe(409);
		expect(code(stale.json)).toBe('team-key-stale');

		const c = teamCampaign(app, team);
		expect((await publish(app, anne, c)).status).toBe(201);

		// Every current member lists it with the sealed survey key; the outsider does not.
		for (const member of [anne, bruno]) {
			const mine = await listed(app, member);
			expect(mine.map((x) => x.id)).toEqual([c.id]);
			expect(mine[0]?.team).toEqual(c.team);
		}
		expect(await listed(app, chloe)).toEqual([]);

		// A member registers tokens and reads the sealed answers; the outsider gets not-found.
		expect((await tokens(app, bruno, c.id)).status).toBe(201);
		const read = await answers(app, bruno, c.id);
		expect(read.status).toBe(200);
		expect(answersResponseSchema.parse(read.json).answers).toEqual([]);
		expect((await answers(app, chloe, c.id)).status).toBe(404);
		expect((await tokens(app, chloe, c.id)).status).toBe(404);

		// Notices: an admin (not the member, not the outsider).
		expect((await notice(app, bruno, c.id)).status).toBe(404);
		expect((await notice(app, chloe, c.id)).status).toBe(404);
		expect((await notice(app, anne, c.id)).status).toBe(201);

		// Bruno is removed: at once he reads nothing more, and the campaign leaves his list.
		expect(
			(
				await call(
					app,
					'DELETE',
					`/api/teams/${team.teamId}/members/${bruno.accountId}`,
					anne.cookie
				)
			).status
		).toBe(204);
		expect((await answers(app, bruno, c.id)).status).toBe(404);
		expect((await tokens(app, bruno, c.id)).status).toBe(404);
		expect(await listed(app, bruno)).toEqual([]);

		// Until the key is rotated, no new campaign for the team (Bruno may hold the old key).
		const pending = await publish(app, anne, teamCampaign(app, team));
		expect(pending.status).toBe(409);
		expect(code(pending.json)).toBe('team-key-stale');
	});
});
