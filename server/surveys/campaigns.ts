// Survey campaigns and their "you said, we did" notices, as the server keeps them. The server
// cannot check the signatures against anything a device trusts (devices verify them against the
// identity they pinned), so it only stores and relays; what it enforces is who may do what:
// - a campaign for a team is published by an admin of that team (a professional member now), to
//   the team's CURRENT key version, and never while a rotation is pending (a member just removed
//   may still hold the old team key);
// - only the publisher's session, or for a team campaign any current member of the team (not only
//   the admin who published it), registers tokens, reads the sealed answers and posts notices; a
//   member removed from the team loses all of it at once (membership is read per request);
// - after a team key rotation, any current member re-seals a campaign still sealed to an OLDER
//   key version (to the current one, never while a rotation is pending); once a campaign is on the
//   current version only an admin may seal it again (a repair), so a member cannot overwrite it;
// - tokens expire when the campaign closes; a notice can be posted after closing;
// - the notices of a campaign are readable by anyone who knows its random id (the people asked).
import type { Kysely } from 'kysely';
import type {
	Campaign,
	CreateCampaignRequest,
	ResealCampaignRequest,
	SurveyUpdate,
	TeamPublication
} from '$lib/contracts/surveys';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyBallotDatabase } from './schema';

export type CampaignError =
	| { readonly type: 'not-found' }
	| { readonly type: 'forbidden' }
	| { readonly type: 'conflict' }
	| { readonly type: 'team-key-stale' };

/** This account's place in a team now (null: not a professional member of it). */
export interface TeamStanding {
	readonly role: 'admin' | 'member';
	readonly keyVersion: number;
	readonly rotationPending: boolean;
}

export interface SurveyCampaignsDeps {
	readonly db: Kysely<SurveyBallotDatabase>;
	readonly now: () => number;
	readonly teamStanding: (accountId: string, teamId: string) => Promise<TeamStanding | null>;
	/** The teams this account is a member of now. */
	readonly teamsOf: (accountId: string) => Promise<readonly string[]>;
}

export function createSurveyCampaigns(deps: SurveyCampaignsDeps) {
	const { db } = deps;

	/**
	 * The campaign when `accountId` may act on it (tokens, answers, notices): its publisher, or for
	 * a team campaign any current member of the team. not-found for everyone else.
	 */
	async function own(
		accountId: string,
		surveyId: string
	): Promise<Result<{ readonly closesAt: number }, CampaignError>> {
		const row = await db
			.selectFrom('survey_campaigns')
			.select(['publisher_account_id', 'team_id', 'closes_at'])
			.where('id', '=', surveyId)
			.executeTakeFirst();
		if (row === undefined) return err({ type: 'not-found' });
		if (row.publisher_account_id === accountId) return ok({ closesAt: row.closes_at });
		if (row.team_id === null) return err({ type: 'not-found' });
		const standing = await deps.teamStanding(accountId, row.team_id);
		if (standing === null) return err({ type: 'not-found' });
		return ok({ closesAt: row.closes_at });
	}

	const teamOf = (r: {
		readonly team_id: string | null;
		readonly team_key_version: number | null;
		readonly sealed_key: string | null;
	}): { team?: TeamPublication } =>
		r.team_id === null || r.team_key_version === null || r.sealed_key === null
			? {}
			: {
					team: { teamId: r.team_id, teamKeyVersion: r.team_key_version, sealedKey: r.sealed_key }
				};

	return {
		own,

		async create(
			accountId: string,
			c: CreateCampaignRequest
		): Promise<Result<void, CampaignError>> {
			if (c.closesAt <= deps.now()) return err({ type: 'conflict' });
			if (c.team !== undefined) {
				const standing = await deps.teamStanding(accountId, c.team.teamId);
				if (standing === null || standing.role !== 'admin') return err({ type: 'forbidden' });
				if (standing.rotationPending || standing.keyVersion !== c.team.teamKeyVersion)
					return err({ type: 'team-key-stale' });
			}
			const inserted = await db
				.insertInto('survey_campaigns')
				.values({
					id: c.id,
					publisher_account_id: accountId,
					team_id: c.team?.teamId ?? null,
					team_key_version: c.team?.teamKeyVersion ?? null,
					sealed_key: c.team?.sealedKey ?? null,
					questionnaire_id: c.questionnaireId,
					public_key: c.publicKey,
					identity_key: c.identityKey,
					signature: c.signature,
					closes_at: c.closesAt,
					created_at: deps.now()
				})
				.onConflict((oc) => oc.column('id').doNothing())
				.executeTakeFirst();
			return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
				? ok(undefined)
				: err({ type: 'conflict' });
		},

		async list(
			accountId: string
		): Promise<
			readonly (Campaign & { readonly createdAt: number; readonly team?: TeamPublication })[]
		> {
			const teams = await deps.teamsOf(accountId);
			const rows = await db
				.selectFrom('survey_campaigns')
				.selectAll()
				.where((eb) =>
					teams.length === 0
						? eb('publisher_account_id', '=', accountId)
						: eb.or([eb('publisher_account_id', '=', accountId), eb('team_id', 'in', [...teams])])
				)
				.orderBy('created_at')
				.orderBy('id')
				.execute();
			return rows.map((r) => ({
				id: r.id,
				questionnaireId: r.questionnaire_id,
				publicKey: r.public_key,
				identityKey: r.identity_key,
				signature: r.signature,
				closesAt: r.closes_at,
				createdAt: r.created_at,
				...teamOf(r)
			}));
		},

		/**
		 * After a team key rotation: the survey keys sealed again to the team's CURRENT key version,
		 * by any current member of the campaign's team while the campaign is still sealed to an
		 * older version (`conflict` once someone did it first), or by an admin at any time; never
		 * while a rotation is pending. not-found for an account campaign or anyone else.
		 */
		async reseal(
			accountId: string,
			surveyId: string,
			r: ResealCampaignRequest
		): Promise<Result<void, CampaignError>> {
			const row = await db
				.selectFrom('survey_campaigns')
				.select(['team_id'])
				.where('id', '=', surveyId)
				.executeTakeFirst();
			if (row === undefined || row.team_id === null) return err({ type: 'not-found' });
			const standing = await deps.teamStanding(accountId, row.team_id);
			if (standing === null) return err({ type: 'not-found' });
			if (standing.rotationPending || standing.keyVersion !== r.teamKeyVersion)
				return err({ type: 'team-key-stale' });
			// One statement: a member's re-seal lands only while the stored seal is older.
			const updated = await db
				.updateTable('survey_campaigns')
				.set({ team_key_version: r.teamKeyVersion, sealed_key: r.sealedKey })
				.where('id', '=', surveyId)
				.$if(standing.role !== 'admin', (q) => q.where('team_key_version', '<', r.teamKeyVersion))
				.executeTakeFirst();
			return Number(updated.numUpdatedRows) === 1 ? ok(undefined) : err({ type: 'conflict' });
		},

		async postUpdate(
			accountId: string,
			surveyId: string,
			u: SurveyUpdate
		): Promise<Result<void, CampaignError>> {
			const campaign = await own(accountId, surveyId);
			if (!campaign.ok) return campaign;
			const inserted = await db
				.insertInto('survey_updates')
				.values({
					id: u.id,
					survey_id: surveyId,
					published_at: u.publishedAt,
					en: u.en,
					fr: u.fr,
					signature: u.signature
				})
				.onConflict((oc) => oc.column('id').doNothing())
				.executeTakeFirst();
			return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
				? ok(undefined)
				: err({ type: 'conflict' });
		},

		async updates(surveyId: string): Promise<readonly SurveyUpdate[]> {
			const rows = await db
				.selectFrom('survey_updates')
				.select(['id', 'published_at', 'en', 'fr', 'signature'])
				.where('survey_id', '=', surveyId)
				.orderBy('published_at')
				.orderBy('id')
				.execute();
			return rows.map((r) => ({
				id: r.id,
				publishedAt: r.published_at,
				en: r.en,
				fr: r.fr,
				signature: r.signature
			}));
		}
	};
}
