// Articles in the circle: what a share and a recommendation may contain (only articles of the
// library; a short message), how the person's shares are read back, and how recommendations are
// grouped (one entry per article, every recommender named, newest first) and put first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	groupRecommendations,
	NOTE_MAX_LENGTH,
	parseRecommendation,
	parseSharedArticle,
	recommendedFirst,
	RECOMMENDATION_KIND,
	sharesByArticle,
	SHARED_ARTICLE_KIND,
	type NoteRecord
} from '$lib/domain/education/circle-articles';

const KNOWN = new Set(['sleep', 'staying-active', 'living-with-hypertension']);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

let seq = 0;
function recommendation(
	articleId: string,
	options: { author?: string; at?: number; note?: string; deleted?: boolean } = {}
): NoteRecord {
	seq += 1;
	return {
		id: `rec-${String(seq).padStart(4, '0')}`,
		kind: RECOMMENDATION_KIND,
		at: options.at ?? T0,
		deleted: options.deleted ?? false,
		...(options.author === undefined ? {} : { author: options.author }),
		body: { articleId, ...(options.note === undefined ? {} : { note: options.note }) }
	};
}

const article = (id: string) => ({ meta: { id, title: `Title of ${id}` } });

describe('parseRecommendation', () => {
	it('accepts an article of the library, with or without a note', () => {
		expect(parseRecommendation({ articleId: 'sleep' }, KNOWN)).toEqual({
			ok: true,
			value: { articleId: 'sleep' }
		});
		expect(
			parseRecommendation({ articleId: 'sleep', note: '  Read before Monday ' }, KNOWN)
		).toEqual({ ok: true, value: { articleId: 'sleep', note: 'Read before Monday' } });
	});

	it('drops an empty note rather than writing one', () => {
		expect(parseRecommendation({ articleId: 'sleep', note: '   ' }, KNOWN)).toEqual({
			ok: true,
			value: { articleId: 'sleep' }
		});
	});

	it('refuses an unknown article id, naming it', () => {
		expect(parseRecommendation({ articleId: 'miracle-cure' }, KNOWN)).toEqual({
			ok: false,
			error: { type: 'unknown-article', articleId: 'miracle-cure' }
		});
	});

	it('refuses every id that is not in the library', () => {
		fc.assert(
			fc.property(
				fc.string().filter((id) => !KNOWN.has(id)),
				(id) => {
					const result = parseRecommendation({ articleId: id }, KNOWN);
					expect(result).toEqual({ ok: false, error: { type: 'unknown-article', articleId: id } });
				}
			)
		);
	});

	it('refuses a note longer than the limit, and malformed input', () => {
		expect(
			parseRecommendation({ articleId: 'sleep', note: 'x'.repeat(NOTE_MAX_LENGTH + 1) }, KNOWN)
		).toEqual({ ok: false, error: { type: 'note-too-long', max: NOTE_MAX_LENGTH } });
		expect(parseRecommendation({ article: 'sleep' }, KNOWN)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
		expect(parseRecommendation(null, KNOWN)).toEqual({ ok: false, error: { type: 'invalid' } });
	});
});

describe('parseSharedArticle', () => {
	it('keeps the article, its language and the message', () => {
		expect(
			parseSharedArticle({ articleId: 'sleep', language: 'fr', note: 'À lire' }, KNOWN)
		).toEqual({ ok: true, value: { articleId: 'sleep', language: 'fr', note: 'À lire' } });
	});

	it('refuses unknown articles and unknown languages', () => {
		expect(parseSharedArticle({ articleId: 'nope', language: 'en' }, KNOWN)).toEqual({
			ok: false,
			error: { type: 'unknown-article', articleId: 'nope' }
		});
		expect(parseSharedArticle({ articleId: 'sleep', language: 'de' }, KNOWN)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
	});
});

describe('sharesByArticle', () => {
	it('finds the live share of each article and ignores tombstones and unknown articles', () => {
		const records: NoteRecord[] = [
			{
				id: 'a',
				kind: SHARED_ARTICLE_KIND,
				at: T0,
				deleted: true,
				body: { articleId: 'sleep', language: 'en' }
			},
			{
				id: 'b',
				kind: SHARED_ARTICLE_KIND,
				at: T0 + DAY,
				deleted: false,
				body: { articleId: 'staying-active', language: 'en', note: 'for you' }
			},
			{
				id: 'c',
				kind: SHARED_ARTICLE_KIND,
				at: T0,
				deleted: false,
				body: { articleId: 'gone-article', language: 'en' }
			},
			recommendation('sleep')
		];
		const shares = sharesByArticle(records, KNOWN);
		expect([...shares.keys()]).toEqual(['staying-active']);
		expect(shares.get('staying-active')).toEqual({
			recordId: 'b',
			at: T0 + DAY,
			body: { articleId: 'staying-active', language: 'en', note: 'for you' },
			recordIds: ['b']
		});
	});

	it('keeps the newest of two shares of one article, and both ids to end them', () => {
		const share = (id: string, at: number, note: string): NoteRecord => ({
			id,
			kind: SHARED_ARTICLE_KIND,
			at,
			deleted: false,
			body: { articleId: 'sleep', language: 'en', note }
		});
		const shares = sharesByArticle(
			[share('p2', T0 + DAY, 'phone'), share('p1', T0, 'tablet')],
			KNOWN
		);
		expect(shares.get('sleep')).toEqual({
			recordId: 'p2',
			at: T0 + DAY,
			body: { articleId: 'sleep', language: 'en', note: 'phone' },
			recordIds: ['p1', 'p2']
		});
	});
});

describe('groupRecommendations', () => {
	it('shows an article recommended twice once, naming both recommenders, newest first', () => {
		const nurse = recommendation('sleep', { author: 'nurse', at: T0, note: 'Try this' });
		const doctor = recommendation('sleep', { author: 'doctor', at: T0 + 2 * DAY });
		const grouped = groupRecommendations([nurse, doctor], KNOWN);
		expect(grouped).toHaveLength(1);
		expect(grouped[0]).toEqual({
			articleId: 'sleep',
			latestAt: T0 + 2 * DAY,
			recordIds: [nurse.id, doctor.id].toSorted(),
			by: [
				{ recordId: doctor.id, author: 'doctor', at: T0 + 2 * DAY },
				{ recordId: nurse.id, author: 'nurse', at: T0, note: 'Try this' }
			]
		});
	});

	it('counts the same member recommending twice once (their latest), and dismisses both', () => {
		const first = recommendation('sleep', { author: 'nurse', at: T0, note: 'old' });
		const again = recommendation('sleep', { author: 'nurse', at: T0 + DAY, note: 'new' });
		const [group] = groupRecommendations([again, first], KNOWN);
		expect(group?.by).toEqual([{ recordId: again.id, author: 'nurse', at: T0 + DAY, note: 'new' }]);
		expect(group?.recordIds).toEqual([first.id, again.id].toSorted());
	});

	it('leaves out tombstones, other kinds and unknown articles', () => {
		const grouped = groupRecommendations(
			[
				recommendation('sleep', { deleted: true }),
				recommendation('miracle-cure'),
				{ ...recommendation('staying-active'), kind: 'note' }
			],
			KNOWN
		);
		expect(grouped).toEqual([]);
	});

	it('always yields one group per recommended article, newest recommendation first', () => {
		const arb = fc.array(
			fc.record({
				articleId: fc.constantFrom(...KNOWN),
				author: fc.constantFrom('nurse', 'doctor', 'daughter'),
				at: fc.integer({ min: T0, max: T0 + 30 * DAY })
			}),
			{ maxLength: 30 }
		);
		fc.assert(
			fc.property(arb, (inputs) => {
				const grouped = groupRecommendations(
					inputs.map((i) => recommendation(i.articleId, { author: i.author, at: i.at })),
					KNOWN
				);
				const ids = grouped.map((g) => g.articleId);
				expect(new Set(ids).size).toBe(ids.length);
				expect(ids.toSorted()).toEqual([...new Set(inputs.map((i) => i.articleId))].toSorted());
				for (let i = 1; i < grouped.length; i += 1) {
					expect(grouped[i - 1]?.latestAt).toBeGreaterThanOrEqual(grouped[i]?.latestAt ?? 0);
				}
				for (const g of grouped) {
					const authors = g.by.map((b) => b.author);
					expect(new Set(authors).size).toBe(authors.length);
					const latest = Math.max(
						...inputs.filter((i) => i.articleId === g.articleId).map((i) => i.at)
					);
					expect(g.latestAt).toBe(latest);
				}
			})
		);
	});
});

describe('recommendedFirst', () => {
	it('puts recommended articles first, in recommendation order, and keeps the rest in order', () => {
		const library = [
			article('living-with-hypertension'),
			article('sleep'),
			article('staying-active')
		];
		const grouped = groupRecommendations(
			[
				recommendation('staying-active', { author: 'nurse', at: T0 }),
				recommendation('sleep', { author: 'doctor', at: T0 + DAY })
			],
			KNOWN
		);
		const { recommended, others } = recommendedFirst(library, grouped);
		expect(recommended.map((r) => r.article.meta.id)).toEqual(['sleep', 'staying-active']);
		expect(others.map((a) => a.meta.id)).toEqual(['living-with-hypertension']);
	});

	it('drops recommendations of articles the list does not have', () => {
		const grouped = groupRecommendations([recommendation('sleep')], KNOWN);
		const { recommended, others } = recommendedFirst([article('staying-active')], grouped);
		expect(recommended).toEqual([]);
		expect(others.map((a) => a.meta.id)).toEqual(['staying-active']);
	});
});
