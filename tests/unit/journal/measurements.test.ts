import { describe, expect, it } from 'vitest';
import {
	defaultUnitPreferences,
	fromCanonical,
	measurementValueSchema,
	METRIC_UNITS,
	parseMeasurementInput,
	plausibleRangeIn,
	toDisplay,
	toCanonical
} from '$lib/domain/journal/measurements';
import {
	classify,
	classifySeries,
	targetAt,
	targetRangeBodySchema,
	targetSegments
} from '$lib/domain/journal/targets';
import { parseWith } from '$lib/domain/journal/common';

const US = { weight: 'lb', glucose: 'mg/dL', temperature: 'fahrenheit' } as const;

describe('unit conversions', () => {
	it('converts with the published factors', () => {
		expect(toCanonical(180.16, 'mg/dL')).toBeCloseTo(10, 1);
		expect(fromCanonical(5.5, 'mg/dL')).toBeCloseTo(99.088, 3);
		expect(toCanonical(220.462, 'lb')).toBeCloseTo(100, 2);
		expect(toCanonical(98.6, 'fahrenheit')).toBeCloseTo(37, 6);
		expect(fromCanonical(-40, 'fahrenheit')).toBeCloseTo(-40, 9);
	});

	it('chooses US customary defaults only for the United States', () => {
		expect(defaultUnitPreferences('en-US')).toEqual(US);
		expect(defaultUnitPreferences('en-GB')).toEqual(METRIC_UNITS);
		expect(defaultUnitPreferences('fr')).toEqual(METRIC_UNITS);
	});
});

describe('display in preferred units', () => {
	it('shows canonical values in the person’s units', () => {
		expect(toDisplay('weight', 70, US).unit).toBe('lb');
		expect(toDisplay('weight', 70, US).value).toBeCloseTo(154.324, 3);
		expect(toDisplay('glucose', 5, METRIC_UNITS)).toEqual({ value: 5, unit: 'mmol/L' });
		expect(toDisplay('systolic', 130, US)).toEqual({ value: 130, unit: 'mmHg' });
	});
});

describe('plausible ranges', () => {
	it('refuses a 1200 kg typo with the weight range key and its bounds', () => {
		const result = parseWith(measurementValueSchema, { type: 'weight', value: 1200 });
		expect(result.ok ? [] : result.error).toEqual([
			{
				path: 'value',
				error: { type: 'range', field: 'weight', min: 2, max: 350, unit: 'kg' },
				key: 'journal_error_weight_range',
				params: { min: 2, max: 350, unit: 'kg' }
			}
		]);
	});

	it('accepts the bounds and refuses just outside them', () => {
		const cases = [
			['temperature', 30, 45],
			['glucose', 0.5, 50],
			['spo2', 50, 100],
			['heart-rate', 20, 300],
			['peak-flow', 50, 1000],
			['steps', 0, 200_000]
		] as const;
		for (const [type, min, max] of cases) {
			expect(measurementValueSchema.safeParse({ type, value: min }).success).toBe(true);
			expect(measurementValueSchema.safeParse({ type, value: max }).success).toBe(true);
			expect(measurementValueSchema.safeParse({ type, value: min - 0.1 }).success).toBe(false);
			expect(measurementValueSchema.safeParse({ type, value: max + 0.1 }).success).toBe(false);
		}
		expect(measurementValueSchema.safeParse({ type: 'steps', value: 10.5 }).success).toBe(false);
	});

	it('requires systolic above diastolic', () => {
		const result = parseWith(measurementValueSchema, {
			type: 'blood-pressure',
			systolic: 80,
			diastolic: 120
		});
		expect(result.ok ? [] : result.error.map((e) => [e.path, e.key])).toEqual([
			['systolic', 'journal_error_bp_systolic_not_above_diastolic']
		]);
		expect(
			measurementValueSchema.safeParse({
				type: 'blood-pressure',
				systolic: 300,
				diastolic: 20,
				pulse: 70
			}).success
		).toBe(true);
		expect(
			measurementValueSchema.safeParse({ type: 'blood-pressure', systolic: 301, diastolic: 90 })
				.success
		).toBe(false);
	});

	it('converts input in the person’s units and reports ranges in those units', () => {
		const weight = parseMeasurementInput({ type: 'weight', value: 154 }, US);
		expect(weight.ok && weight.value.type === 'weight' && weight.value.value).toBeCloseTo(
			69.853,
			3
		);
		const glucose = parseMeasurementInput({ type: 'glucose', value: 126, context: 'fasting' }, US);
		expect(glucose.ok && glucose.value.type === 'glucose' && glucose.value.value).toBeCloseTo(
			6.994,
			3
		);
		const typo = parseMeasurementInput({ type: 'weight', value: 1540 }, US);
		const range = plausibleRangeIn('weight', 'lb');
		expect(typo.ok ? [] : typo.error).toEqual([
			{
				path: 'value',
				error: { type: 'range', field: 'weight', ...range, unit: 'lb' },
				key: 'journal_error_weight_range',
				params: { ...range, unit: 'lb' }
			}
		]);
		expect(range.max).toBeCloseTo(350 / 0.45359237, 0);
		const bp = parseMeasurementInput(
			{ type: 'blood-pressure', systolic: 135, diastolic: 85, pulse: 72 },
			US
		);
		expect(bp).toEqual({
			ok: true,
			value: { type: 'blood-pressure', systolic: 135, diastolic: 85, pulse: 72 }
		});
	});
});

describe('target ranges', () => {
	const base = { kind: 'target-range', at: 1000, metric: 'systolic', setBy: 'care-team' } as const;

	it('classifies values with inclusive bounds and open sides', () => {
		const target = { low: 100, high: 135 };
		expect([99, 100, 120, 135, 136].map((v) => classify(v, target))).toEqual([
			'below',
			'in',
			'in',
			'in',
			'above'
		]);
		expect(classify(200, { low: 100, high: null })).toBe('in');
		expect(classify(5, { low: null, high: 7 })).toBe('in');
	});

	it('validates bounds', () => {
		const keys = (input: object) => {
			const result = parseWith(targetRangeBodySchema, { ...base, ...input });
			return result.ok ? [] : result.error.map((e) => e.key);
		};
		expect(keys({ low: null, high: null })).toEqual(['journal_error_target_bound_required']);
		expect(keys({ low: 140, high: 120 })).toEqual(['journal_error_target_low_not_below_high']);
		expect(keys({ low: null, high: 900 })).toEqual(['journal_error_systolic_range']);
		expect(keys({ low: null, high: 135 })).toEqual([]);
	});

	it('uses the target in force at each reading', () => {
		const first = { ...base, at: 1000, low: null, high: 140 };
		const tighter = { ...base, at: 5000, low: null, high: 130 };
		expect(targetAt([tighter, first], 'systolic', 3000)).toBe(first);
		expect(targetAt([tighter, first], 'systolic', 6000)).toBe(tighter);
		expect(targetAt([tighter, first], 'systolic', 500)).toBeNull();
		const counts = classifySeries(
			[
				{ at: 500, value: 150 },
				{ at: 2000, value: 135 },
				{ at: 6000, value: 135 }
			],
			[first, tighter],
			'systolic'
		);
		expect(counts).toEqual({ below: 0, in: 1, above: 1, untargeted: 1 });
	});

	it('splits a chart window into target segments', () => {
		const first = { ...base, at: 1000, low: null, high: 140 };
		const tighter = { ...base, at: 5000, low: 90, high: 130 };
		const diastolic = { ...base, metric: 'diastolic', at: 2000, low: null, high: 90 } as const;
		expect(targetSegments([tighter, diastolic, first], 'systolic', 0, 8000)).toEqual([
			{ fromMs: 1000, toMs: 5000, low: null, high: 140 },
			{ fromMs: 5000, toMs: 8000, low: 90, high: 130 }
		]);
		expect(targetSegments([tighter, first], 'systolic', 6000, 8000)).toEqual([
			{ fromMs: 6000, toMs: 8000, low: 90, high: 130 }
		]);
	});
});
