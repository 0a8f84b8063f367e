// The team survey commands (commands/team-surveys.ts) over fake key work and a fake server: nothing
// is sent before the key work said yes; an admin's publish names the team key's version and a
// server that says the key moved on reads "rotation pending"; a carry counts a campaign carried
// when its PUT is accepted or a colleague carried it first, lost otherwise; a rotation that cannot
// open the new key counts what is left behind; a notice is trimmed, signed, then posted.
import { describe, expect, it } from 'vitest';
import {
	createTeamSurveyCommands,
	type OpenedTeam,
	type TeamKeyAt,
	type TeamNoticeStatement,
	type TeamSurveyError,
	type TeamSurveyKeys
} from '$lib/commands/team-surveys';
import type { TeamDetail } from '$lib/contracts/teams';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyHttpError, SurveysHttp } from '$lib/sync/surveys-http';

const NOW = Date.UTC(2026, 11, 7, 9);
// The commands never look inside a key: a real one, made once.
const privateKey = (
	await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])
).privateKey;

const detail = (overrides: Partial<TeamDetail> = {}): TeamDetail => ({
	teamId: 'team-1',
	name: 'Soins à domicile',
	kind: 'home-nursing',
	keyVersion: 3,
	publicKey: 'pub-3',
	keySignature: 'key-sig',
	keySignerAccountId: 'admin',
	keySignerIdentityKey: 'admin-identity',
	myRole: 'admin',
	myWrap: null,
	myWrapSignerAccountId: null,
	members: [],
	invitations: [],
	rotationPending: false,
	...overrides
});

const key = (keyVersion: number): TeamKeyAt => ({
	keyVersion,
	publicKey: `pub-${keyVersion}`,
	privateKey
});

const campaign: SignedCampaign = {
	id: 'survey-1',
	questionnaireId: 'cahps',
	publicKey: 'survey-pub',
	identityKey: 'me',
	signature: 'sig',
	closesAt: NOW + 86_400_000,
	team: { teamId: 'team-1', noticeKey: 'notice-pub' }
};

type Call = readonly [string, ...unknown[]];

function setup(
	options: {
		readonly team?: Result<OpenedTeam, TeamSurveyError>;
		readonly teamAfter?: Result<OpenedTeam, TeamSurveyError>;
		readonly canSign?: boolean;
		readonly publish?: Result<void, SurveyHttpError>;
		readonly reseal?: (surveyId: string) => Result<void, SurveyHttpError>;
		readonly resealed?: readonly { surveyId: string; sealedKey: string | null }[];
		readonly signNotice?: Result<string, TeamSurveyError>;
	} = {}
) {
	const calls: Call[] = [];
	const opened = options.team ?? ok({ detail: detail(), privateKey });
	const keys: TeamSurveyKeys = {
		canSign: () => Promise.resolve(options.canSign ?? true),
		openTeam: (teamId, extractable) => {
			calls.push(['openTeam', teamId, extractable ?? false]);
			return Promise.resolve(extractable === true ? (options.teamAfter ?? opened) : opened);
		},
		newCampaign: (team, input) => {
			calls.push(['newCampaign', team.detail.keyVersion, input]);
			return Promise.resolve(
				ok({ campaign: { ...campaign, id: input.surveyId }, sealedKey: 'sealed' })
			);
		},
		resealed: (teamId, from, to) => {
			calls.push(['resealed', teamId, from.keyVersion, to.keyVersion]);
			return Promise.resolve(ok(options.resealed ?? []));
		},
		countSealedTo: (teamId, keyVersion) => {
			calls.push(['countSealedTo', teamId, keyVersion]);
			return Promise.resolve(2);
		},
		signNotice: (statement: TeamNoticeStatement) => {
			calls.push(['signNotice', statement]);
			return Promise.resolve(options.signNotice ?? ok('notice-sig'));
		}
	};
	const http: Pick<SurveysHttp, 'publish' | 'reseal' | 'postUpdate'> = {
		publish: (body) => {
			calls.push(['publish', body]);
			return Promise.resolve(options.publish ?? ok(undefined));
		},
		reseal: (surveyId, body) => {
			calls.push(['reseal', surveyId, body]);
			return Promise.resolve(options.reseal?.(surveyId) ?? ok(undefined));
		},
		postUpdate: (surveyId, update) => {
			calls.push(['postUpdate', surveyId, update]);
			return Promise.resolve(ok(undefined));
		}
	};
	let n = 0;
	const commands = createTeamSurveyCommands({
		http,
		keys,
		now: () => NOW,
		newId: () => `id-${++n}`
	});
	const sent = () => calls.filter(([name]) => ['publish', 'reseal', 'postUpdate'].includes(name));
	return { commands, calls, sent };
}

describe('team survey commands', () => {
	it('publishes an admin’s campaign sealed to the current team key version', async () => {
		const { commands, sent } = setup();
		const published = await commands.publishTeamCampaign('team-1', {
			questionnaireId: 'cahps',
			closesAt: campaign.closesAt
		});
		expect(published).toEqual(ok({ ...campaign, id: 'id-1' }));
		expect(sent()).toEqual([
			[
				'publish',
				{
					id: 'id-1',
					questionnaireId: 'cahps',
					publicKey: 'survey-pub',
					identityKey: 'me',
					signature: 'sig',
					closesAt: campaign.closesAt,
					team: { teamId: 'team-1', teamKeyVersion: 3, sealedKey: 'sealed' }
				}
			]
		]);
	});

	it('refuses before sending anything: locked, not an admin, rotation pending, team key', async () => {
		const input = { questionnaireId: 'cahps', closesAt: campaign.closesAt };
		const cases = [
			[setup({ canSign: false }), { type: 'locked' }],
			[
				setup({ team: ok({ detail: detail({ myRole: 'member' }), privateKey }) }),
				{ type: 'not-admin' }
			],
			[
				setup({ team: ok({ detail: detail({ rotationPending: true }), privateKey }) }),
				{ type: 'rotation-pending' }
			],
			[setup({ team: err({ type: 'team-key' }) }), { type: 'team-key' }]
		] as const;
		for (const [s, error] of cases) {
			expect(await s.commands.publishTeamCampaign('team-1', input)).toEqual(err(error));
			expect(s.sent()).toEqual([]);
		}
		const stale = setup({ publish: err({ type: 'http', code: 'team-key-stale' }) });
		expect(await stale.commands.publishTeamCampaign('team-1', input)).toEqual(
			err({ type: 'rotation-pending' })
		);
		const offline = setup({ publish: err({ type: 'offline' }) });
		expect(await offline.commands.publishTeamCampaign('team-1', input)).toEqual(
			err({ type: 'offline' })
		);
	});

	it('carries each campaign that checks; one a colleague carried counts, a refused one is lost', async () => {
		const { commands, sent } = setup({
			resealed: [
				{ surveyId: 'a', sealedKey: 'sa' },
				{ surveyId: 'b', sealedKey: 'sb' },
				{ surveyId: 'c', sealedKey: null },
				{ surveyId: 'd', sealedKey: 'sd' }
			],
			reseal: (id) =>
				id === 'b'
					? err({ type: 'http', code: 'survey-conflict' })
					: id === 'd'
						? err({ type: 'http', code: 'forbidden' })
						: ok(undefined)
		});
		expect(await commands.carryCampaigns('team-1', key(3), key(4))).toEqual(
			ok({ resealed: 2, lost: 2 })
		);
		expect(sent().map(([, id, body]) => [id, body])).toEqual([
			['a', { teamKeyVersion: 4, sealedKey: 'sa' }],
			['b', { teamKeyVersion: 4, sealedKey: 'sb' }],
			['d', { teamKeyVersion: 4, sealedKey: 'sd' }]
		]);
	});

	it('rotates keeping the campaigns: the key before first, then the rotation, then the carry', async () => {
		const { commands, calls } = setup({
			teamAfter: ok({ detail: detail({ keyVersion: 4, publicKey: 'pub-4' }), privateKey }),
			resealed: [{ surveyId: 'a', sealedKey: 'sa' }]
		});
		const rotated = await commands.rotateKeepingCampaigns('team-1', () => {
			calls.push(['rotate']);
			return Promise.resolve(ok(null));
		});
		expect(rotated).toEqual(ok({ resealed: 1, lost: 0 }));
		expect(calls.map(([name]) => name)).toEqual([
			'openTeam',
			'rotate',
			'openTeam',
			'resealed',
			'reseal'
		]);
		expect(calls[3]).toEqual(['resealed', 'team-1', 3, 4]);

		const refused = setup();
		expect(
			await refused.commands.rotateKeepingCampaigns('team-1', () => Promise.resolve(err('no')))
		).toEqual(err('no'));
		expect(refused.sent()).toEqual([]);

		const unopened = setup({ teamAfter: err({ type: 'offline' }) });
		expect(
			await unopened.commands.rotateKeepingCampaigns('team-1', () => Promise.resolve(ok(null)))
		).toEqual(ok({ resealed: 0, lost: 2 }));
		expect(unopened.calls.at(-1)).toEqual(['countSealedTo', 'team-1', 3]);
	});

	it('posts a notice trimmed and signed, and nothing when the campaign does not check here', async () => {
		const { commands, calls, sent } = setup();
		expect(
			await commands.postTeamNotice('team-1', 'survey-1', {
				en: ' We listened. ',
				fr: ' Entendu. '
			})
		).toEqual(ok(undefined));
		const statement = {
			teamId: 'team-1',
			surveyId: 'survey-1',
			id: 'id-1',
			publishedAt: NOW,
			en: 'We listened.',
			fr: 'Entendu.'
		};
		expect(calls[0]).toEqual(['signNotice', statement]);
		expect(sent()).toEqual([
			[
				'postUpdate',
				'survey-1',
				{
					id: 'id-1',
					publishedAt: NOW,
					en: 'We listened.',
					fr: 'Entendu.',
					signature: 'notice-sig'
				}
			]
		]);
		const unverified = setup({ signNotice: err({ type: 'unverified' }) });
		expect(
			await unverified.commands.postTeamNotice('team-1', 'survey-1', { en: 'x', fr: 'y' })
		).toEqual(err({ type: 'unverified' }));
		expect(unverified.sent()).toEqual([]);
	});
});
