// The sample person: three months of plausible data for Mireille, 67, living with hypertension and
// type 2 diabetes, written into the separate demo vault so a newcomer sees a living app at once.
// Why here: the domain's generator had not landed when the journal UI was built; this one builds
// bodies with the domain's types and commits them through the vault like any other write.
// Invariants: deterministic for a given `now` and seed (mulberry32); every body is valid for its
// kind's schema; ids are UUIDv7 with the record's own time; commits go in batches of ~1,000 ops.
import type { GoalBody, GoalCheckInBody } from '$lib/domain/journal/goals';
import type { MeasurementBody } from '$lib/domain/journal/measurements';
import type { DoseBody, MedicationBody } from '$lib/domain/journal/medications';
import { kindToCategory, type JournalBody } from '$lib/domain/journal/records';
import type { SymptomBody } from '$lib/domain/journal/symptoms';
import type { TargetRangeBody } from '$lib/domain/journal/targets';
import { expandSchedule } from '$lib/domain/time/schedule';
import type { RecordOp } from '$lib/vault/api';
import { uuidv7 } from '$lib/vault/ids';
import type { Records } from '$lib/vault/records';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const BATCH = 1000;

export const SAMPLE_PERSON = { name: 'Mireille', age: 67 } as const;

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Built {
	readonly id: string;
	readonly body: JournalBody;
}

/** Builds the sample person's records (pure: `now`, time zone and seed decide everything). */
export function buildSamplePerson(
	now: number,
	timeZone: string,
	days = 90,
	seed = 67
): readonly Built[] {
	const random = mulberry32(seed);
	const between = (low: number, high: number) => low + random() * (high - low);
	const round1 = (value: number) => Math.round(value * 10) / 10;
	const start = now - days * DAY;
	const out: Built[] = [];
	const add = (body: JournalBody, id = uuidv7(body.at)) => {
		out.push({ id, body });
		return id;
	};

	const targets: TargetRangeBody[] = [
		{
			kind: 'target-range',
			at: start,
			metric: 'systolic',
			low: null,
			high: 135,
			setBy: 'care-team',
			setByName: 'Dr Martin'
		},
		{
			kind: 'target-range',
			at: start,
			metric: 'diastolic',
			low: null,
			high: 85,
			setBy: 'care-team',
			setByName: 'Dr Martin'
		},
		{
			kind: 'target-range',
			at: start,
			metric: 'glucose',
			low: 4,
			high: 7,
			setBy: 'care-team',
			setByName: 'Dr Martin'
		}
	];
	for (const target of targets) add(target);

	const medications: MedicationBody[] = [
		{
			kind: 'medication',
			at: start,
			name: 'Metformin',
			strength: { amount: 500, unit: 'mg' },
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			instructions: 'With breakfast and dinner',
			reason: 'Diabetes',
			prescriber: 'Dr Martin',
			startAt: start,
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00', '19:30'] }
		},
		{
			kind: 'medication',
			at: start + 1,
			name: 'Ramipril',
			strength: { amount: 5, unit: 'mg' },
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			reason: 'Blood pressure',
			prescriber: 'Dr Martin',
			startAt: start,
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00'] }
		},
		{
			kind: 'medication',
			at: start + 2,
			name: 'Paracetamol',
			strength: { amount: 500, unit: 'mg' },
			form: 'tablet',
			dose: { amount: 2, unit: 'tablet' },
			instructions: 'At most 6 tablets a day',
			reason: 'Knee pain',
			startAt: start,
			stopAt: null,
			schedule: { type: 'as-needed', maxPerDay: 3, minHoursBetween: 4 }
		}
	];
	const medicationIds = medications.map((m) => add(m));

	for (const [index, medication] of medications.entries()) {
		const id = medicationIds[index] ?? '';
		const slots = expandSchedule(
			{ medicationId: id, schedule: medication.schedule, startAt: start, stopAt: null },
			start,
			now - 2 * HOUR,
			timeZone
		);
		for (const slot of slots) {
			const roll = random();
			if (roll < 0.05) continue;
			const skipped = roll < 0.09;
			const takenAt = Math.round(slot.scheduledAt + between(-10, roll > 0.95 ? 120 : 40) * MINUTE);
			const dose: DoseBody = skipped
				? {
						kind: 'dose',
						at: slot.scheduledAt + 30 * MINUTE,
						medicationId: id,
						slotId: slot.id,
						scheduledAt: slot.scheduledAt,
						status: 'skipped',
						takenAt: null,
						skipReason: random() < 0.5 ? 'felt-unwell' : 'ran-out'
					}
				: {
						kind: 'dose',
						at: takenAt,
						medicationId: id,
						slotId: slot.id,
						scheduledAt: slot.scheduledAt,
						status: 'taken',
						takenAt
					};
			add(dose);
		}
	}

	for (let day = 0; day < days; day++) {
		const morning = start + day * DAY + 7 * HOUR + Math.round(between(0, 60)) * MINUTE;
		const trend = day / days;
		const bp: MeasurementBody = {
			kind: 'measurement',
			at: morning,
			measurement: {
				type: 'blood-pressure',
				systolic: Math.round(between(136, 152) - 10 * trend),
				diastolic: Math.round(between(78, 90) - 4 * trend),
				pulse: Math.round(between(64, 80))
			}
		};
		add(bp);
		const glucose: MeasurementBody = {
			kind: 'measurement',
			at: morning + 5 * MINUTE,
			measurement: {
				type: 'glucose',
				value: round1(between(6.2, 8.6) - 1.2 * trend),
				context: 'fasting'
			}
		};
		add(glucose);
		const steps: MeasurementBody = {
			kind: 'measurement',
			at: start + day * DAY + 21 * HOUR,
			measurement: { type: 'steps', value: Math.round(between(2500, 5500) + 2000 * trend) }
		};
		add(steps);
		if (day % 7 === 0) {
			const weight: MeasurementBody = {
				kind: 'measurement',
				at: morning + 10 * MINUTE,
				measurement: { type: 'weight', value: round1(78.5 - 2 * trend + between(-0.4, 0.4)) }
			};
			add(weight);
		}
		if (random() < 0.55) {
			const knee: SymptomBody = {
				kind: 'symptom',
				at: start + day * DAY + 18 * HOUR,
				symptom: { source: 'catalogue', id: 'pain' },
				severity: Math.max(0, Math.min(10, Math.round(between(3, 7) - 2 * trend))),
				bodyLocations: ['right-knee'],
				...(random() < 0.2 ? { note: 'After the stairs' } : {})
			};
			add(knee);
		}
		if (random() < 0.4) {
			const fatigue: SymptomBody = {
				kind: 'symptom',
				at: start + day * DAY + 15 * HOUR,
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: Math.round(between(2, 6))
			};
			add(fatigue);
		}
	}

	const walk: GoalBody = {
		kind: 'goal',
		at: start + DAY,
		text: 'Walk to the market with my granddaughter every Saturday',
		why: 'I want to keep doing my own shopping',
		target: { type: 'frequency', activity: 'Walking', amount: 20, unit: 'minutes', daysPerWeek: 5 },
		status: 'active',
		statusHistory: [{ status: 'active', at: start + DAY }],
		checkInEvery: 'weekly'
	};
	const sugar: GoalBody = {
		kind: 'goal',
		at: start + 2 * DAY,
		text: 'Keep my sugar steady so I can garden in the afternoon',
		target: { type: 'measurement', metric: 'glucose', comparison: 'at-most', value: 7 },
		status: 'active',
		statusHistory: [{ status: 'active', at: start + 2 * DAY }],
		checkInEvery: 'weekly'
	};
	const goalIds = [add(walk), add(sugar)];
	for (let week = 1; week * 7 < days; week++) {
		for (const [index, goalId] of goalIds.entries()) {
			const checkIn: GoalCheckInBody = {
				kind: 'goal-checkin',
				at: start + week * 7 * DAY + (10 + index) * HOUR,
				goalId,
				progress: Math.min(100, Math.round(20 + (week / (days / 7)) * 60 + between(-10, 10))),
				confidence: Math.min(10, Math.round(5 + week / 3))
			};
			add(checkIn);
		}
	}
	return out;
}

/** Writes the sample person into `store` (the demo vault), in batches. */
export async function fillSamplePerson(
	store: Pick<Records, 'commit'>,
	now: number,
	timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone
): Promise<number> {
	const built = buildSamplePerson(now, timeZone);
	const ops: RecordOp[] = built.map(({ id, body }) => ({
		type: 'put',
		id,
		kind: body.kind,
		category: kindToCategory[body.kind],
		at: body.at,
		body
	}));
	for (let i = 0; i < ops.length; i += BATCH) {
		const result = await store.commit(ops.slice(i, i + BATCH));
		if (!result.ok) return i;
	}
	return ops.length;
}
