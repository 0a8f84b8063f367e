// The anonymous survey journey with real vaults on both sides and the real server, on SQLite and
// PostgreSQL: the nurse (a member with write on questionnaires) publishes a campaign and asks the
// person inside her circle; the person's device verifies the campaign against the identity it
// pinned for the nurse, answers with a ballot posted WITHOUT the session cookie, is told a second
// answer was refused; her journal keeps no copy of the answer in any shared category; the nurse's
// device opens and tallies the answers; "you said, we did" verifies, and a notice the server
// changed does not. An invitation whose campaign another key signed is refused and never sent.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadQuestionnaires } from '../../src/lib/content/surveys';
import { SURVEY_INVITATION, type SignedCampaign } from '../../src/lib/domain/surveys/ballot';
import type { Answers } from '../../src/lib/domain/surveys/enable-when';
import {
	askCircleOwner,
	campaignNotices,
	campaignResults,
	myInvitations,
	postNotice,
	publishCampaign,
	sendBallot
} from '../../src/lib/state/survey-campaigns';
import { createSurveysHttp } from '../../src/lib/sync/surveys-http';
import { device, joinWithCommands, openAsMember, syncOwner } from '../fixtures/circle/devices';
import { createCircleTestApp } from '../fixtures/circle/app';
import { ORIGIN } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';

const DAY = 86_400_000;
const found = loadQuestionnaires().find((q) => q.id === 'coordination');
if (found === undefined) throw new Error('missing');
const coordination = found;
const coding = (code: string) => [{ valueCoding: { code } }];
const answers: Answers = {
	'coord-repeat': coding('sometimes'),
	'coord-treatments': coding('yes'),
	'coord-others': coding('partly'),
	'coord-who': coding('yes'),
	'coord-involved': coding('some'),
	'coord-carer': coding('na'),
	'coord-overall': coding('4'),
	'coord-comment': [{ valueString: 'I had to repeat my story twice.' }]
};

forEachDatabase('anonymous survey journey', (get) => {
	it('publish, ask, answer without a session, tally, and verified notices', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const person = await device(app, marie);
		const nurse = await device(app, claire);
		await joinWithCommands(
			person,
			nurse,
			[{ category: 'surveys', access: 'write', until: null }],
			'Inès'
		);

		// The person's browser: `credentials: 'omit'` sends no cookie; every call is recorded.
		const sent: { path: string; cookie: boolean }[] = [];
		const personHttp = createSurveysHttp(async (input, init) => {
			const omit = init?.credentials === 'omit';
			sent.push({ path: input, cookie: !omit });
			if (!omit) return person.fetch(input, init);
			const headers = new Headers(init.headers);
			headers.set('origin', ORIGIN);
			return app.fetch(
				new Request(new URL(input, ORIGIN), {
					...init,
					headers,
					...(init.body == null ? {} : { duplex: 'half' })
				})
			);
		});
		const nurseHttp = createSurveysHttp(nurse.fetch);

		const published = await publishCampaign(nurse.vault, nurseHttp, {
			questionnaireId: 'coordination',
			closesAt: Date.now() + 30 * DAY,
			now: Date.now()
		});
		if (!published.ok) throw new Error(published.error.type);
		const campaign = published.value;
		const opened = await openAsMember(nurse, person, 'Odette');
		if (!opened.ok) throw new Error(opened.error.type);
		const asked = await askCircleOwner(nurse.vault, nurseHttp, opened.value, campaign, Date.now());
		expect(asked).toEqual({ ok: true, value: undefined });
		await opened.value.sync();

		await syncOwner(person);
		const [invitation, ...others] = await myInvitations(person.vault, person.circleId);
		expect(others).toEqual([]);
		expect(invitation?.verified).toBe(true);
		expect(invitation?.author).toBe(nurse.accountId);
		if (invitation === undefined) return;

		expect(
			await sendBallot(person.vault, personHttp, invitation, coordination, answers, Date.now())
		).toEqual({ ok: true, value: { type: 'counted' } });
		expect(
			await sendBallot(person.vault, personHttp, invitation, coordination, answers, Date.now())
		).toEqual({ ok: true, value: { type: 'refused' } });
		expect(sent.filter((s) => s.path === '/api/surveys/ballots')).toEqual([
			{ path: '/api/surveys/ballots', cookie: false },
			{ path: '/api/surveys/ballots', cookie: false }
		]);
		const after = await myInvitations(person.vault, person.circleId);
		expect(after[0]?.sent).toBe('refused');

		// No copy of the answer in the person's shared categories (only the invitation).
		const shared = await person.vault.query({ category: 'surveys' });
		expect(shared.map((r) => r.kind)).toEqual([SURVEY_INVITATION]);
		expect(JSON.stringify(shared)).not.toContain('repeat my story');

		const results = await campaignResults(nurse.vault, nurseHttp, campaign.id, coordination);
		if (!results.ok) throw new Error(results.error.type);
		expect(results.value.received).toBe(1);
		expect(results.value.results).toEqual({ kind: 'too-few', invalid: { shown: true, count: 0 } });

		const notice = { en: 'We now share one summary.', fr: 'Nous partageons un seul résumé.' };
		expect(await postNotice(nurse.vault, nurseHttp, campaign.id, notice, Date.now())).toEqual({
			ok: true,
			value: undefined
		});
		const notices = await campaignNotices(personHttp, invitation.campaign);
		expect(notices.ok && notices.value.map((n) => [n.en, n.fr, n.verified])).toEqual([
			[notice.en, notice.fr, true]
		]);
		expect(sent.filter((s) => s.path.endsWith('/updates')).every((s) => !s.cookie)).toBe(true);

		// A server that rewrites the notice: the person's device says it does not verify.
		await sql`update survey_updates set en = ${'We changed nothing.'}`.execute(get().handle.db);
		const changed = await campaignNotices(personHttp, invitation.campaign);
		expect(changed.ok && changed.value.map((n) => n.verified)).toEqual([false]);
	});

	it('refuses an invitation whose campaign is not signed by the member who wrote it', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const person = await device(app, marie);
		const nurse = await device(app, claire);
		const stranger = await device(app, claire);
		await joinWithCommands(
			person,
			nurse,
			[{ category: 'surveys', access: 'write', until: null }],
			'Inès'
		);
		// The stranger publishes; the nurse (or a server) passes the stranger's campaign on.
		const strangerHttp = createSurveysHttp(stranger.fetch);
		const published = await publishCampaign(stranger.vault, strangerHttp, {
			questionnaireId: 'coordination',
			closesAt: Date.now() + DAY,
			now: Date.now()
		});
		if (!published.ok) throw new Error(published.error.type);
		const forged: SignedCampaign = { ...published.value, id: randomUUID() };
		const opened = await openAsMember(nurse, person, 'Odette');
		if (!opened.ok) throw new Error(opened.error.type);
		await opened.value.records.commit([
			{
				type: 'put',
				kind: SURVEY_INVITATION,
				category: 'surveys',
				at: Date.now(),
				body: { schemaVersion: 1, campaign: published.value, sealedToken: 'AAAA' }
			},
			{
				type: 'put',
				kind: SURVEY_INVITATION,
				category: 'surveys',
				at: Date.now(),
				body: { schemaVersion: 1, campaign: forged, sealedToken: 'AAAA' }
			}
		]);
		await opened.value.sync();
		await syncOwner(person);
		const invitations = await myInvitations(person.vault, person.circleId);
		expect(invitations.map((i) => i.verified)).toEqual([false, false]);
		const calls: string[] = [];
		const personHttp = createSurveysHttp((input, init) => {
			calls.push(input);
			return person.fetch(input, init);
		});
		const first = invitations[0];
		if (first === undefined) return;
		expect(
			await sendBallot(person.vault, personHttp, first, coordination, answers, Date.now())
		).toEqual({ ok: false, error: { type: 'owner-unverified' } });
		expect(calls).toEqual([]);
	});
});
