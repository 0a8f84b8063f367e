// Survey campaigns and their "you said, we did" notices, as the server keeps them. The server
// cannot check the signatures against anything a device trusts (devices verify them against the
// identity they pinned), so it only stores and relays; what it enforces is who may do what:
// - only the publisher's session registers tokens, reads the sealed answers and posts notices;
// - tokens expire when the campaign closes; a notice can be posted after closing;
// - the notices of a campaign are readable by anyone who knows its random id (the people asked).
import type { Kysely } from 'kysely';
import type { Campaign, SurveyUpdate } from '$lib/contracts/surveys';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyBallotDatabase } from './schema';

export type CampaignError =
	{ readonly type: 'not-found' } | { readonly type: 'forbidden' } | { readonly type: 'conflict' };

export interface SurveyCampaignsDeps {
	readonly db: Kysely<SurveyBallotDatabase>;
	readonly now: () => number;
}

export function createSurveyCampaigns(deps: SurveyCampaignsDeps) {
	const { db } = deps;

	/** The campaign when `accountId` published it; not-found for everyone else (nothing to probe). */
	async function own(
		accountId: string,
		surveyId: string
	): Promise<Result<{ readonly closesAt: number }, CampaignError>> {
		const row = await db
			.selectFrom('survey_campaigns')
			.select(['publisher_account_id', 'closes_at'])
			.where('id', '=', surveyId)
			.executeTakeFirst();
		if (row === undefined || row.publisher_account_id !== accountId)
			return err({ type: 'not-found' });
		return ok({ closesAt: row.closes_at });
	}

	return {
		own,

		async create(accountId: string, c: Campaign): Promise<Result<void, CampaignError>> {
			if (c.closesAt <= deps.now()) return err({ type: 'conflict' });
			const inserted = await db
				.insertInto('survey_campaigns')
				.values({
					id: c.id,
					publisher_account_id: accountId,
					team_id: null,
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

		async list(accountId: string): Promise<readonly (Campaign & { readonly createdAt: number })[]> {
			const rows = await db
				.selectFrom('survey_campaigns')
				.selectAll()
				.where('publisher_account_id', '=', accountId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({
				id: r.id,
				questionnaireId: r.questionnaire_id,
				publicKey: r.public_key,
				identityKey: r.identity_key,
				signature: r.signature,
				closesAt: r.closes_at,
				createdAt: r.created_at
			}));
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
