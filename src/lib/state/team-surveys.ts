// Survey campaigns of a care team on a member's device (issue 15 §5–7; keys: crypto/survey-team.ts):
// the reads and the key work; the writes (publish, carry over, rotate keeping the campaigns, post a
// notice) are commands/team-surveys.ts, given this module's key work (`TeamSurveyKeys`) and bound
// here under the same names.
// - publish (an admin): the team key is opened here under a pinned colleague's seal (or my own),
//   the public key the server lists must belong to it (`matchesTeamKey`), then the campaign's
//   survey and notice keys are made here, sealed to THAT team key of the current version, and the
//   campaign, naming the team and the notice key, is signed by my identity;
// - list / results / notices (any current member): each campaign's keys are opened with the team
//   key; the campaign counts only when its survey key is the one opened and it is signed by me or
//   a colleague I pinned, over this team and this notice key. Answers are then opened and tallied
//   here (./survey-campaigns.ts `resultsWithKey`); a notice is signed with the campaign's notice
//   key for this team, campaign, date and both texts, so the people asked can check it;
// - after a rotation: a campaign sealed to an older team key version cannot be opened with the
//   current one. One function carries campaigns from one team key to the next (`carryCampaigns`:
//   opened and checked with the old key, sealed to the new one, PUT by any current member); it runs
//   on the device that rotates (`rotateKeepingCampaigns`) and on ANY member's device that notices
//   the key moved on while it still keeps the previous version (team-commands.ts
//   `onTeamKeyMoved`: a rotation on another device, by another admin, or one whose re-seal failed).
//   Until one of them did, a member sees the campaign as "waiting for the new team key", never
//   empty results.
// Invariants: nothing the server says about keys is used unchecked; every failure is a value.
import {
	generateNoticeKeyPair,
	matchesTeamKey,
	openCampaignKeys,
	sealCampaignKeys,
	signTeamCampaign,
	signTeamNotice,
	verifyTeamCampaign,
	type CampaignKeys
} from '$lib/crypto/survey-team';
import { generateSurveyKeyPair } from '$lib/crypto/sealed-box';
import { exportPublicKey } from '$lib/crypto/sharing';
import type { TeamDetail } from '$lib/contracts/teams';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { err, ok, type Result } from '$lib/domain/result';
import { pinsOf } from '$lib/vault/pins';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { CircleResult } from '$lib/domain/circle/errors';
import { resultsWithKey } from './survey-campaigns';
import type { SurveysHttp } from '$lib/sync/surveys-http';
import {
	createTeamSurveyCommands,
	teamKeyAt,
	type OpenedTeam,
	type TeamKeyAt,
	type TeamSurveyError,
	type TeamSurveyKeys
} from '$lib/commands/team-surveys';
import type { CampaignResults } from '$lib/commands/survey-campaigns';
import { teamPinScope } from './team-commands';

export type TeamCampaignStatus = 'ready' | 'old-team-key' | 'unverified';

export interface TeamCampaign {
	/** As the people asked verify it (with the team and its notice key once opened). */
	readonly campaign: SignedCampaign;
	readonly createdAt: number;
	readonly status: TeamCampaignStatus;
	/** Published by this account: the people it asks verify it against their pin of me. */
	readonly mine: boolean;
}

export interface TeamSurveysDeps {
	readonly vault: () => Vault;
	readonly http: SurveysHttp;
	readonly teamKey: (
		teamId: string,
		extractable?: boolean
	) => Promise<CircleResult<{ readonly detail: TeamDetail; readonly privateKey: CryptoKey }>>;
	readonly now: () => number;
	readonly newId?: () => string;
}

interface Signers {
	readonly me: string | null;
	readonly all: readonly string[];
}

type Listed = Extract<Awaited<ReturnType<SurveysHttp['list']>>, { ok: true }>['value'][number];

export function createTeamSurveys(deps: TeamSurveysDeps) {
	const newId = deps.newId ?? (() => crypto.randomUUID());

	async function openTeam(teamId: string, extractable = false) {
		const opened = await deps.teamKey(teamId, extractable);
		if (!opened.ok)
			return opened.error.type === 'offline'
				? err<TeamSurveyError>({ type: 'offline' })
				: opened.error.type === 'locked'
					? err<TeamSurveyError>({ type: 'locked' })
					: err<TeamSurveyError>({ type: 'team-key' });
		if (!(await matchesTeamKey(opened.value.detail.publicKey, opened.value.privateKey)))
			return err<TeamSurveyError>({ type: 'team-key' });
		return ok<OpenedTeam>(opened.value);
	}
	/** The identity keys this device trusts for the team: mine (first) and the colleagues I pinned. */
	async function trustedSigners(teamId: string): Promise<Signers> {
		const v = deps.vault();
		const me = (await signingIdentity(v))?.identityKey ?? null;
		const pins = await pinsOf(v, teamPinScope(teamId));
		return { me, all: [...(me === null ? [] : [me]), ...pins.map((p) => p.identityKey)] };
	}

	/** One listed campaign checked and opened with a team key (`keys` only when ready). */
	async function check(
		c: Listed,
		team: TeamKeyAt,
		signers: Signers,
		extractable = false
	): Promise<{ readonly entry: TeamCampaign; readonly keys: CampaignKeys | null }> {
		const base: SignedCampaign = {
			id: c.id,
			questionnaireId: c.questionnaireId,
			publicKey: c.publicKey,
			identityKey: c.identityKey,
			signature: c.signature,
			closesAt: c.closesAt
		};
		const mine = signers.me !== null && c.identityKey === signers.me;
		const entry = (status: TeamCampaignStatus, campaign = base) => ({
			entry: { campaign, createdAt: c.createdAt, status, mine },
			keys: null
		});
		const t = c.team;
		if (t === undefined) return entry('unverified');
		if (t.teamKeyVersion !== team.keyVersion) return entry('old-team-key');
		const keys = await openCampaignKeys(
			t.sealedKey,
			{ privateKey: team.privateKey, publicKey: team.publicKey },
			{ surveyId: c.id, teamId: t.teamId, teamKeyVersion: t.teamKeyVersion },
			extractable
		);
		if (keys === null || keys.survey.publicKey !== c.publicKey) return entry('unverified');
		const campaign: SignedCampaign = {
			...base,
			team: { teamId: t.teamId, noticeKey: keys.notice.publicKey }
		};
		const signed =
			signers.all.includes(c.identityKey) &&
			(await verifyTeamCampaign(
				c.identityKey,
				{
					surveyId: c.id,
					questionnaireId: c.questionnaireId,
					publicKey: c.publicKey,
					closesAt: c.closesAt,
					teamId: t.teamId,
					noticeKey: keys.notice.publicKey
				},
				c.signature
			));
		return signed
			? { entry: { campaign, createdAt: c.createdAt, status: 'ready', mine }, keys }
			: entry('unverified', campaign);
	}

	async function listed(teamId: string) {
		const all = await deps.http.list();
		if (!all.ok) return all;
		return ok(all.value.filter((c) => c.team?.teamId === teamId));
	}

	async function openCampaign(
		teamId: string,
		surveyId: string
	): Promise<
		Result<{ readonly campaign: SignedCampaign; readonly keys: CampaignKeys }, TeamSurveyError>
	> {
		const team = await openTeam(teamId);
		if (!team.ok) return team;
		const all = await listed(teamId);
		if (!all.ok) return all;
		const c = all.value.find((x) => x.id === surveyId);
		if (c === undefined) return err({ type: 'not-found' });
		const checked = await check(c, teamKeyAt(team.value), await trustedSigners(teamId));
		if (checked.keys === null)
			return err({ type: checked.entry.status === 'old-team-key' ? 'old-team-key' : 'unverified' });
		return ok({ campaign: checked.entry.campaign, keys: checked.keys });
	}

	/** The key work the team survey commands are given (commands/team-surveys.ts). */
	const keys: TeamSurveyKeys = {
		canSign: async () => (await signingIdentity(deps.vault())) !== null,
		openTeam,
		async newCampaign(team, input) {
			const identity = await signingIdentity(deps.vault());
			if (identity === null) return err({ type: 'locked' });
			const { detail } = team;
			const { surveyId, questionnaireId, closesAt } = input;
			const survey = await generateSurveyKeyPair();
			const notice = await generateNoticeKeyPair();
			const publicKey = await exportPublicKey(survey.publicKey);
			const noticeKey = await exportPublicKey(notice.publicKey);
			const signature = await signTeamCampaign(identity.privateKey, {
				surveyId,
				questionnaireId,
				publicKey,
				closesAt,
				teamId: detail.teamId,
				noticeKey
			});
			const sealedKey = await sealCampaignKeys(
				detail.publicKey,
				{ surveyId, teamId: detail.teamId, teamKeyVersion: detail.keyVersion },
				{ survey: survey.privateKey, notice: notice.privateKey }
			);
			if (sealedKey === null) return err({ type: 'team-key' });
			const campaign: SignedCampaign = {
				id: surveyId,
				questionnaireId,
				publicKey,
				identityKey: identity.identityKey,
				signature,
				closesAt,
				team: { teamId: detail.teamId, noticeKey }
			};
			return ok({ campaign, sealedKey });
		},
		async resealed(teamId, from, to) {
			if (to.keyVersion <= from.keyVersion || !(await matchesTeamKey(to.publicKey, to.privateKey)))
				return err({ type: 'team-key' });
			const all = await listed(teamId);
			if (!all.ok) return all;
			const stale = all.value.filter((c) => c.team?.teamKeyVersion === from.keyVersion);
			const signers = await trustedSigners(teamId);
			const out: { surveyId: string; sealedKey: string | null }[] = [];
			for (const c of stale) {
				const { keys: opened } = await check(c, from, signers, true);
				const sealedKey =
					opened === null
						? null
						: await sealCampaignKeys(
								to.publicKey,
								{ surveyId: c.id, teamId, teamKeyVersion: to.keyVersion },
								{ survey: opened.survey.privateKey, notice: opened.notice.privateKey }
							);
				out.push({ surveyId: c.id, sealedKey });
			}
			return ok(out);
		},
		async countSealedTo(teamId, keyVersion) {
			const all = await listed(teamId);
			return all.ok ? all.value.filter((c) => c.team?.teamKeyVersion === keyVersion).length : 0;
		},
		async signNotice(statement) {
			const opened = await openCampaign(statement.teamId, statement.surveyId);
			if (!opened.ok) return opened;
			return ok(await signTeamNotice(opened.value.keys.notice.privateKey, statement));
		}
	};

	return {
		...createTeamSurveyCommands({ http: deps.http, keys, now: deps.now, newId }),

		/** The team's campaigns, newest first, each checked on this device. */
		async teamCampaigns(teamId: string): Promise<Result<readonly TeamCampaign[], TeamSurveyError>> {
			const team = await openTeam(teamId);
			if (!team.ok) return team;
			const all = await listed(teamId);
			if (!all.ok) return all;
			const signers = await trustedSigners(teamId);
			const out: TeamCampaign[] = [];
			for (const c of all.value) out.push((await check(c, teamKeyAt(team.value), signers)).entry);
			return ok(out.toSorted((a, b) => b.createdAt - a.createdAt));
		},

		/** Results computed here, from the answers opened with the team's campaign key. */
		async teamCampaignResults(
			teamId: string,
			surveyId: string,
			questionnaire: Questionnaire
		): Promise<Result<CampaignResults, TeamSurveyError>> {
			const opened = await openCampaign(teamId, surveyId);
			if (!opened.ok) return opened;
			return resultsWithKey(
				deps.vault(),
				deps.http,
				{ campaign: opened.value.campaign, privateKey: opened.value.keys.survey.privateKey },
				questionnaire
			);
		}
	};
}

export type TeamSurveys = ReturnType<typeof createTeamSurveys>;
