// Anonymous experience-survey ballots: a team issues single-use tokens (it sends only their
// SHA-256), each person asked receives one inside their circle, and posts the answer, encrypted on
// the device to the team's survey key, with the token and no session, account or circle id.
// Invariants:
// - a token counts once: it is deleted by the same statement that checks it (`delete … where hash
//   and survey and not expired`), so under any number of parallel submissions exactly one wins;
//   used twice, unknown or expired are one and the same refusal (nothing to probe);
// - the stored answer holds the survey id, the ciphertext and the ISO week of receipt only, under a
//   random (v4) id: linking it to a person needs the server's cooperation and timing.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyBallotDatabase } from './schema';

export const MAX_CIPHERTEXT = 64 * 1024;

export const hashSurveyToken = (token: string): string =>
	createHash('sha256').update(token, 'utf8').digest('hex');

/** `2026-W49`: the ISO 8601 week of a UTC time. */
export function isoWeekOf(ms: number): string {
	const date = new Date(ms);
	const day = (date.getUTCDay() + 6) % 7;
	const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
	const year = new Date(thursday).getUTCFullYear();
	const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
	return `${String(year)}-W${String(week).padStart(2, '0')}`;
}

export type BallotError = { readonly type: 'token-refused' } | { readonly type: 'invalid' };

export interface SurveyBallotsDeps {
	readonly db: Kysely<SurveyBallotDatabase>;
	readonly now: () => number;
	readonly randomId?: () => string;
}

export function createSurveyBallots(deps: SurveyBallotsDeps) {
	const randomId = deps.randomId ?? randomUUID;
	return {
		/** Stores the hashes of a batch of tokens for `surveyId` (the team never sends tokens). */
		async issue(
			surveyId: string,
			tokenHashes: readonly string[],
			expiresAt: number
		): Promise<Result<number, BallotError>> {
			if (
				surveyId === '' ||
				tokenHashes.some((h) => !/^[0-9a-f]{64}$/.test(h)) ||
				tokenHashes.length > 10_000
			)
				return err({ type: 'invalid' });
			if (tokenHashes.length === 0) return ok(0);
			await deps.db
				.insertInto('survey_tokens')
				.values(
					tokenHashes.map((token_hash) => ({
						token_hash,
						survey_id: surveyId,
						expires_at: expiresAt
					}))
				)
				.onConflict((oc) => oc.column('token_hash').doNothing())
				.execute();
			return ok(tokenHashes.length);
		},

		/** Burns the token and keeps the answer; refused when the token was used, unknown or expired. */
		async submit(input: {
			readonly surveyId: string;
			readonly token: string;
			readonly ciphertext: string;
		}): Promise<Result<void, BallotError>> {
			if (
				input.token.length < 16 ||
				input.token.length > 200 ||
				input.ciphertext.length === 0 ||
				input.ciphertext.length > MAX_CIPHERTEXT
			)
				return err({ type: 'invalid' });
			const now = deps.now();
			return deps.db.transaction().execute(async (trx) => {
				const burned = await trx
					.deleteFrom('survey_tokens')
					.where('token_hash', '=', hashSurveyToken(input.token))
					.where('survey_id', '=', input.surveyId)
					.where('expires_at', '>', now)
					.executeTakeFirst();
				if (Number(burned.numDeletedRows) !== 1) return err({ type: 'token-refused' });
				await trx
					.insertInto('survey_answers')
					.values({
						id: randomId(),
						survey_id: input.surveyId,
						week: isoWeekOf(now),
						ciphertext: input.ciphertext
					})
					.execute();
				return ok(undefined);
			});
		},

		/** The ciphertexts of a survey with their week, for the team's devices to decrypt. */
		async answers(
			surveyId: string
		): Promise<readonly { readonly week: string; readonly ciphertext: string }[]> {
			return deps.db
				.selectFrom('survey_answers')
				.select(['week', 'ciphertext'])
				.where('survey_id', '=', surveyId)
				.orderBy('id')
				.execute();
		}
	};
}
