// The reminders manager's clocks under fake timers: one alert to the next unacknowledged ring,
// clamped to the platform's longest delay; uploads debounced; and what rings at a given minute.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReminderOccurrence } from '$lib/domain/reminders';
import { dueAt, missedAt, nextRing } from '$lib/domain/reminders/ringing';
import {
	armNextAlert,
	browserTimers,
	createDebounce,
	MAX_TIMEOUT_MS
} from '$lib/state/reminder-timers';

const START = Date.UTC(2026, 2, 2, 8);
const MINUTE = 60_000;

const ring = (sourceRef: string, fireAt: number): ReminderOccurrence => ({
	opaqueId: `op-${sourceRef}-${String(fireAt)}`,
	kind: 'medication',
	sourceRef,
	dueAt: fireAt,
	fireAt
});

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(START);
});
afterEach(() => {
	vi.useRealTimers();
});

describe('the alert timer', () => {
	it('fires once, at the next ring that is not acknowledged', () => {
		const rang: string[] = [];
		const occurrences = [ring('a', START + 5 * MINUTE), ring('b', START + 10 * MINUTE)];
		armNextAlert(browserTimers, occurrences, new Set(['a']), (o) => rang.push(o.sourceRef));
		vi.advanceTimersByTime(5 * MINUTE);
		expect(rang).toEqual([]);
		vi.advanceTimersByTime(5 * MINUTE);
		expect(rang).toEqual(['b']);
		vi.advanceTimersByTime(60 * MINUTE);
		expect(rang).toEqual(['b']);
	});

	it('arms nothing when nothing is ahead, and disarms on demand', () => {
		const rang: string[] = [];
		armNextAlert(browserTimers, [ring('a', START - MINUTE)], new Set(), (o) =>
			rang.push(o.sourceRef)
		);
		const disarm = armNextAlert(browserTimers, [ring('b', START + MINUTE)], new Set(), (o) =>
			rang.push(o.sourceRef)
		);
		disarm();
		vi.advanceTimersByTime(10 * MINUTE);
		expect(rang).toEqual([]);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('clamps a ring beyond the longest delay', () => {
		const far = ring('far', START + MAX_TIMEOUT_MS + 10 * MINUTE);
		const rang: number[] = [];
		armNextAlert(browserTimers, [far], new Set(), () => rang.push(Date.now()));
		vi.advanceTimersByTime(MAX_TIMEOUT_MS);
		expect(rang).toEqual([START + MAX_TIMEOUT_MS]);
	});
});

describe('the upload debounce', () => {
	it('runs once, after the last change settles', () => {
		let runs = 0;
		const upload = createDebounce(browserTimers, 2000, () => {
			runs++;
		});
		upload.schedule();
		vi.advanceTimersByTime(1500);
		upload.schedule();
		vi.advanceTimersByTime(1500);
		expect(runs).toBe(0);
		vi.advanceTimersByTime(500);
		expect(runs).toBe(1);
		upload.schedule();
		upload.cancel();
		vi.advanceTimersByTime(5000);
		expect(runs).toBe(1);
	});
});

describe('what rings at a given minute', () => {
	it('lists soon, due and missed rings once per source, the latest kept', () => {
		const now = START;
		const occurrences = [
			ring('soon', now + 30 * MINUTE),
			ring('due', now - 20 * MINUTE),
			ring('late', now - 3 * 60 * MINUTE),
			ring('late', now - 2 * 60 * MINUTE),
			ring('old', now - 13 * 60 * MINUTE)
		];
		expect(
			dueAt(occurrences, new Set(), now).map((r) => [r.occurrence.sourceRef, r.state])
		).toEqual([
			['late', 'missed'],
			['due', 'due'],
			['soon', 'soon']
		]);
		expect(
			missedAt(occurrences, new Set(['due']), now - 3 * 60 * MINUTE + 1, now).map(
				(o) => o.sourceRef
			)
		).toEqual(['late']);
		expect(nextRing(occurrences, new Set(['soon']), now)).toBeUndefined();
	});
});
