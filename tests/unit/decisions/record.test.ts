import { describe, expect, it } from 'vitest';
import { getAid } from '$lib/content/load';
import {
	buildDecisionRecord,
	decisionRecordSchema,
	type DecisionAnswers
} from '$lib/domain/decisions/record';

const aid = getAid('statin-primary-prevention', 'en');

/** Answers of a person who leans against daily tablets and is not yet sure. */
function answers(overrides: Partial<DecisionAnswers> = {}): DecisionAnswers {
	return {
		aidId: 'statin-primary-prevention',
		choice: null,
		reasons: '  I want to try walking more first.  ',
		sliders: { 'daily-tablet': 90, 'small-benefit': 40, 'side-effects': 50 },
		questions: ['Can we check my risk again in a year?', '   '],
		sure: { sure: false, understand: true, risks: true, encouragement: true },
		knowledge: { baseline: 1, aches: 0, 'change-mind': 0 },
		...overrides
	};
}

describe('buildDecisionRecord', () => {
	if (aid === undefined) throw new Error('fixture aid missing');

	it('records "not decided yet", the reasons, questions, SURE score and date', () => {
		const result = buildDecisionRecord(aid, answers(), '2026-11-26');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const record = result.value;
		expect(decisionRecordSchema.parse(record)).toEqual(record);
		expect(record.choice).toEqual({ kind: 'undecided' });
		expect(record.reasons).toBe('I want to try walking more first.');
		expect(record.questions).toEqual(['Can we check my risk again in a year?']);
		expect(record.sure.score).toBe(3);
		expect(record.sure.needsDiscussion).toBe(true);
		expect(record.date).toBe('2026-11-26');
		expect(record.aidLastReviewed).toBe(aid.lastReviewed);
		expect(record.knowledge).toEqual({ correct: 2, total: 3 });
	});

	it('orders what matters most by strength, naming the pole the person leans to', () => {
		const result = buildDecisionRecord(aid, answers(), '2026-11-26');
		if (!result.ok) throw new Error('expected a record');
		expect(result.value.whatMattersMost.map((w) => [w.valueId, w.leaning, w.strength])).toEqual([
			['daily-tablet', 'right', 40],
			['small-benefit', 'left', 10],
			['side-effects', 'neither', 0]
		]);
		expect(result.value.whatMattersMost[0]?.pole).toBe('I would rather not take a daily tablet');
	});

	it('records the chosen option with its label', () => {
		const result = buildDecisionRecord(aid, answers({ choice: 'statin' }), '2026-11-26');
		expect(result.ok && result.value.choice).toEqual({
			kind: 'option',
			optionId: 'statin',
			label: 'Take a statin'
		});
	});

	it('refuses unknown options, unknown sliders, another aid and a bad date', () => {
		expect(buildDecisionRecord(aid, answers({ choice: 'surgery' }), '2026-11-26')).toEqual({
			ok: false,
			error: { type: 'unknown-option', optionId: 'surgery' }
		});
		expect(buildDecisionRecord(aid, answers({ sliders: { mood: 10 } }), '2026-11-26')).toEqual({
			ok: false,
			error: { type: 'unknown-slider', sliderId: 'mood' }
		});
		expect(buildDecisionRecord(aid, answers({ aidId: 'other' }), '2026-11-26').ok).toBe(false);
		expect(buildDecisionRecord(aid, answers(), '26/11/2026')).toEqual({
			ok: false,
			error: { type: 'invalid-date', date: '26/11/2026' }
		});
	});
});
