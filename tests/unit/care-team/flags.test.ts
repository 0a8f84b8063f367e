// Flags on a person for "My people": each rule at its edges, with the evidence it names.
import { describe, expect, it } from 'vitest';
import {
	allFlags,
	DAY_MS,
	flagsFor,
	type FlagInput
} from '../../../src/lib/domain/care-team/flags';
import type { TargetRangeBody } from '../../../src/lib/domain/journal/targets';

const NOW = Date.UTC(2026, 11, 6, 12);
const daysAgo = (d: number): number => NOW - d * DAY_MS;

const quiet = (overrides: Partial<FlagInput> = {}): FlagInput => ({
	now: NOW,
	symptoms: [],
	doses: [],
	readings: [],
	targets: [],
	surveys: [],
	decisions: [],
	openQuestions: [],
	lastEntryAt: daysAgo(1),
	seenAt: daysAgo(20),
	noNewsDays: 7,
	...overrides
});

const target = (high: number): TargetRangeBody => ({
	kind: 'target-range',
	at: daysAgo(100),
	metric: 'systolic',
	low: null,
	high,
	setBy: 'care-team'
});

const kinds = (input: FlagInput) => allFlags(input).map((f) => f.kind);

describe('flags', () => {
	it('raises nothing for a quiet week', () => {
		expect(allFlags(quiet())).toEqual([]);
	});

	it('symptom rising: recent mean at least 2 points above the week before, 2 entries each', () => {
		const pain = (id: string, d: number, severity: number) => ({
			id,
			at: daysAgo(d),
			symptom: 'pain',
			severity
		});
		const rising = quiet({
			symptoms: [pain('a', 12, 3), pain('b', 9, 3), pain('c', 5, 5), pain('d', 1, 5)]
		});
		expect(allFlags(rising)).toEqual([
			{
				kind: 'symptom-rising',
				symptom: 'pain',
				earlierMean: 3,
				recentMean: 5,
				evidence: ['a', 'b', 'c', 'd']
			}
		]);
		const justUnder = quiet({
			symptoms: [pain('a', 12, 3), pain('b', 9, 3), pain('c', 5, 5), pain('d', 1, 4.9)]
		});
		expect(kinds(justUnder)).toEqual([]);
		const tooFew = quiet({ symptoms: [pain('a', 12, 1), pain('c', 5, 9), pain('d', 1, 9)] });
		expect(kinds(tooFew)).toEqual([]);
	});

	it('doses missed: more than 20 % of at least 3 due doses in 7 days', () => {
		const dose = (id: string, d: number, outcome: 'taken' | 'late' | 'skipped' | 'missed') => ({
			id,
			at: daysAgo(d),
			outcome
		});
		const fiveWithOne = [
			dose('1', 1, 'taken'),
			dose('2', 2, 'late'),
			dose('3', 3, 'taken'),
			dose('4', 4, 'taken'),
			dose('5', 5, 'missed')
		];
		expect(kinds(quiet({ doses: fiveWithOne }))).toEqual([]);
		const fiveWithTwo = [
			...fiveWithOne.slice(0, 4),
			dose('5', 5, 'missed'),
			dose('6', 6, 'skipped')
		];
		expect(allFlags(quiet({ doses: fiveWithTwo }))).toEqual([
			{ kind: 'doses-missed', missed: 2, due: 6, evidence: ['5', '6'] }
		]);
		const oneOfFour = [...fiveWithOne.slice(0, 3), dose('5', 5, 'skipped')];
		expect(kinds(quiet({ doses: oneOfFour }))).toEqual(['doses-missed']);
		const outsideWindow = [dose('1', 8, 'missed'), dose('2', 9, 'missed'), dose('3', 10, 'missed')];
		expect(kinds(quiet({ doses: outsideWindow }))).toEqual([]);
	});

	it('out of range: 3 readings outside the target in force, within 7 days', () => {
		const reading = (id: string, d: number, value: number) => ({
			id,
			at: daysAgo(d),
			metric: 'systolic' as const,
			value
		});
		const input = quiet({
			targets: [target(140)],
			readings: [
				reading('r1', 1, 150),
				reading('r2', 2, 141),
				reading('r3', 3, 140),
				reading('r4', 6, 160)
			]
		});
		expect(allFlags(input)).toEqual([
			{
				kind: 'out-of-range',
				metric: 'systolic',
				outside: 3,
				readings: 4,
				evidence: ['r1', 'r2', 'r4']
			}
		]);
		expect(kinds({ ...input, targets: [] })).toEqual([]);
		expect(kinds({ ...input, readings: input.readings.slice(0, 3) })).toEqual([]);
	});

	it('survey worse: the latest score in a worse band than the one before', () => {
		const score = (id: string, d: number, band: number) => ({
			id,
			at: daysAgo(d),
			instrument: 'phq-9',
			band
		});
		expect(allFlags(quiet({ surveys: [score('s1', 30, 1), score('s2', 2, 2)] }))).toEqual([
			{
				kind: 'survey-worse',
				instrument: 'phq-9',
				previousBand: 1,
				band: 2,
				evidence: ['s1', 's2']
			}
		]);
		expect(kinds(quiet({ surveys: [score('s1', 30, 2), score('s2', 2, 2)] }))).toEqual([]);
		expect(kinds(quiet({ surveys: [score('s2', 2, 4)] }))).toEqual([]);
	});

	it('new decision records since the last visit; open questions; no news', () => {
		const input = quiet({
			decisions: [
				{ id: 'd-old', at: daysAgo(30) },
				{ id: 'd-new', at: daysAgo(3) }
			],
			openQuestions: [{ id: 'q1', at: daysAgo(2) }]
		});
		expect(allFlags(input)).toEqual([
			{ kind: 'new-decision', count: 1, evidence: ['d-new'] },
			{ kind: 'open-question', count: 1, evidence: ['q1'] }
		]);
		expect(allFlags(quiet({ lastEntryAt: daysAgo(9) }))).toEqual([
			{ kind: 'no-news', days: 9, evidence: [] }
		]);
		expect(kinds(quiet({ lastEntryAt: daysAgo(7) }))).toEqual([]);
		expect(kinds(quiet({ lastEntryAt: null }))).toEqual(['no-news']);
	});

	it('shows at most three flags, the most serious first', () => {
		const input = quiet({
			lastEntryAt: daysAgo(30),
			decisions: [{ id: 'd', at: daysAgo(1) }],
			openQuestions: [{ id: 'q', at: daysAgo(1) }],
			surveys: [
				{ id: 's1', at: daysAgo(40), instrument: 'gad-7', band: 0 },
				{ id: 's2', at: daysAgo(1), instrument: 'gad-7', band: 3 }
			],
			doses: [
				{ id: '1', at: daysAgo(1), outcome: 'missed' },
				{ id: '2', at: daysAgo(2), outcome: 'missed' },
				{ id: '3', at: daysAgo(3), outcome: 'taken' }
			]
		});
		expect(kinds(input)).toEqual([
			'survey-worse',
			'doses-missed',
			'no-news',
			'new-decision',
			'open-question'
		]);
		expect(flagsFor(input).map((f) => f.kind)).toEqual(['survey-worse', 'doses-missed', 'no-news']);
	});
});
