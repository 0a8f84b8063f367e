// The campaign write sequences (commands/survey-campaigns.ts) over fake key work and a recording
// server: publishing seals the survey key in the vault in ONE commit BEFORE the server hears of it
// (a refused commit publishes nothing); asking registers the token's hash, then writes ONE
// invitation (nothing when the owner is not pinned or the server refuses); answering refuses an
// unverified or closed invitation and answers that do not fit before anything is sent, and
// records "sent" (week only) in ONE commit whether counted or refused; a notice is signed trimmed.
import { describe, expect, it } from 'vitest';
import {
	createCampaignWrites,
	type CampaignKeys,
	type Invitation
} from '$lib/commands/survey-campaigns';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { CommitError, RecordOp, VaultRecord } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { SurveyHttpError } from '$lib/sync/surveys-http';

const NOW = Date.parse('2026-12-09T10:00:00Z');
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
	'coord-overall': coding('4')
};
const campaign: SignedCampaign = {
	id: 'survey-1',
	questionnaireId: 'coordination',
	publicKey: 'survey-public',
	identityKey: 'nurse-identity',
	signature: 'sig',
	closesAt: NOW + 86_400_000
};
const invitation: Invitation = {
	recordId: 'r1',
	campaign,
	sealedToken: 'sealed-token',
	at: NOW,
	verified: true,
	author: 'nurse',
	sent: null,
	professional: null
};

type Step = readonly [string, ...unknown[]];

function setup(
	options: {
		readonly locked?: boolean;
		readonly pinned?: boolean;
		readonly refuseCommit?: boolean;
		readonly http?: SurveyHttpError;
	} = {}
) {
	const log: Step[] = [];
	const answer = <T>(value: T): Promise<Result<T, SurveyHttpError>> =>
		Promise.resolve(options.http === undefined ? ok(value) : err(options.http));
	const commit = (where: string) => (ops: readonly RecordOp[]) => {
		log.push([`commit:${where}`, ops]);
		return Promise.resolve<Result<readonly VaultRecord[], CommitError>>(
			options.refuseCommit === true ? err({ type: 'locked' }) : ok([])
		);
	};
	const keys: CampaignKeys = {
		newCampaign: (s) =>
			Promise.resolve(
				options.locked === true
					? null
					: {
							campaign: { ...campaign, id: s.surveyId, closesAt: s.closesAt },
							privateJwk: { kty: 'EC' }
						}
			),
		sealInvitation: () =>
			Promise.resolve(
				options.pinned === false
					? err({ type: 'owner-unverified' as const })
					: ok({ sealedToken: 'sealed', tokenHash: 'hash-1', vouch: null })
			),
		signNotice: (statement) => {
			log.push(['sign', statement]);
			return Promise.resolve(options.locked === true ? null : 'notice-sig');
		},
		openToken: () => Promise.resolve(ok('token-1')),
		sealBallot: (_c, plain) => Promise.resolve(`box(${plain.length})`)
	};
	const writes = createCampaignWrites({
		vault: { commit: commit('vault') },
		http: {
			publish: (c) => (log.push(['publish', c.id]), answer(undefined)),
			issueTokens: (id, hashes) => (log.push(['issue', id, hashes]), answer(1)),
			postUpdate: (id, u) => (log.push(['post', id, u]), answer(undefined)),
			ballot: (id, token) => (log.push(['ballot', id, token]), answer(undefined))
		},
		keys,
		newId: () => 'new-id'
	});
	const circle = { circleId: 'circle-1', records: { commit: commit('circle') } };
	return { writes, log, circle };
}

describe('campaign write commands', () => {
	it('publish: the key sealed in ONE commit, then the server; a refused commit sends nothing', async () => {
		const { writes, log } = setup();
		const published = await writes.publishCampaign({
			questionnaireId: 'coordination',
			closesAt: NOW + 5,
			now: NOW
		});
		expect(published).toMatchObject({ ok: true, value: { id: 'new-id' } });
		expect(log.map((s) => s[0])).toEqual(['commit:vault', 'publish']);
		expect(log[0]?.[1]).toMatchObject([
			{ kind: 'survey-campaign', category: 'settings', body: { privateJwk: { kty: 'EC' } } }
		]);
		const refused = setup({ refuseCommit: true });
		expect(
			await refused.writes.publishCampaign({
				questionnaireId: 'coordination',
				closesAt: NOW + 5,
				now: NOW
			})
		).toEqual(err({ type: 'not-saved' }));
		expect(refused.log.map((s) => s[0])).toEqual(['commit:vault']);
		const locked = setup({ locked: true });
		expect(
			await locked.writes.publishCampaign({
				questionnaireId: 'coordination',
				closesAt: NOW + 5,
				now: NOW
			})
		).toEqual(err({ type: 'locked' }));
		expect(locked.log).toEqual([]);
	});

	it('ask: the hash registered, then ONE invitation; nothing without a pin or when the server refuses', async () => {
		const { writes, log, circle } = setup();
		expect(await writes.askCircleOwner(circle, campaign, NOW, 'dr-martin')).toEqual(ok(undefined));
		expect(log.map((s) => s[0])).toEqual(['issue', 'commit:circle']);
		expect(log[0]).toEqual(['issue', 'survey-1', ['hash-1']]);
		expect(log[1]?.[1]).toEqual([
			{
				type: 'put',
				kind: 'survey-invitation',
				category: 'surveys',
				at: NOW,
				body: { schemaVersion: 1, campaign, sealedToken: 'sealed', professional: 'dr-martin' }
			}
		]);
		const unpinned = setup({ pinned: false });
		expect(await unpinned.writes.askCircleOwner(unpinned.circle, campaign, NOW)).toEqual(
			err({ type: 'owner-unverified' })
		);
		expect(unpinned.log).toEqual([]);
		const offline = setup({ http: { type: 'offline' } });
		expect(await offline.writes.askCircleOwner(offline.circle, campaign, NOW)).toEqual(
			err({ type: 'offline' })
		);
		expect(offline.log.map((s) => s[0])).toEqual(['issue']);
	});

	it('answer: refused before sending when unverified, closed or not fitting the questionnaire', async () => {
		const { writes, log } = setup();
		expect(
			await writes.sendBallot({ ...invitation, verified: false }, coordination, answers, NOW)
		).toEqual(err({ type: 'owner-unverified' }));
		expect(await writes.sendBallot(invitation, coordination, answers, campaign.closesAt)).toEqual(
			ok({ type: 'closed' })
		);
		expect(
			await writes.sendBallot(invitation, coordination, { 'coord-repeat': coding('nonsense') }, NOW)
		).toEqual(err({ type: 'invalid-response' }));
		expect(log).toEqual([]);
	});

	it('answer: posted, then "sent" recorded in ONE commit at the week only, counted or refused', async () => {
		const { writes, log } = setup();
		expect(await writes.sendBallot(invitation, coordination, answers, NOW)).toEqual(
			ok({ type: 'counted' })
		);
		expect(log.map((s) => s[0])).toEqual(['ballot', 'commit:vault']);
		expect(log[1]?.[1]).toEqual([
			{
				type: 'put',
				kind: 'survey-ballot-sent',
				category: 'settings',
				at: Date.parse('2026-12-07'),
				body: { surveyId: 'survey-1', outcome: 'counted' }
			}
		]);
		const used = setup({ http: { type: 'token-refused' } });
		expect(await used.writes.sendBallot(invitation, coordination, answers, NOW)).toEqual(
			ok({ type: 'refused' })
		);
		expect(used.log.map((s) => s[0])).toEqual(['ballot', 'commit:vault']);
		const offline = setup({ http: { type: 'offline' } });
		expect(await offline.writes.sendBallot(invitation, coordination, answers, NOW)).toEqual(
			err({ type: 'offline' })
		);
		expect(offline.log.map((s) => s[0])).toEqual(['ballot']);
	});

	it('notice: signed over the trimmed texts, then posted; nothing while locked', async () => {
		const { writes, log } = setup();
		expect(
			await writes.postNotice('survey-1', { en: ' We call. ', fr: ' Nous appelons. ' }, NOW)
		).toEqual(ok(undefined));
		expect(log).toEqual([
			[
				'sign',
				{
					surveyId: 'survey-1',
					id: 'new-id',
					publishedAt: NOW,
					en: 'We call.',
					fr: 'Nous appelons.'
				}
			],
			[
				'post',
				'survey-1',
				{
					id: 'new-id',
					publishedAt: NOW,
					en: 'We call.',
					fr: 'Nous appelons.',
					signature: 'notice-sig'
				}
			]
		]);
		const locked = setup({ locked: true });
		expect(await locked.writes.postNotice('survey-1', { en: 'a', fr: 'b' }, NOW)).toEqual(
			err({ type: 'locked' })
		);
		expect(locked.log.map((s) => s[0])).toEqual(['sign']);
	});
});
