// Values carry their units and times read one way per language (issue 11, item 9): a check-in's
// value with its goal's unit, a medicine's strength, and schedule times formatted like every
// other time ("8:30 PM" in English, "20:30" in French), never the stored "20:30" as is.
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import { formatTime, formatTimeOfDay } from '$lib/ui/format';
import { checkInValueText, scheduleText, strengthText } from '$lib/ui/journal/entry-text';

const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

describe.each(['en', 'fr'] as const)('in %s', (locale) => {
	const fr = locale === 'fr';

	it('gives a check-in value the unit of its goal', () => {
		overwriteGetLocale(() => locale);
		const walk = { type: 'frequency', amount: 30, unit: 'minutes', daysPerWeek: 5 } as const;
		const pressure = {
			type: 'measurement',
			metric: 'systolic',
			comparison: 'at-most',
			value: 140
		} as const;
		expect(checkInValueText(35, walk, METRIC_UNITS)).toBe('35 minutes');
		expect(checkInValueText(132, pressure, METRIC_UNITS)).toBe('132 mmHg');
		expect(checkInValueText(2.5, null, METRIC_UNITS)).toBe(fr ? '2,5' : '2.5');
	});

	it('shows a medicine strength as on the box', () => {
		overwriteGetLocale(() => locale);
		expect(strengthText({ amount: 10, unit: 'mg' })).toBe('10 mg');
		expect(strengthText({ amount: 0.5, unit: 'mg' })).toBe(fr ? '0,5 mg' : '0.5 mg');
	});

	it('writes schedule times like every other time of the same language', () => {
		overwriteGetLocale(() => locale);
		const evening = new Date(2025, 2, 3, 20, 30);
		expect(formatTimeOfDay('20:30')).toBe(formatTime(evening));
		expect(formatTimeOfDay('20:30')).toBe(fr ? '20:30' : '8:30 PM');
		const summary = scheduleText({ type: 'daily', times: ['08:00', '20:30'] });
		expect(summary).toContain(formatTime(evening));
		expect(summary).toContain(formatTime(new Date(2025, 2, 3, 8, 0)));
	});
});
