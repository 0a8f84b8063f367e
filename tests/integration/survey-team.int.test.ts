// Survey campaigns published by a care team, through the real handlers on SQLite and PostgreSQL:
// only an admin of the team publishes for it, to the team's current key version and not while a
// rotation is pending; every current member lists the campaign (with the survey key sealed to the
// team key), registers tokens, reads the sealed answers and posts notices (not only the admin who
// published); a professional outside the team can do none of it, nor can a member once removed; a
// member re-seals a campaign only while it is sealed to an older team key version.
// Any member asks people with a colleague's campaign: she vouches for it with her identity, and the
// person's device, which pinned her and not the publisher, verifies that vouch.
// Then the same on real devices (state/team-surveys.ts): the admin's device seals the campaign's
// keys to the team key it verified, a colleague's device opens them and sees results only from the
// 10th answer, a notice signed for the team verifies on the person's device and a rewritten one
// does not; a removed member opens nothing, and the rotation carries the campaign to the new key.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadQuestionnaires } from '../../src/lib/content/surveys';
import { sealTo } from '../../src/lib/crypto/sealed-box';
import {
	ballotContext,
	ballotPlain,
	invitationBodySchema,
	weekStartIso,
	type SignedCampaign
} from '../../src/lib/domain/surveys/ballot';
import type { Answers } from '../../src/lib/domain/surveys/enable-when';
import { buildResponse } from '../../src/lib/domain/surveys/response';
import {
	askCircleOwner,
	campaignNotices,
	campaignSigned,
	invitationVerified,
	myInvitations,
	sendBallot
} from '../../src/lib/state/survey-campaigns';
import { signingIdentity } from '../../src/lib/vault/sharing-keys';
import { createSurveysHttp, type SurveysHttp } from '../../src/lib/sync/surveys-http';
import { createTeamSurveys } from '../../src/lib/state/team-surveys';
import {
	device,
	joinWithCommands,
	openAsMember,
	syncOwner,
	type Device
} from '../fixtures/circle/devices';
import { ORIGIN } from '../fixtures/server/app';
import { professionalDevice, teamCommandsFor, value } from '../fixtures/teams/devices';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	answersResponseSchema,
	campaignListResponseSchema,
	type CreateCampaignRequest
} from '../../src/lib/contracts/surveys';
import { call, type Participant } from '../fixtures/circle/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';
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

		// Notices: any current member (the admin and Bruno), not the outsider.
		expect((await notice(app, bruno, c.id)).status).toBe(201);
		expect((await notice(app, chloe, c.id)).status).toBe(404);
		expect((await notice(app, anne, c.id)).status).toBe(201);

		// Re-seal: a member only from an older key version (this one is current: conflict); an
		// admin may repair at the current version; the outsider learns nothing.
		const reseal = (who: Participant) =>
			call(app, 'PUT', `/api/surveys/campaigns/${c.id}/team-key`, who.cookie, {
				teamKeyVersion: team.keyVersion,
				sealedKey: b64(300)
			});
		const byMember = await reseal(bruno);
		expect([byMember.status, code(byMember.json)]).toEqual([409, 'survey-conflict']);
		expect((await reseal(chloe)).status).toBe(404);
		expect((await reseal(anne)).status).toBe(204);

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

// ---- The devices' side (src/lib/state/team-surveys.ts): real vaults, real team commands --------

const coordinationFound = loadQuestionnaires().find((q) => q.id === 'coordination');
if (coordinationFound === undefined) throw new Error('missing');
const coordination = coordinationFound;
const coding = (c: string) => [{ valueCoding: { code: c } }];
const someAnswers: Answers = {
	'coord-repeat': coding('sometimes'),
	'coord-treatments': coding('yes'),
	'coord-others': coding('partly'),
	'coord-who': coding('yes'),
	'coord-involved': coding('some'),
	'coord-carer': coding('na'),
	'coord-overall': coding('4')
};

/**
 * A professional's device as the app wires it: when its team key moves on from a version it keeps,
 * the team's campaigns are carried over (`carry: false`: a device that does not, to show the wait).
 */
function surveysOn(d: Device, carry = true) {
	const http = createSurveysHttp(d.fetch);
	const teams = teamCommandsFor(
		d,
		carry ? (teamId, from, to) => surveys.carryCampaigns(teamId, from, to) : undefined
	);
	const surveys = createTeamSurveys({
		vault: () => d.vault,
		http,
		teamKey: teams.teamKey,
		now: () => Date.now()
	});
	return { http, teams, surveys };
}

/** Another person's device: a token registered by `asker`, the answers sealed and posted. */
async function anotherAnswer(asker: SurveysHttp, ballots: SurveysHttp, campaign: SignedCampaign) {
	const token = randomBytes(32).toString('base64url');
	const hash = createHash('sha256').update(token).digest('hex');
	expect((await asker.issueTokens(campaign.id, [hash])).ok).toBe(true);
	const built = buildResponse(coordination, someAnswers, weekStartIso(Date.now()));
	if (!built.ok) throw new Error('response');
	const box = await sealTo(
		campaign.publicKey,
		ballotContext(campaign.id),
		ballotPlain(campaign.id, coordination.id, built.value)
	);
	expect((await ballots.ballot(campaign.id, token, box ?? '')).ok).toBe(true);
}

async function teamOfTwo(app: TestApp, anneCarries = true) {
	const anne = await professionalDevice(app);
	const bruno = await professionalDevice(app);
	const a = surveysOn(anne, anneCarries);
	const b = surveysOn(bruno);
	const teamId = value(
		await a.teams.createTeam({ name: 'SSIAD du Port', kind: 'home-nursing', label: 'Anne' })
	);
	const link = value(await a.teams.inviteColleague(teamId, 'member', ORIGIN));
	const secret = link.slice(link.indexOf('#') + 1);
	value(
		await b.teams.acceptTeamInvite(secret, value(await b.teams.previewTeamInvite(secret)), 'Bruno')
	);
	const waiting = value(await a.teams.loadTeam(teamId)).invitations.find(
		(i) => i.acceptance !== null
	);
	if (waiting === undefined) throw new Error('no acceptance');
	value(await a.teams.confirmColleague(teamId, waiting.id));
	return { anne, bruno, a, b, teamId };
}

forEachDatabase('team surveys on the devices', (get) => {
	it('an admin publishes for the team; a colleague opens results from the 10th answer; notices verify', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const person = await device(app, marie);
		const { anne, a, b, teamId } = await teamOfTwo(app);
		await joinWithCommands(
			person,
			anne,
			[{ category: 'surveys', access: 'write', until: null }],
			'Anne'
		);

		// Bruno is no admin: his device does not even try.
		const notAdmin = await b.surveys.publishTeamCampaign(teamId, {
			questionnaireId: 'coordination',
			closesAt: Date.now() + 30 * DAY
		});
		expect(notAdmin.ok ? 'ok' : notAdmin.error.type).toBe('not-admin');

		const campaign = value(
			await a.surveys.publishTeamCampaign(teamId, {
				questionnaireId: 'coordination',
				closesAt: Date.now() + 30 * DAY
			})
		);
		expect(campaign.team?.teamId).toBe(teamId);
		// Bruno's device opens the keys with the team key and checks Anne's signature (pinned).
		const seen = value(await b.surveys.teamCampaigns(teamId));
		expect(seen.map((c) => [c.campaign.id, c.status])).toEqual([[campaign.id, 'ready']]);
		expect(seen[0]?.campaign.team).toEqual(campaign.team);

		// Anne asks Marie inside Marie's circle; Marie's device verifies the team campaign.
		const opened = await openAsMember(anne, person, 'Marie');
		if (!opened.ok) throw new Error(opened.error.type);
		expect(await askCircleOwner(anne.vault, a.http, opened.value, campaign, Date.now())).toEqual({
			ok: true,
			value: undefined
		});
		await opened.value.sync();
		await syncOwner(person);
		const [invitation] = await myInvitations(person.vault, person.circleId);
		expect(invitation?.verified).toBe(true);
		if (invitation === undefined) return;
		const personHttp = createSurveysHttp(person.fetch);
		// Marie says the visit was with Anne: the id rides inside the sealed ballot only.
		expect(
			await sendBallot(
				person.vault,
				personHttp,
				invitation,
				coordination,
				someAnswers,
				Date.now(),
				anne.accountId
			)
		).toEqual({ ok: true, value: { type: 'counted' } });

		// Eight more people: nine answers are still too few, for Bruno as for Anne.
		for (let i = 0; i < 8; i += 1) await anotherAnswer(b.http, personHttp, campaign);
		const nine = value(await b.surveys.teamCampaignResults(teamId, campaign.id, coordination));
		expect([nine.received, nine.results.kind]).toEqual([9, 'too-few']);
		await anotherAnswer(b.http, personHttp, campaign);
		const ten = value(await b.surveys.teamCampaignResults(teamId, campaign.id, coordination));
		expect([ten.received, ten.results.kind]).toEqual([10, 'results']);
		// One answer names a professional: too few to show her (25), counted as not shown.
		expect(ten.professionals).toEqual({ shown: [], notShown: 1 });

		// "You said, we did": signed for the team; Marie's device verifies it.
		const words = {
			en: 'We now call before each visit.',
			fr: 'Nous appelons avant chaque passage.'
		};
		value(await a.surveys.postTeamNotice(teamId, campaign.id, words));
		const notices = value(await campaignNotices(personHttp, invitation.campaign));
		expect(notices.map((n) => [n.en, n.fr, n.verified])).toEqual([[words.en, words.fr, true]]);

		// A server that rewrites it, or signs its own with any key it has: not verified.
		await sql`update survey_updates set fr = ${'Nous n’avons rien changé.'}`.execute(
			get().handle.db
		);
		const changed = value(await campaignNotices(personHttp, invitation.campaign));
		expect(changed.map((n) => n.verified)).toEqual([false]);
		// The campaign relabelled to another team: Marie's device no longer accepts the invitation.
		const relabelled: SignedCampaign = {
			...campaign,
			team: { teamId: randomUUID(), noticeKey: campaign.team?.noticeKey ?? '' }
		};
		expect(await campaignSigned(relabelled)).toBe(false);
	});

	it('a member who did not publish asks with the campaign; the person verifies her vouch; she posts the notice', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const person = await device(app, marie);
		const { anne, bruno, a, b, teamId } = await teamOfTwo(app);
		// Marie has Bruno in her circle, not Anne: her device pinned Bruno only.
		await joinWithCommands(
			person,
			bruno,
			[{ category: 'surveys', access: 'write', until: null }],
			'Bruno'
		);
		value(
			await a.surveys.publishTeamCampaign(teamId, {
				questionnaireId: 'coordination',
				closesAt: Date.now() + 30 * DAY
			})
		);
		// Bruno's device checked Anne's campaign with the team key and his pin of Anne.
		const [listedByBruno] = value(await b.surveys.teamCampaigns(teamId));
		expect([listedByBruno?.status, listedByBruno?.mine]).toEqual(['ready', false]);
		if (listedByBruno === undefined) return;
		const campaign = listedByBruno.campaign;

		const opened = await openAsMember(bruno, person, 'Marie');
		if (!opened.ok) throw new Error(opened.error.type);
		value(await askCircleOwner(bruno.vault, b.http, opened.value, campaign, Date.now()));
		await opened.value.sync();
		await syncOwner(person);
		const [invitation] = await myInvitations(person.vault, person.circleId);
		expect([invitation?.verified, invitation?.author]).toEqual([true, bruno.accountId]);
		if (invitation === undefined) return;

		// What the check rests on: Bruno's vouch, by the key Marie pinned for him, over this very
		// campaign. Without it, by another key, or over another team, it does not verify.
		const brunoKey = (await signingIdentity(bruno.vault))?.identityKey ?? '';
		// Had Anne written it, her own signature would do (her key is the campaign's).
		const annesKey = (await signingIdentity(anne.vault))?.identityKey ?? '';
		expect(await invitationVerified(campaign, undefined, annesKey)).toBe(true);
		const someoneElse = (await signingIdentity(person.vault))?.identityKey ?? '';
		const stored = await person.vault.query({ category: 'surveys', kinds: ['survey-invitation'] });
		const vouch = invitationBodySchema.parse(stored[0]?.body).vouch;
		expect(vouch?.identityKey).toBe(brunoKey);
		expect(await invitationVerified(campaign, vouch, brunoKey)).toBe(true);
		expect(await invitationVerified(campaign, undefined, brunoKey)).toBe(false);
		expect(await invitationVerified(campaign, vouch, someoneElse)).toBe(false);
		const otherTeam: SignedCampaign = {
			...campaign,
			team: { teamId: randomUUID(), noticeKey: campaign.team?.noticeKey ?? '' }
		};
		expect(await invitationVerified(otherTeam, vouch, brunoKey)).toBe(false);
		if (vouch === undefined) return;
		const forged = { ...vouch, signature: campaign.signature };
		expect(await invitationVerified(campaign, forged, brunoKey)).toBe(false);

		// Marie answers; Bruno (no admin) reads the count and posts "you said, we did"; it verifies.
		const personHttp = createSurveysHttp(person.fetch);
		expect(
			await sendBallot(person.vault, personHttp, invitation, coordination, someAnswers, Date.now())
		).toEqual({ ok: true, value: { type: 'counted' } });
		expect(
			value(await b.surveys.teamCampaignResults(teamId, campaign.id, coordination)).received
		).toBe(1);
		const words = {
			en: 'We now call before each visit.',
			fr: 'Nous appelons avant chaque passage.'
		};
		value(await b.surveys.postTeamNotice(teamId, campaign.id, words));
		const notices = value(await campaignNotices(personHttp, invitation.campaign));
		expect(notices.map((n) => [n.en, n.verified])).toEqual([[words.en, true]]);
	});

	it('a removed member opens nothing; the rotation carries the campaigns to the new team key', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const { bruno, a, b, teamId } = await teamOfTwo(app);
		const campaign = value(
			await a.surveys.publishTeamCampaign(teamId, {
				questionnaireId: 'coordination',
				closesAt: Date.now() + 30 * DAY
			})
		);
		const ballots = createSurveysHttp(bruno.fetch);
		await anotherAnswer(a.http, ballots, campaign);

		// Anne removes Bruno; her device rotates and re-seals the campaign to the new team key.
		const kept = await a.surveys.rotateKeepingCampaigns(teamId, () =>
			a.teams.removeFromTeam(teamId, bruno.accountId, true)
		);
		expect(kept).toEqual({ ok: true, value: { resealed: 1, lost: 0 } });
		expect(value(await a.teams.loadTeam(teamId)).keyVersion).toBe(2);
		const annes = value(await a.surveys.teamCampaigns(teamId));
		expect(annes.map((c) => c.status)).toEqual(['ready']);
		expect(
			value(await a.surveys.teamCampaignResults(teamId, campaign.id, coordination)).received
		).toBe(1);

		// Bruno: no team key any more, no list, no answers.
		const gone = await b.surveys.teamCampaignResults(teamId, campaign.id, coordination);
		expect(gone.ok).toBe(false);
		expect((await b.http.answers(campaign.id)).ok).toBe(false);

		// A re-seal by someone who is not an admin of the team, or to a stale version: refused.
		const stale = await b.http.reseal(campaign.id, { teamKeyVersion: 2, sealedKey: 'AAAA' });
		expect(stale.ok ? 'ok' : stale.error.type).toBe('http');
		const old = await a.http.reseal(campaign.id, { teamKeyVersion: 1, sealedKey: 'AAAA' });
		expect(old.ok ? 'ok' : old.error).toEqual({ type: 'http', code: 'team-key-stale' });

		// A rotation without the re-seal (the bare command): Anne's device still keeps key 2, so
		// the next opening notices version 3 and carries the campaign over by itself.
		const again = await a.teams.rotateTeamKey(teamId);
		expect(again.ok).toBe(true);
		expect(value(await a.surveys.teamCampaigns(teamId)).map((c) => c.status)).toEqual(['ready']);
		expect(
			value(await a.surveys.teamCampaignResults(teamId, campaign.id, coordination)).received
		).toBe(1);
	});

	it('a rotation elsewhere: a member whose device keeps the old team key re-seals the campaigns', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		// Anne's device here does not carry campaigns over (think: her other device, or a re-seal
		// that failed); Bruno's is the app's.
		const { bruno, a, b, teamId } = await teamOfTwo(app, false);
		const campaign = value(
			await a.surveys.publishTeamCampaign(teamId, {
				questionnaireId: 'coordination',
				closesAt: Date.now() + 30 * DAY
			})
		);
		await anotherAnswer(a.http, createSurveysHttp(bruno.fetch), campaign);
		// Bruno opened the team's surveys once: his device keeps team key 1.
		expect(value(await b.surveys.teamCampaigns(teamId)).map((c) => c.status)).toEqual(['ready']);

		value(await a.teams.rotateTeamKey(teamId));
		expect(value(await a.surveys.teamCampaigns(teamId)).map((c) => c.status)).toEqual([
			'old-team-key'
		]);
		const waiting = await a.surveys.teamCampaignResults(teamId, campaign.id, coordination);
		expect(waiting.ok ? 'ok' : waiting.error.type).toBe('old-team-key');

		// Bruno, no admin, opens the team: his device sees version 2, still holds 1, re-seals.
		expect(value(await b.surveys.teamCampaigns(teamId)).map((c) => c.status)).toEqual(['ready']);
		expect(
			value(await a.surveys.teamCampaigns(teamId)).map((c) => [c.campaign.id, c.status])
		).toEqual([[campaign.id, 'ready']]);
		expect(
			value(await a.surveys.teamCampaignResults(teamId, campaign.id, coordination)).received
		).toBe(1);
	});
});
