// The plain parser of the journal's most read bodies (`parseBodyPlain`: measurements, symptoms,
// moods, doses, goal check-ins) gives exactly what zod's `parseJournalBody` gives, on what a bucket holds (JSON):
// null exactly when zod refuses, otherwise the same value (unknown keys dropped, texts trimmed);
// undefined only for the kinds it leaves to zod. Checked on near-valid bodies with one part bent,
// on arbitrary JSON, and on three years of the sample person's entries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSE_UNITS } from '$lib/domain/journal/medications';
import { parseBodyPlain } from '$lib/domain/journal/plain-bodies';
import { JOURNAL_KINDS, parseJournalBody } from '$lib/domain/journal/records';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import { uuidv7 } from '$lib/domain/ids';
import { BODY_LOCATIONS, SYMPTOM_IDS } from '$lib/domain/journal/symptoms';

const COVERED: ReadonlySet<unknown> = new Set([
	'measurement',
	'symptom',
	'mood',
	'dose',
	'goal-checkin'
]);

/** What a bucket gives back: the value after a JSON round trip. */
const asStored = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

/** Bodies the property tests saw accepted, per kind (each test also asserts it saw some). */
const accepted = new Map<string, number>();

function agree(input: unknown): void {
	const x = asStored(input);
	const plain = parseBodyPlain(x);
	const zod = parseJournalBody(x);
	const kind: unknown =
		typeof x === 'object' && x !== null && !Array.isArray(x) ? Reflect.get(x, 'kind') : x;
	if (typeof x === 'object' && x !== null && !Array.isArray(x) && !COVERED.has(kind)) {
		expect(plain).toBeUndefined();
		return;
	}
	if (zod.ok) {
		expect(plain).toStrictEqual(zod.value);
		accepted.set(zod.value.kind, (accepted.get(zod.value.kind) ?? 0) + 1);
	} else {
		expect(plain).toBeNull();
	}
}

/** Mostly the valid value, sometimes a bent one. */
const mostly = (valid: fc.Arbitrary<unknown>, ...bent: fc.Arbitrary<unknown>[]) =>
	fc.oneof({ weight: 12, arbitrary: valid }, ...bent);

const junk = fc.constantFrom<unknown>(null, '', '12', true, [], {}, [1], -1, 1.5, 'x');
const timestamp = mostly(
	fc.integer({ min: 0, max: 4e12 }),
	fc.constantFrom(0, 8_640_000_000_000_000, 8_640_000_000_000_001, -1, 1.5, 2 ** 53, -0),
	junk
);
const texts = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.constantFrom(' ', '  x  ', '\u00a0', '\u2028y\t', '\ufeff', 'é', '\n'),
	fc.string({ minLength: 55, maxLength: 90 }),
	fc.string({ minLength: 1995, maxLength: 2010 })
);
const text = mostly(texts, junk);
const uuid = mostly(
	fc.oneof(fc.uuid(), fc.uuid({ version: 7 })),
	fc.constantFrom(
		'00000000-0000-0000-0000-000000000000',
		'ffffffff-ffff-ffff-ffff-ffffffffffff',
		'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
		'01890a5d-ac96-774b-bcce-b302099a8057 ',
		'01890a5d-ac96-074b-bcce-b302099a8057',
		'01890a5d-ac96-774b-ccce-b302099a8057',
		'not-a-uuid'
	),
	junk
);
const numberNear = (min: number, max: number) =>
	mostly(
		fc.oneof(
			fc.integer({ min: Math.floor(min), max: Math.ceil(max) }),
			fc.double({ min: min - 5, max: max + 5, noNaN: true })
		),
		fc.constantFrom(
			min,
			max,
			min - 1,
			max + 1,
			min - 0.001,
			max + 0.001,
			0,
			-1,
			1e9,
			-1e9,
			1e9 + 1,
			2.5
		),
		junk
	);
/** An object with some of its keys left out and, sometimes, an unknown key or `__proto__`. */
const object = (fields: Record<string, fc.Arbitrary<unknown>>) =>
	fc
		.tuple(
			fc.record(fields, { requiredKeys: [] }),
			fc.record(fields),
			fc.option(fc.constantFrom('extra', '__proto__', 'toString'), { freq: 6 }),
			junk
		)
		.chain(([some, all, extraKey, extra]) =>
			fc.constantFrom<Record<string, unknown>>(some, all, all, all, all, all).map((picked) => {
				if (extraKey === null) return picked;
				const out: Record<string, unknown> = { ...picked };
				Object.defineProperty(out, extraKey, { value: extra, enumerable: true, writable: true });
				return out;
			})
		);

const note = { note: text };
const measurement = mostly(
	fc.oneof(
		object({
			type: fc.constant('blood-pressure'),
			systolic: numberNear(50, 300),
			diastolic: numberNear(20, 200),
			pulse: numberNear(20, 300)
		}),
		object({
			type: fc.constant('glucose'),
			value: numberNear(0.5, 50),
			context: mostly(
				fc.constantFrom('fasting', 'before-meal', 'after-meal', 'bedtime', 'random'),
				junk
			)
		}),
		object({
			type: fc.constantFrom('heart-rate', 'weight', 'temperature', 'spo2', 'peak-flow'),
			value: numberNear(2, 350)
		}),
		object({ type: fc.constant('steps'), value: numberNear(0, 200_000) }),
		object({
			type: fc.constant('custom'),
			customMeasureId: uuid,
			label: text,
			unit: text,
			value: numberNear(-1e9, 1e9)
		})
	),
	object({ type: fc.constantFrom('systolic', 'pressure', 'Custom'), value: numberNear(0, 100) }),
	junk
);
const symptomRef = mostly(
	fc.oneof(
		object({ source: fc.constant('catalogue'), id: mostly(fc.constantFrom(...SYMPTOM_IDS), junk) }),
		object({ source: fc.constant('custom'), customSymptomId: uuid, name: text })
	),
	object({ source: fc.constantFrom('catalog', 'other'), id: fc.constantFrom(...SYMPTOM_IDS) }),
	junk
);
const bodyLocations = mostly(
	fc.oneof(
		fc.constant([]),
		fc.array(mostly(fc.constantFrom(...BODY_LOCATIONS), junk), { maxLength: 4 })
	),
	fc.array(fc.constantFrom(...BODY_LOCATIONS), { minLength: 23, maxLength: 25 }),
	junk
);
const doseAmount = mostly(
	object({
		amount: mostly(
			fc.oneof(fc.double({ min: -1, max: 1200, noNaN: true }), fc.integer({ min: 0, max: 12 })),
			fc.constantFrom(0, -0, 1000, 1000.5, 100, 20, 5, 10)
		),
		unit: mostly(fc.constantFrom(...Object.keys(DOSE_UNITS)), fc.constantFrom('toString', 'g'))
	}),
	junk
);
const skipReason = mostly(
	fc.constantFrom(
		'side-effects',
		'felt-unwell',
		'felt-fine',
		'ran-out',
		'advised-by-clinician',
		'could-not-swallow',
		'other'
	),
	junk
);

const body = fc.oneof(
	object({ kind: fc.constant('measurement'), at: timestamp, measurement, ...note }),
	object({
		kind: fc.constant('symptom'),
		at: timestamp,
		symptom: symptomRef,
		severity: numberNear(0, 10),
		bodyLocations,
		...note
	}),
	object({ kind: fc.constant('mood'), at: timestamp, level: numberNear(1, 5), ...note }),
	object({
		kind: fc.constant('goal-checkin'),
		at: timestamp,
		goalId: uuid,
		progress: mostly(fc.integer({ min: 0, max: 100 }), numberNear(0, 100)),
		value: numberNear(0, 1_000_000),
		confidence: mostly(fc.integer({ min: 0, max: 10 }), numberNear(0, 10)),
		...note
	}),
	object({
		kind: fc.constant('dose'),
		at: timestamp,
		medicationId: uuid,
		slotId: mostly(fc.oneof(fc.constant(null), fc.string({ maxLength: 6 })), junk),
		scheduledAt: fc.oneof(fc.constant(null), timestamp),
		status: mostly(fc.constantFrom('taken', 'skipped', 'late'), fc.constant('lost')),
		takenAt: fc.oneof(fc.constant(null), timestamp),
		skipReason,
		amount: doseAmount,
		...note
	}),
	// Doses whose fields agree with each other (scheduled and taken, skipped, or as needed).
	fc
		.oneof(
			fc.record({
				slotId: fc.string({ minLength: 1, maxLength: 4 }),
				scheduledAt: timestamp,
				status: fc.constantFrom('taken', 'late'),
				takenAt: timestamp
			}),
			fc.record({
				slotId: fc.string({ minLength: 1, maxLength: 4 }),
				scheduledAt: timestamp,
				status: fc.constant('skipped'),
				takenAt: fc.constant(null),
				skipReason
			}),
			fc.record({
				slotId: fc.constant(null),
				scheduledAt: fc.constant(null),
				status: fc.constant('taken'),
				takenAt: timestamp
			})
		)
		.chain((fields) =>
			object({
				kind: fc.constant('dose'),
				at: timestamp,
				medicationId: uuid,
				amount: doseAmount,
				...note
			}).map((rest) => ({ ...fields, ...rest }))
		),
	object({ kind: fc.constantFrom(...JOURNAL_KINDS, 'Mood', 'unknown'), at: timestamp, ...note }),
	junk
);

describe('parseBodyPlain agrees with parseJournalBody (property)', () => {
	it('on near-valid bodies with parts bent', () => {
		accepted.clear();
		fc.assert(fc.property(body, agree), { numRuns: 8000 });
		// Not only refusals: every covered kind was accepted many times.
		for (const kind of COVERED) expect(accepted.get(String(kind)) ?? 0).toBeGreaterThan(80);
	});

	it('on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it("on three years of the sample person's entries, every kind", () => {
		const { entries } = generateSamplePerson({
			seed: 67,
			now: Date.UTC(2026, 0, 15),
			locale: 'fr',
			newId: (at) => uuidv7(at),
			days: 1095
		});
		const kinds = new Set<string>();
		for (const entry of entries) {
			agree(entry.body);
			if (COVERED.has(entry.kind)) kinds.add(entry.kind);
		}
		expect([...kinds].sort()).toEqual(['dose', 'goal-checkin', 'measurement', 'mood', 'symptom']);
	});

	it('on fixed cases: trimming, unknown keys, the rules between fields', () => {
		const medicationId = '01890a5d-ac96-774b-bcce-b302099a8057';
		const cases: unknown[] = [
			{ kind: 'mood', at: 1, level: 3, note: '  ok \n', extra: 1 },
			{
				kind: 'measurement',
				at: 1,
				measurement: { type: 'blood-pressure', systolic: 120, diastolic: 120 }
			},
			{ kind: 'measurement', at: 1, measurement: { type: 'steps', value: 10.5 } },
			{
				kind: 'symptom',
				at: 1,
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: 3,
				bodyLocations: ['head']
			},
			{
				kind: 'symptom',
				at: 1,
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: 3,
				bodyLocations: []
			},
			{
				kind: 'dose',
				at: 1,
				medicationId,
				slotId: 's',
				scheduledAt: 1,
				status: 'skipped',
				takenAt: null
			},
			{
				kind: 'dose',
				at: 1,
				medicationId,
				slotId: null,
				scheduledAt: null,
				status: 'skipped',
				takenAt: null,
				skipReason: 'other'
			},
			{
				kind: 'dose',
				at: 1,
				medicationId,
				slotId: null,
				scheduledAt: null,
				status: 'taken',
				takenAt: 2,
				amount: { amount: 1001, unit: 'drop' }
			},
			{
				kind: 'dose',
				at: 1,
				medicationId,
				slotId: 's',
				scheduledAt: null,
				status: 'taken',
				takenAt: 2
			},
			{
				kind: 'dose',
				at: 1,
				medicationId,
				slotId: null,
				scheduledAt: null,
				status: 'late',
				takenAt: null
			}
		];
		for (const x of cases) agree(x);
		expect(parseBodyPlain(cases[0])).toStrictEqual({ kind: 'mood', at: 1, level: 3, note: 'ok' });
		expect(parseBodyPlain(cases[1])).toBeNull();
		expect(parseBodyPlain({ kind: 'note', at: 1, text: 'x' })).toBeUndefined();
	});
});
