// The sample person: three months of plausible data for Monique Durand, 67, living with high
// blood pressure and type 2 diabetes (and a painful knee), so a newcomer sees a living app.
// Why: "try with a sample person" fills a separate demo vault; the data must look real (trends,
// gaps, late and skipped doses with reasons, goals in her own words) yet be reproducible.
// Invariants: deterministic for (seed, now, locale, timeZone, id factory); every entry parses
// with the journal schemas and no time is after `now`; each id comes from `newId(at)` so its
// UUIDv7 timestamp is the record's time; entries are sorted by time.
import { createPrng } from './prng';
import { METRIC_UNITS } from './measurements';
import { changeGoalStatus, newGoal, type GoalBody } from './goals';
import { toEntry, type JournalEntry } from './records';
import { clamp, MINUTE, round1, SWITCH_DAY, type SampleContext } from './sample-person-context';
import { sampleMedications, scheduledDoses } from './sample-person-medications';
import { SAMPLE_TEXTS, type SampleLocale } from './sample-person-texts';
import type { IdFactory } from '../ids';
import { addDays, localDateOf, weekdayOf, zonedToInstant } from '../time/zoned';

export interface SamplePersonOptions {
	readonly seed: number;
	readonly now: number;
	readonly locale: SampleLocale;
	readonly newId: IdFactory;
	/** Her zone; defaults to Europe/Paris (she lives in France). */
	readonly timeZone?: string;
	/** Days of history, at least 60; defaults to 91 (three months). */
	readonly days?: number;
}

export interface SampleProfile {
	readonly name: string;
	readonly age: number;
	readonly conditions: readonly string[];
	readonly timeZone: string;
	readonly locale: SampleLocale;
}

export interface SamplePerson {
	readonly profile: SampleProfile;
	readonly entries: readonly JournalEntry[];
}

const measurements = (ctx: SampleContext): void => {
	const { rng } = ctx;
	for (let day = 0; day < ctx.days; day += 1) {
		const t = ctx.progress(day);
		for (const [time, jitter] of [
			['07:30', 20],
			['19:30', 30]
		] as const) {
			if (!rng.chance(0.92)) continue;
			const diastolic = Math.round(clamp(rng.normal(92 - 8 * t, 4), 60, 110));
			const systolic = Math.round(clamp(rng.normal(152 - 16 * t, 6), diastolic + 25, 190));
			ctx.add({
				kind: 'measurement',
				at: ctx.at(day, time, rng.int(-jitter, jitter)),
				measurement: {
					type: 'blood-pressure',
					systolic,
					diastolic,
					pulse: Math.round(clamp(rng.normal(72, 5), 55, 100))
				}
			});
		}
		if (rng.chance(5 / 7)) {
			const value = round1(clamp(rng.normal(8.2 - t, 0.5), 4.5, 14));
			ctx.add({
				kind: 'measurement',
				at: ctx.at(day, '07:15', rng.int(-10, 10)),
				measurement: { type: 'glucose', value, context: 'fasting' }
			});
		}
		if (rng.chance(2 / 7)) {
			const value = round1(clamp(rng.normal(9.8 - 1.2 * t, 0.8), 5, 16));
			ctx.add({
				kind: 'measurement',
				at: ctx.at(day, '14:00', rng.int(-15, 15)),
				measurement: { type: 'glucose', value, context: 'after-meal' }
			});
		}
		if (weekdayOf(addDays(ctx.firstDate, day)) === 1) {
			ctx.add({
				kind: 'measurement',
				at: ctx.at(day, '07:05', rng.int(-5, 5)),
				measurement: { type: 'weight', value: round1(79 - 1.4 * t + rng.normal(0, 0.25)) }
			});
		}
		if (rng.chance(0.85)) {
			ctx.add({
				kind: 'measurement',
				at: ctx.at(day, '21:00', rng.int(0, 40)),
				measurement: {
					type: 'steps',
					value: Math.round(clamp(rng.normal(3200 + 2600 * t, 900), 300, 15_000))
				}
			});
		}
	}
};

const symptomsAndMood = (ctx: SampleContext, paracetamolId: string, tinglingId: string): void => {
	const { rng, texts } = ctx;
	const severity = (mean: number, sd: number, min = 0, max = 10) =>
		Math.round(clamp(rng.normal(mean, sd), min, max));
	for (let day = 0; day < ctx.days; day += 1) {
		const t = ctx.progress(day);
		if (rng.chance(0.45)) {
			ctx.add({
				kind: 'symptom',
				at: ctx.at(day, '15:00', rng.int(-60, 60)),
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: severity(5.2 - 2 * t, 1.2)
			});
		}
		if (rng.chance(0.35)) {
			const at = ctx.at(day, '18:00', rng.int(-90, 60));
			const pain = severity(4.5, 1.3, 1, 9);
			ctx.add({
				kind: 'symptom',
				at,
				symptom: { source: 'catalogue', id: 'pain' },
				severity: pain,
				bodyLocations: ['left-knee']
			});
			if (pain >= 5 && rng.chance(0.6)) {
				const takenAt = at + rng.int(5, 30) * MINUTE;
				ctx.add({
					kind: 'dose',
					at: takenAt,
					medicationId: paracetamolId,
					slotId: null,
					scheduledAt: null,
					status: 'taken',
					takenAt,
					amount: { amount: 2, unit: 'tablet' }
				});
			}
		}
		if (day >= 3 && day <= SWITCH_DAY + 6 && rng.chance(0.6)) {
			const mean = day <= SWITCH_DAY ? 4 : 4 - (day - SWITCH_DAY) * 0.6;
			ctx.add({
				kind: 'symptom',
				at: ctx.at(day, '10:00', rng.int(-60, 60)),
				symptom: { source: 'catalogue', id: 'cough' },
				severity: severity(mean, 1)
			});
		}
		if (day > 0 && rng.chance(0.1)) {
			ctx.add({
				kind: 'symptom',
				at: ctx.at(day, '22:00', rng.int(-30, 30)),
				symptom: { source: 'custom', customSymptomId: tinglingId, name: texts.customSymptom },
				severity: rng.int(2, 3)
			});
		}
		if (rng.chance(0.65)) {
			ctx.add({
				kind: 'mood',
				at: ctx.at(day, '20:30', rng.int(-30, 30)),
				level: Math.round(clamp(rng.normal(3.3 + 0.6 * t, 0.7), 1, 5))
			});
		}
	}
};

const goals = (ctx: SampleContext): void => {
	const { rng, texts } = ctx;
	const created = ctx.at(1, '10:00');
	const walk = ctx.add(
		newGoal({
			text: texts.goalWalk,
			why: texts.goalWalkWhy,
			at: created,
			checkInEvery: 'weekly',
			target: {
				type: 'frequency',
				activity: texts.goalWalkActivity,
				amount: 20,
				unit: 'minutes',
				daysPerWeek: 5
			}
		})
	);
	const pressure = ctx.add(
		newGoal({
			text: texts.goalPressure,
			at: created + MINUTE,
			checkInEvery: 'weekly',
			target: { type: 'measurement', metric: 'systolic', comparison: 'at-most', value: 140 }
		})
	);
	const sleepGoal: GoalBody = newGoal({
		text: texts.goalSleep,
		at: created + 2 * MINUTE,
		checkInEvery: 'weekly'
	});
	const paused = changeGoalStatus(sleepGoal, 'paused', ctx.at(42, '21:00'));
	const sleep = ctx.add(paused.ok ? paused.value : sleepGoal);

	for (let day = 2; day < ctx.days; day += 1) {
		const t = ctx.progress(day);
		const confidence = Math.round(clamp(rng.normal(4 + 4 * t, 1), 0, 10));
		const weekday = weekdayOf(addDays(ctx.firstDate, day));
		if (rng.chance(0.7)) {
			ctx.add({
				kind: 'goal-checkin',
				at: ctx.at(day, '11:00', rng.int(-60, 60)),
				goalId: walk.id,
				value: Math.round(clamp(rng.normal(8 + 18 * t, 4), 3, 60)),
				confidence
			});
		}
		if (weekday === 6) {
			const progress = Math.round(clamp(rng.normal(20 + 65 * t, 6), 0, 100));
			ctx.add({
				kind: 'goal-checkin',
				at: ctx.at(day, '12:30', rng.int(-20, 20)),
				goalId: walk.id,
				progress,
				confidence,
				note: texts.checkInNotes[progress < 45 ? 0 : progress < 80 ? 1 : 2]
			});
		}
		if (weekday === 7) {
			ctx.add({
				kind: 'goal-checkin',
				at: ctx.at(day, '18:00', rng.int(-30, 30)),
				goalId: pressure.id,
				progress: Math.round(clamp(rng.normal(25 + 50 * t, 8), 0, 100)),
				confidence
			});
			if (day < 42) {
				ctx.add({
					kind: 'goal-checkin',
					at: ctx.at(day, '18:05', rng.int(0, 10)),
					goalId: sleep.id,
					progress: Math.round(clamp(rng.normal(35, 8), 0, 100)),
					confidence: Math.round(clamp(rng.normal(4, 1), 0, 10))
				});
			}
		}
	}
};

const notes = (ctx: SampleContext): void => {
	const [switchNote, walkNote, bloodTest, noCough] = ctx.texts.notes;
	ctx.add({ kind: 'note', at: ctx.at(SWITCH_DAY, '11:35'), text: switchNote });
	ctx.add({ kind: 'note', at: ctx.at(SWITCH_DAY + 9, '19:00'), text: noCough });
	ctx.add({ kind: 'note', at: ctx.at(35, '17:10'), text: walkNote });
	ctx.add({ kind: 'note', at: ctx.at(50, '09:40'), text: bloodTest });
};

/** Generates Monique Durand's journal. Pure: same options, same output. */
export const generateSamplePerson = (options: SamplePersonOptions): SamplePerson => {
	const zone = options.timeZone ?? 'Europe/Paris';
	const days = Math.max(60, Math.floor(options.days ?? 91));
	const firstDate = addDays(localDateOf(options.now, zone), 1 - days);
	const texts = SAMPLE_TEXTS[options.locale];
	const entries: JournalEntry[] = [];
	const ctx: SampleContext = {
		rng: createPrng(options.seed),
		now: options.now,
		days,
		firstDate,
		zone,
		texts,
		add: (body) => {
			const entry = toEntry(options.newId(body.at), body);
			if (body.at <= options.now) entries.push(entry);
			return entry;
		},
		at: (day, time, jitterMinutes = 0) =>
			zonedToInstant(addDays(firstDate, day), time, zone) + jitterMinutes * MINUTE,
		progress: (day) => day / (days - 1)
	};

	const setupAt = ctx.at(0, '08:55');
	ctx.add({ kind: 'unit-preferences', at: setupAt, ...METRIC_UNITS });
	const targetBase = {
		kind: 'target-range',
		at: setupAt,
		setBy: 'care-team',
		setByName: 'Dr Martin'
	} as const;
	ctx.add({ ...targetBase, metric: 'systolic', low: null, high: 140 });
	ctx.add({ ...targetBase, metric: 'diastolic', low: null, high: 90 });
	ctx.add({ ...targetBase, metric: 'glucose', low: 4.4, high: 7.2 });
	const tingling = ctx.add({
		kind: 'custom-symptom',
		at: setupAt + MINUTE,
		name: texts.customSymptom,
		usesBodyLocation: false,
		archived: false
	});

	const meds = sampleMedications(ctx);
	scheduledDoses(ctx, meds);
	measurements(ctx);
	for (const med of meds) {
		if (med.body.schedule.type === 'as-needed') symptomsAndMood(ctx, med.id, tingling.id);
	}
	goals(ctx);
	notes(ctx);

	return {
		profile: {
			name: 'Monique Durand',
			age: 67,
			conditions: [texts.hypertension, texts.diabetes, texts.kneePain],
			timeZone: zone,
			locale: options.locale
		},
		entries: entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
	};
};
