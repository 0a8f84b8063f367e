// Properties of the flags: each rule fires exactly when a plain reference evaluation of it holds,
// over random synthetic series; the list shown never has more than three flags and keeps the most
// serious first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allFlags,
	DAY_MS,
	FLAG_ORDER,
	flagsFor,
	type DueDose,
	type FlagInput,
	type SymptomPoint
} from '../../../src/lib/domain/care-team/flags';

const NOW = Date.UTC(2026, 11, 6, 12);
const WEEK = 7 * DAY_MS;

const base: FlagInput = {
	now: NOW,
	symptoms: [],
	doses: [],
	readings: [],
	targets: [],
	surveys: [],
	decisions: [],
	openQuestions: [],
	lastEntryAt: NOW,
	seenAt: null,
	noNewsDays: 7
};

const ageMs = fc.integer({ min: 0, max: 3 * WEEK });
const has = (input: FlagInput, kind: string) => allFlags(input).some((f) => f.kind === kind);
const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('flags (properties)', () => {
	it('doses-missed fires exactly when more than 20 % of at least 3 due doses were missed', () => {
		const dose = fc.record({
			age: ageMs,
			outcome: fc.constantFrom<DueDose['outcome']>('taken', 'late', 'skipped', 'missed')
		});
		fc.assert(
			fc.property(fc.array(dose, { maxLength: 30 }), (list) => {
				const doses = list.map((d, i) => ({ id: String(i), at: NOW - d.age, outcome: d.outcome }));
				const due = doses.filter((d) => d.at > NOW - WEEK && d.at <= NOW);
				const missed = due.filter((d) => d.outcome === 'skipped' || d.outcome === 'missed');
				const expected = due.length >= 3 && missed.length / due.length > 0.2;
				expect(has({ ...base, doses }, 'doses-missed')).toBe(expected);
			})
		);
	});

	it('symptom-rising fires exactly when the recent week averages 2 points above the one before', () => {
		const point = fc.record({ age: ageMs, severity: fc.integer({ min: 0, max: 10 }) });
		fc.assert(
			fc.property(fc.array(point, { maxLength: 20 }), (list) => {
				const symptoms: SymptomPoint[] = list.map((p, i) => ({
					id: String(i),
					at: NOW - p.age,
					symptom: 'fatigue',
					severity: p.severity
				}));
				const recent = symptoms.filter((p) => p.at > NOW - WEEK).map((p) => p.severity);
				const earlier = symptoms
					.filter((p) => p.at > NOW - 2 * WEEK && p.at <= NOW - WEEK)
					.map((p) => p.severity);
				const expected =
					recent.length >= 2 && earlier.length >= 2 && avg(recent) - avg(earlier) >= 2;
				expect(has({ ...base, symptoms }, 'symptom-rising')).toBe(expected);
			})
		);
	});

	it('out-of-range fires exactly when 3 readings of the week are outside the target', () => {
		const reading = fc.record({ age: ageMs, value: fc.integer({ min: 90, max: 190 }) });
		fc.assert(
			fc.property(fc.array(reading, { maxLength: 20 }), (list) => {
				const readings = list.map((r, i) => ({
					id: String(i),
					at: NOW - r.age,
					metric: 'systolic' as const,
					value: r.value
				}));
				const outside = readings.filter(
					(r) => r.at > NOW - WEEK && (r.value > 140 || r.value < 100)
				).length;
				const input: FlagInput = {
					...base,
					readings,
					targets: [
						{
							kind: 'target-range',
							at: NOW - 10 * WEEK,
							metric: 'systolic',
							low: 100,
							high: 140,
							setBy: 'person'
						}
					]
				};
				expect(has(input, 'out-of-range')).toBe(outside >= 3);
			})
		);
	});

	it('never shows more than three flags, most serious first, the head of all flags', () => {
		const input = fc.record({
			lastEntryAt: fc.option(fc.integer({ min: NOW - 30 * DAY_MS, max: NOW }), { nil: null }),
			decisions: fc.array(
				fc.record({ id: fc.uuid(), at: fc.integer({ min: NOW - 60 * DAY_MS, max: NOW }) }),
				{
					maxLength: 3
				}
			),
			openQuestions: fc.array(fc.record({ id: fc.uuid(), at: fc.constant(NOW) }), { maxLength: 2 }),
			surveys: fc.array(
				fc.record({
					id: fc.uuid(),
					at: fc.integer({ min: NOW - 90 * DAY_MS, max: NOW }),
					instrument: fc.constantFrom('phq-9', 'gad-7', 'who-5'),
					band: fc.integer({ min: 0, max: 4 })
				}),
				{ maxLength: 6 }
			),
			doses: fc.array(
				fc.record({
					id: fc.uuid(),
					at: fc.integer({ min: NOW - WEEK + 1, max: NOW }),
					outcome: fc.constantFrom<DueDose['outcome']>('taken', 'missed')
				}),
				{ maxLength: 8 }
			)
		});
		fc.assert(
			fc.property(input, (partial) => {
				const full: FlagInput = { ...base, ...partial };
				const shown = flagsFor(full);
				expect(shown.length).toBeLessThanOrEqual(3);
				expect(shown).toEqual(allFlags(full).slice(0, 3));
				const ranks = allFlags(full).map((f) => FLAG_ORDER.indexOf(f.kind));
				expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
			})
		);
	});
});
