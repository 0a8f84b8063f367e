// The writes of a care team's survey campaigns (issue 15 §5–7), by name: what each sends to the
// server, in order, once the key work said yes. The key work — opening the team key and checking
// it against the server's public key, making, signing and sealing a campaign's keys, opening and
// checking a listed campaign, signing a notice — is injected (`TeamSurveyKeys`,
// state/team-surveys.ts over src/lib/crypto and the pins): commands never touch crypto.
// - publish (an admin, no rotation pending): the campaign made and sealed to THAT team key's
//   version, then published; a server that says the key moved on is "rotation pending";
// - carry over (any current member): each campaign sealed to the key `from` that checks is sealed
//   again to `to` and PUT; one a colleague carried already (409 `survey-conflict`) counts as carried;
//   one that does not check, or whose PUT is refused, is `lost` (it waits for another device);
// - rotate keeping the campaigns: the key before is opened first, then the rotation, then the carry;
// - "you said, we did": signed with the campaign's notice key for this team, then posted.
// Invariants: nothing is sent before the key work succeeded; every failure is a value.
import type { TeamDetail } from '$lib/contracts/teams';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import type { NoticeText } from '$lib/domain/surveys/team-forms';
import { err, ok, type Result } from '$lib/domain/result';
import { publishRequestOf } from './survey-campaigns';
import type { SurveyHttpError, SurveysHttp } from '$lib/sync/surveys-http';

export type TeamSurveyError =
	| SurveyHttpError
	| { readonly type: 'locked' }
	/** The team key did not open under a pinned seal, or the server's public key is not its. */
	| { readonly type: 'team-key' }
	| { readonly type: 'not-admin' }
	/** A member left: the team key must be rotated before a new campaign. */
	| { readonly type: 'rotation-pending' }
	| { readonly type: 'not-found' }
	/** Sealed to an earlier team key version: an admin's device must re-seal it. */
	| { readonly type: 'old-team-key' }
	/** Its keys do not open, or it is not signed by me or a colleague I pinned. */
	| { readonly type: 'unverified' }
	| { readonly type: 'not-saved' }
	| { readonly type: 'key-missing' }
	| { readonly type: 'owner-unverified' };

/** One version of a team's key pair, opened on this device. */
export interface TeamKeyAt {
	readonly keyVersion: number;
	readonly publicKey: string;
	readonly privateKey: CryptoKey;
}

/** The team key opened here (checked against the public key the server lists), with the team. */
export interface OpenedTeam {
	readonly detail: TeamDetail;
	readonly privateKey: CryptoKey;
}

/** A campaign's notice statement, before its signature. */
export interface TeamNoticeStatement extends NoticeText {
	readonly teamId: string;
	readonly surveyId: string;
	readonly id: string;
	readonly publishedAt: number;
}

/** The key work of team campaigns on this device (state/team-surveys.ts). */
export interface TeamSurveyKeys {
	/** This account can sign (its identity is loaded); false while locked. */
	canSign(): Promise<boolean>;
	openTeam(teamId: string, extractable?: boolean): Promise<Result<OpenedTeam, TeamSurveyError>>;
	/** A new campaign for the team: keys made here, sealed to `team`'s key, signed by me. */
	newCampaign(
		team: OpenedTeam,
		input: {
			readonly surveyId: string;
			readonly questionnaireId: string;
			readonly closesAt: number;
		}
	): Promise<
		Result<{ readonly campaign: SignedCampaign; readonly sealedKey: string }, TeamSurveyError>
	>;
	/**
	 * The team's campaigns sealed to `from`, each opened and checked with it and sealed again to
	 * `to` (`sealedKey` null: it did not check).
	 */
	resealed(
		teamId: string,
		from: TeamKeyAt,
		to: TeamKeyAt
	): Promise<
		Result<
			readonly { readonly surveyId: string; readonly sealedKey: string | null }[],
			TeamSurveyError
		>
	>;
	/** How many of the team's campaigns are sealed to this key version (0 when unknown). */
	countSealedTo(teamId: string, keyVersion: number): Promise<number>;
	/** The statement signed with the campaign's notice key, once the campaign checks here. */
	signNotice(statement: TeamNoticeStatement): Promise<Result<string, TeamSurveyError>>;
}

export interface TeamSurveyCommandDeps {
	readonly http: Pick<SurveysHttp, 'publish' | 'reseal' | 'postUpdate'>;
	readonly keys: TeamSurveyKeys;
	readonly now: () => number;
	readonly newId: () => string;
}

/** A team's key as the carry reads it. */
export const teamKeyAt = (team: OpenedTeam): TeamKeyAt => ({
	keyVersion: team.detail.keyVersion,
	publicKey: team.detail.publicKey,
	privateKey: team.privateKey
});

export function createTeamSurveyCommands(deps: TeamSurveyCommandDeps) {
	const { http, keys } = deps;

	async function carryCampaigns(
		teamId: string,
		from: TeamKeyAt,
		to: TeamKeyAt
	): Promise<Result<{ resealed: number; lost: number }, TeamSurveyError>> {
		const sealed = await keys.resealed(teamId, from, to);
		if (!sealed.ok) return sealed;
		let resealed = 0;
		let lost = 0;
		for (const { surveyId, sealedKey } of sealed.value) {
			const put =
				sealedKey === null
					? null
					: await http.reseal(surveyId, { teamKeyVersion: to.keyVersion, sealedKey });
			const carried =
				put !== null &&
				(put.ok || (put.error.type === 'http' && put.error.code === 'survey-conflict'));
			if (carried) resealed += 1;
			else lost += 1;
		}
		return ok({ resealed, lost });
	}

	return {
		/** An admin publishes a campaign for the team (see the module comment). */
		async publishTeamCampaign(
			teamId: string,
			input: { readonly questionnaireId: string; readonly closesAt: number }
		): Promise<Result<SignedCampaign, TeamSurveyError>> {
			if (!(await keys.canSign())) return err({ type: 'locked' });
			const team = await keys.openTeam(teamId);
			if (!team.ok) return team;
			const { detail } = team.value;
			if (detail.myRole !== 'admin') return err({ type: 'not-admin' });
			if (detail.rotationPending) return err({ type: 'rotation-pending' });
			const made = await keys.newCampaign(team.value, { surveyId: deps.newId(), ...input });
			if (!made.ok) return made;
			const { campaign, sealedKey } = made.value;
			const published = await http.publish({
				...publishRequestOf(campaign),
				team: { teamId, teamKeyVersion: detail.keyVersion, sealedKey }
			});
			if (!published.ok)
				return published.error.type === 'http' && published.error.code === 'team-key-stale'
					? err({ type: 'rotation-pending' })
					: published;
			return ok(campaign);
		},

		/**
		 * Carries the team's campaigns sealed to the key `from` over to the key `to` (the next
		 * version). The survey key itself is not changed: the answers were sealed to it, and a
		 * removed member, who may have kept it, no longer reaches the answers on the server.
		 */
		carryCampaigns,

		/**
		 * Rotates the team key with `rotate` (the team commands' rotation, or removal then rotation)
		 * while keeping the team's campaigns readable: the key of the version before is opened first,
		 * then the campaigns are carried to the new one (`carryCampaigns`).
		 */
		async rotateKeepingCampaigns<E>(
			teamId: string,
			rotate: () => Promise<Result<unknown, E>>
		): Promise<Result<{ resealed: number; lost: number }, E>> {
			const before = await keys.openTeam(teamId);
			const rotated = await rotate();
			if (!rotated.ok) return rotated;
			if (!before.ok) return ok({ resealed: 0, lost: 0 });
			// From the seal, not the cache: the cache still holds `before`, and leaves the move to the
			// next opening (which then finds nothing left to carry).
			const after = await keys.openTeam(teamId, true);
			if (!after.ok)
				return ok({
					resealed: 0,
					lost: await keys.countSealedTo(teamId, before.value.detail.keyVersion)
				});
			const carried = await carryCampaigns(teamId, teamKeyAt(before.value), teamKeyAt(after.value));
			return ok(carried.ok ? carried.value : { resealed: 0, lost: 0 });
		},

		/** "You said, we did", signed for the team with the campaign's notice key, then posted. */
		async postTeamNotice(
			teamId: string,
			surveyId: string,
			text: NoticeText
		): Promise<Result<void, TeamSurveyError>> {
			const statement: TeamNoticeStatement = {
				teamId,
				surveyId,
				id: deps.newId(),
				publishedAt: deps.now(),
				en: text.en.trim(),
				fr: text.fr.trim()
			};
			const signature = await keys.signNotice(statement);
			if (!signature.ok) return signature;
			return http.postUpdate(surveyId, {
				id: statement.id,
				publishedAt: statement.publishedAt,
				en: statement.en,
				fr: statement.fr,
				signature: signature.value
			});
		}
	};
}

export type TeamSurveyCommands = ReturnType<typeof createTeamSurveyCommands>;
