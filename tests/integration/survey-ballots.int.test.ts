// Anonymous experience-survey ballots on SQLite and PostgreSQL: a token counts once, even under 50
// parallel submissions; used, unknown and expired tokens get the same refusal; the stored answer
// row holds only the survey id, the ciphertext, a coarse week and a random id (no account,
// session, circle, device, IP or exact time).
import { describe, expect, it } from 'vitest';
import { createSurveyBallots, hashSurveyToken, isoWeekOf } from '../../server/surveys/ballots';
import type { SurveyBallotDatabase } from '../../server/surveys/schema';
import { forEachDatabase } from '../fixtures/server/databases';

const NOW = Date.parse('2026-12-06T22:30:00Z');
const DAY = 86_400_000;

describe('isoWeekOf', () => {
	it('follows ISO 8601 across year ends', () => {
		expect(isoWeekOf(NOW)).toBe('2026-W49');
		expect(isoWeekOf(Date.parse('2027-01-01T12:00:00Z'))).toBe('2026-W53');
		expect(isoWeekOf(Date.parse('2025-12-29T00:00:00Z'))).toBe('2026-W01');
	});
});

forEachDatabase('survey ballots', (get) => {
	const ballots = () =>
		createSurveyBallots({
			db: get().handle.db.$extendTables<SurveyBallotDatabase>(),
			now: () => NOW
		});

	it('a token counts exactly once under 50 parallel submissions', async () => {
		const b = ballots();
		const token = 'tok-parallel-0123456789abcdef';
		expect(await b.issue('survey-a', [hashSurveyToken(token)], NOW + 30 * DAY)).toEqual({
			ok: true,
			value: 1
		});
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				b.submit({ surveyId: 'survey-a', token, ciphertext: `cipher-${String(i)}` })
			)
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.flatMap((r) => (r.ok ? [] : [r.error]))).toEqual(
			Array.from({ length: 49 }, () => ({ type: 'token-refused' }))
		);
		expect(await b.answers('survey-a')).toHaveLength(1);
	});

	it('used, unknown, expired or another survey’s token: the same refusal', async () => {
		const b = ballots();
		const fresh = 'tok-fresh-0123456789abcdef';
		const old = 'tok-expired-0123456789abcdef';
		await b.issue('survey-b', [hashSurveyToken(fresh)], NOW + DAY);
		await b.issue('survey-b', [hashSurveyToken(old)], NOW - 1);
		const refused = { ok: false, error: { type: 'token-refused' } };
		expect(await b.submit({ surveyId: 'survey-c', token: fresh, ciphertext: 'x' })).toEqual(
			refused
		);
		expect(await b.submit({ surveyId: 'survey-b', token: fresh, ciphertext: 'x' })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await b.submit({ surveyId: 'survey-b', token: fresh, ciphertext: 'y' })).toEqual(
			refused
		);
		expect(await b.submit({ surveyId: 'survey-b', token: old, ciphertext: 'y' })).toEqual(refused);
		expect(
			await b.submit({
				surveyId: 'survey-b',
				token: 'tok-never-issued-0123456789',
				ciphertext: 'y'
			})
		).toEqual(refused);
		expect(await b.answers('survey-b')).toEqual([{ week: '2026-W49', ciphertext: 'x' }]);
	});

	it('stores no token, account, session, circle, device, IP or exact time', async () => {
		const b = ballots();
		const token = 'tok-privacy-0123456789abcdef';
		await b.issue('survey-d', [hashSurveyToken(token)], NOW + DAY);
		await b.submit({ surveyId: 'survey-d', token, ciphertext: 'sealed-answer' });
		const db = get().handle.db.$extendTables<SurveyBallotDatabase>();
		const rows = await db
			.selectFrom('survey_answers')
			.selectAll()
			.where('survey_id', '=', 'survey-d')
			.execute();
		expect(rows).toHaveLength(1);
		const row = rows[0] ?? {};
		expect(Object.keys(row).sort()).toEqual(['ciphertext', 'id', 'survey_id', 'week']);
		expect(row).toMatchObject({
			survey_id: 'survey-d',
			week: '2026-W49',
			ciphertext: 'sealed-answer'
		});
		expect(JSON.stringify(row)).not.toContain(String(NOW));
		expect(JSON.stringify(row)).not.toContain(hashSurveyToken(token));
		// The token is burned: its hash is gone too.
		const tokens = await db
			.selectFrom('survey_tokens')
			.selectAll()
			.where('survey_id', '=', 'survey-d')
			.execute();
		expect(tokens).toEqual([]);
	});

	it('refuses malformed input without touching the database', async () => {
		const b = ballots();
		expect(await b.issue('survey-e', ['not-a-hash'], NOW + DAY)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
		expect(await b.submit({ surveyId: 'survey-e', token: 'short', ciphertext: 'x' })).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
	});
});
