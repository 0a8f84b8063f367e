import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	displayUnit,
	fromCanonical,
	isPlausible,
	METRIC_DEFINITIONS,
	parseMeasurementInput,
	toCanonical,
	UNITS
} from '$lib/domain/journal/measurements';
import { classify } from '$lib/domain/journal/targets';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('measurement properties', () => {
	it('unit conversions round-trip within floating-point rounding', () => {
		fc.assert(
			fc.property(fc.constantFrom(...UNITS), finite, (unit, value) => {
				const tolerance = 1e-9 * Math.max(1, Math.abs(value));
				expect(Math.abs(fromCanonical(toCanonical(value, unit), unit) - value)).toBeLessThanOrEqual(
					tolerance
				);
				expect(Math.abs(toCanonical(fromCanonical(value, unit), unit) - value)).toBeLessThanOrEqual(
					tolerance
				);
			})
		);
	});

	it('conversions preserve order (a higher reading stays higher)', () => {
		fc.assert(
			fc.property(fc.constantFrom(...UNITS), finite, finite, (unit, a, b) => {
				fc.pre(a < b);
				expect(toCanonical(a, unit)).toBeLessThanOrEqual(toCanonical(b, unit));
			})
		);
	});

	it('a value is accepted exactly when its canonical value is within the plausible range', () => {
		const prefs = fc.record({
			weight: fc.constantFrom('kg' as const, 'lb' as const),
			glucose: fc.constantFrom('mmol/L' as const, 'mg/dL' as const),
			temperature: fc.constantFrom('celsius' as const, 'fahrenheit' as const)
		});
		const types = fc.constantFrom(
			'weight' as const,
			'glucose' as const,
			'temperature' as const,
			'spo2' as const,
			'heart-rate' as const,
			'peak-flow' as const
		);
		fc.assert(
			fc.property(
				types,
				prefs,
				fc.double({ min: -100, max: 2000, noNaN: true }),
				(type, preferences, value) => {
					const canonical = toCanonical(value, displayUnit(type, preferences));
					const result = parseMeasurementInput({ type, value }, preferences);
					expect(result.ok).toBe(isPlausible(type, canonical));
					const { min, max } = METRIC_DEFINITIONS[type];
					expect(result.ok).toBe(canonical >= min && canonical <= max);
				}
			)
		);
	});

	it('classification is monotone in the value', () => {
		const order = { below: 0, in: 1, above: 2 } as const;
		fc.assert(
			fc.property(
				finite,
				finite,
				fc.option(finite, { nil: null }),
				fc.option(finite, { nil: null }),
				(a, b, low, high) => {
					fc.pre(a <= b && (low === null || high === null || low < high));
					expect(order[classify(a, { low, high })]).toBeLessThanOrEqual(
						order[classify(b, { low, high })]
					);
				}
			)
		);
	});
});
