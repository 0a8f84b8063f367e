// The generation context shared by the sample person's parts: seeded draws, her local clock,
// and the sink that turns bodies into entries.
// Invariant: all times come from `at(day, time)` in her zone, so every part agrees on her days.
import type { Prng } from './prng';
import type { JournalBody, JournalEntry } from './records';
import type { SampleTexts } from './sample-person-texts';

export const MINUTE = 60_000;
/** The day Dr Martin switches her from ramipril to amlodipine (dry cough). */
export const SWITCH_DAY = 20;

export interface SampleContext {
	readonly rng: Prng;
	readonly now: number;
	readonly days: number;
	readonly firstDate: string;
	readonly zone: string;
	readonly texts: SampleTexts;
	readonly add: (body: JournalBody) => JournalEntry;
	/** Local time on day `day` (0 = first day), shifted by `jitterMinutes`. */
	readonly at: (day: number, time: string, jitterMinutes?: number) => number;
	/** 0 on the first day, 1 today. */
	readonly progress: (day: number) => number;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;
export const clamp = (value: number, min: number, max: number): number =>
	Math.min(max, Math.max(min, value));
