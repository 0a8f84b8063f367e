// A decision record read in another language (a member of the circle whose language is not the
// person's): the aid's words come from the same aid in the reader's language, matched by id; the
// person's own words never change; another aid, or none, leaves the record as saved. (The
// headings' wording is checked in the member view's component test, in English and French.)
import { describe, expect, it } from 'vitest';
import { getAid } from '$lib/content/load';
import type { DecisionAid } from '$lib/domain/decisions/aid';
import { buildDecisionRecord, type DecisionRecord } from '$lib/domain/decisions/record';
import { recordInLanguage } from '$lib/ui/decide/record-view';

const ID = 'statin-primary-prevention';

function aidOf(lang: 'en' | 'fr'): DecisionAid {
	const aid = getAid(ID, lang);
	if (aid === undefined) throw new Error('fixture aid missing');
	return aid;
}

function saved(choice: string | null): DecisionRecord {
	const built = buildDecisionRecord(
		aidOf('fr'),
		{
			aidId: ID,
			choice,
			reasons: 'Je veux d’abord marcher plus.',
			sliders: { 'daily-tablet': 90, 'small-benefit': 50 },
			questions: ['Peut-on refaire le calcul dans un an ?'],
			sure: { sure: false, understand: true, risks: true, encouragement: true },
			knowledge: {}
		},
		'2026-11-26'
	);
	if (!built.ok) throw new Error('fixture record invalid');
	return built.value;
}

describe('recordInLanguage', () => {
	it('takes the aid’s words from the reader’s language and keeps the person’s', () => {
		const en = aidOf('en');
		const record = saved('statin');
		const read = recordInLanguage(record, en);
		expect(read.aidLang).toBe('en');
		expect(read.aidTitle).toBe(en.title);
		expect(read.decision).toBe(en.decision);
		expect(read.choice).toEqual({
			kind: 'option',
			optionId: 'statin',
			label: en.options.find((o) => o.id === 'statin')?.label
		});
		const tablet = read.whatMattersMost.find((w) => w.valueId === 'daily-tablet');
		expect(tablet?.pole).toBe('I would rather not take a daily tablet');
		expect(read.whatMattersMost.find((w) => w.valueId === 'small-benefit')?.pole).toBeNull();
		expect(read.reasons).toBe(record.reasons);
		expect(read.questions).toEqual(record.questions);
		expect(read.sure).toEqual(record.sure);
		expect(read.date).toBe('2026-11-26');
	});

	it('keeps "not decided yet", and leaves the record as saved without the aid or with another', () => {
		const record = saved(null);
		expect(recordInLanguage(record, aidOf('en')).choice).toEqual({ kind: 'undecided' });
		expect(recordInLanguage(record, null)).toBe(record);
		expect(recordInLanguage(record, aidOf('fr'))).toBe(record);
		expect(recordInLanguage(record, { ...aidOf('en'), id: 'another-aid' })).toBe(record);
	});
});
