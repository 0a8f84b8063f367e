// The review checklist of AUTHORING.md as tests: every page that names a risky medicine carries its
// safety line in both languages; emergency pages carry their country's numbers; the low blood sugar
// and seizure rules are present; every number in an aid names the group the source counted, is out
// of 100, and rows that compare the same options use one timeframe; reviewers are never
// placeholders. Each check was seen to fail on the content as it was before issue 16.
import { describe, expect, it } from 'vitest';
import { loadAids, loadArticles } from '$lib/content/load';
import {
	EMERGENCY_PAGE_NUMBERS,
	EMERGENCY_PAGES,
	MEDICINE_SAFETY_RULES,
	SELF_HARM_RULE,
	missingSafetyLines
} from '$lib/content/safety-rules';
import { decisionAidSchema, type DecisionAid } from '$lib/domain/decisions/aid';
import { articleMetaSchema, headingTexts, proseUnits } from '$lib/domain/education/article';
import type { Article, Lang } from '$lib/domain/education/article';

const articles = loadArticles();
const aids = loadAids();

const articleText = (a: Article): string =>
	[a.meta.title, a.meta.summary, ...headingTexts(a.blocks), ...proseUnits(a.blocks)].join('\n');

/** Every string in an aid (options, grid, outcomes, notes, questions…), joined. */
function aidText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(aidText).join('\n');
	if (typeof value === 'object' && value !== null) {
		return Object.values(value).map(aidText).join('\n');
	}
	return '';
}

const article = (id: string, lang: Lang): Article => {
	const found = articles.find((a) => a.meta.id === id && a.meta.lang === lang);
	if (found === undefined) throw new Error(`missing article ${id}.${lang}`);
	return found;
};

describe('medicine safety lines', () => {
	it('finds a missing line (the rules can fail)', () => {
		expect(missingSafetyLines('Take ibuprofen for the pain.', 'en')).toEqual(['nsaid-tablets']);
		expect(missingSafetyLines('Le kétoprofène en gel aide.', 'fr')).toEqual(['ketoprofen-gel']);
		expect(missingSafetyLines('Take paracetamol, up to 4 g a day.', 'en')).toEqual(['paracetamol']);
		expect(missingSafetyLines('Nothing risky here.', 'en')).toEqual([]);
	});

	it('covers NSAIDs, paracetamol, metformin, anticoagulants and ketoprofen gel', () => {
		expect(MEDICINE_SAFETY_RULES.map((r) => r.id).toSorted()).toEqual([
			'anticoagulant',
			'ketoprofen-gel',
			'metformin',
			'nsaid-tablets',
			'paracetamol'
		]);
	});

	it.each(articles.map((a) => [a.file, a] as const))('%s carries its safety lines', (_f, a) => {
		expect(missingSafetyLines(articleText(a), a.meta.lang)).toEqual([]);
		expect(missingSafetyLines(articleText(a), a.meta.lang, [SELF_HARM_RULE])).toEqual([]);
	});

	it.each(aids.map((a) => [`${a.id}.${a.lang}`, a] as const))(
		'%s carries its safety lines',
		(_n, aid) => {
			expect(missingSafetyLines(aidText(aid), aid.lang)).toEqual([]);
		}
	);
});

describe('emergency and first-aid facts', () => {
	it.each(EMERGENCY_PAGES.flatMap((id) => (['en', 'fr'] as const).map((l) => [id, l] as const)))(
		'%s.%s carries the country numbers and the seizure rule',
		(id, lang) => {
			const text = articleText(article(id, lang));
			for (const n of EMERGENCY_PAGE_NUMBERS[lang]) {
				expect(text, n).toMatch(new RegExp(`(^|[^0-9])${n}([^0-9]|$)`));
			}
			expect(text).toMatch(/5 minutes/);
			expect(text).toMatch(lang === 'en' ? /does not come round/ : /ne reprend pas conscience/);
		}
	);

	it('gives the low blood sugar threshold, the repeat check and the unconscious-person rule', () => {
		const en = articleText(article('type-2-diabetes-day-to-day', 'en'));
		const fr = articleText(article('type-2-diabetes-day-to-day', 'fr'));
		for (const fact of [/4 mmol\/L/, /0\.7 g\/L/, /10 to 15 minutes/, /still below 4/]) {
			expect(en).toMatch(fact);
		}
		expect(en).toMatch(/Never give food or drink[^.]*unconscious/);
		expect(en).toMatch(/recovery position and call 999/);
		for (const fact of [/0,7 g\/L/, /4 mmol\/L/, /10 à 15 minutes/, /encore sous 0,7/]) {
			expect(fr).toMatch(fact);
		}
		expect(fr).toMatch(/Ne donnez jamais à manger ou à boire[^.]*inconsciente/);
		expect(fr).toMatch(/position latérale de sécurité, et appelez le 15/);
	});

	it('presents 116 117 as regional, with 15 otherwise', () => {
		for (const a of articles.filter((x) => x.meta.lang === 'fr')) {
			const text = articleText(a);
			for (const line of text.split('\n').filter((l) => l.includes('116 117'))) {
				expect(line, a.file).toMatch(/région/);
				expect(line, a.file).toMatch(/\b15\b/);
			}
		}
	});
});

/** Denominators of "N in M", "N out of M", "N sur M" that are not 100 (years are not counted). */
function oddDenominators(text: string): readonly string[] {
	const found: string[] = [];
	const pattern =
		/\b(\d+(?:[.,]\d+)?)\s+(?:(?:extra|more|de plus|people|person|personnes?|aches|douleurs|implants|prothèses)\s+){0,3}(?:in|out of|sur)\s+(\d+(?:[ \u202f,.]\d{3})*)\b/gi;
	for (const m of text.matchAll(pattern)) {
		const denominator = Number((m[2] ?? '').replace(/[ \u202f,.]/g, ''));
		const isYear = denominator >= 1900 && denominator <= 2100;
		if (denominator !== 100 && !isYear) found.push(m[0]);
	}
	return found;
}

describe('decision aid numbers', () => {
	it('finds a denominator other than 100 (the check can fail)', () => {
		expect(oddDenominators('About 1 extra person in 255 over 4 years.')).toHaveLength(1);
		expect(oddDenominators('More than 9 in 10 aches were not caused by it.')).toHaveLength(1);
		expect(oddDenominators('0.2 in 100 in 2011; 58 sur 100.')).toEqual([]);
	});

	describe.each(aids.map((a) => [`${a.id}.${a.lang}`, a] as const))('%s', (_n, aid) => {
		it('states every natural frequency out of 100, in cells, questions and grid', () => {
			expect(oddDenominators(aidText(aid))).toEqual([]);
		});

		it('names, for every number, the group the source counted', () => {
			for (const outcome of aid.outcomes) {
				for (const [optionId, cell] of Object.entries(outcome.cells)) {
					if (cell.kind === 'frequency') {
						expect(cell.group, `${outcome.id}.${optionId}`).toBeDefined();
					}
				}
			}
		});

		it('gives each row one timeframe, shared by rows that compare the same options', () => {
			const byOptions = new Map<string, Set<string>>();
			for (const outcome of aid.outcomes) {
				expect(outcome.timeframe).not.toMatch(/;|\bor\b|\bou\b/);
				const numbered = Object.entries(outcome.cells)
					.filter(([, c]) => c.kind === 'frequency')
					.map(([id]) => id)
					.toSorted()
					.join('+');
				if (!numbered.includes('+')) continue;
				const set = byOptions.get(numbered) ?? new Set<string>();
				set.add(outcome.timeframe);
				byOptions.set(numbered, set);
			}
			for (const [options, timeframes] of byOptions) {
				expect([...timeframes], options).toHaveLength(1);
			}
		});

		it('shows harms beside the benefits, and cites documents, not home pages', () => {
			expect(aid.outcomes.some((o) => o.direction === 'harm')).toBe(true);
			for (const source of aid.sources) expect(new URL(source.url).pathname).not.toBe('/');
		});

		it('says who wrote it, how the evidence was found and who checked it', () => {
			expect(aid.authorQualifications.length).toBeGreaterThan(20);
			expect(aid.evidenceSearch.length).toBeGreaterThan(20);
			expect(aid.checkedBy).not.toBe('');
		});
	});

	it('statin aid: benefits and harms over the same 10 years', () => {
		for (const lang of ['en', 'fr'] as const) {
			const statin = aids.find(
				(a: DecisionAid) => a.id === 'statin-primary-prevention' && a.lang === lang
			);
			expect(new Set(statin?.outcomes.map((o) => o.timeframe))).toHaveLength(1);
			expect(statin?.outcomes[0]?.timeframe).toMatch(/10/);
		}
	});
});

describe('French typography', () => {
	const badSpacing = (text: string) => text.match(/ [:;?!]|« | »/g) ?? [];

	it('uses a narrow no-break space before : ; ? ! and inside « » (articles and aids)', () => {
		expect(badSpacing('Les signes : tremblements')).toHaveLength(1);
		for (const a of articles.filter((x) => x.meta.lang === 'fr')) {
			expect(badSpacing(articleText(a)), a.file).toEqual([]);
		}
		for (const aid of aids.filter((x) => x.lang === 'fr')) {
			expect(badSpacing(aidText({ ...aid, sources: [] })), aid.id).toEqual([]);
		}
	});
});

describe('review status', () => {
	it('refuses a placeholder as a reviewer, in aids and articles', () => {
		const aid = aids[0];
		expect(aid).toBeDefined();
		if (aid === undefined) return;
		const refused = decisionAidSchema.safeParse({
			...aid,
			reviewers: ['Awaiting clinical review']
		});
		expect(refused.success).toBe(false);
		const meta = articles[0]?.meta;
		expect(
			articleMetaSchema.safeParse({ ...meta, reviewer: 'Awaiting clinical review' }).success
		).toBe(false);
		expect(
			articleMetaSchema.safeParse({ ...meta, reviewer: 'En attente de relecture clinique' }).success
		).toBe(false);
	});

	it('lists each source once per article (the source list is keyed by address)', () => {
		for (const a of articles) {
			const urls = a.meta.sources.map((src) => src.url);
			expect(new Set(urls).size, a.file).toBe(urls.length);
		}
	});

	it('every article says who wrote it, with what qualifications, how and who checked it', () => {
		for (const a of articles) {
			expect(a.meta.authorQualifications.length, a.file).toBeGreaterThan(20);
			expect(a.meta.evidenceSearch.length, a.file).toBeGreaterThan(20);
			expect(a.meta.checkedBy, a.file).not.toBe('');
		}
	});
});
