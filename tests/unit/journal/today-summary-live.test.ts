// "The last 7 days" on Today stays current (issue 11 §6): an entry saved after the screen last read
// its clock (it ticks once a minute) is counted at once, since the summary covers whole local days;
// tomorrow's entries (a clock set wrong) are not.
import { describe, expect, it } from 'vitest';
import { summariseDays } from '$lib/domain/journal/today';
import { toEntry } from '$lib/domain/journal/records';

const PARIS = 'Europe/Paris';
// The screen read its clock at 12:30:00 in Paris.
const SCREEN_NOW = Date.parse('2025-06-16T10:30:00Z');

const pain = (id: string, at: number) =>
	toEntry(id, {
		kind: 'symptom',
		at,
		symptom: { source: 'catalogue', id: 'pain' },
		severity: 6
	});

describe('the last 7 days on Today', () => {
	it('counts a pain entry saved 40 seconds after the screen read its clock', () => {
		const summary = summariseDays([pain('1', SCREEN_NOW + 40_000)], SCREEN_NOW, 7, PARIS);
		expect(summary.entryCount).toBe(1);
		expect(summary.symptoms.map((s) => [s.key, s.count])).toEqual([['pain', 1]]);
	});

	it('still leaves out what is dated tomorrow', () => {
		const tomorrow = Date.parse('2025-06-16T22:30:00Z'); // 00:30 on 17 June in Paris
		expect(summariseDays([pain('1', tomorrow)], SCREEN_NOW, 7, PARIS).entryCount).toBe(0);
	});
});
