// The record bodies the vault stores for the journal, one `kind` each, and the category each kind
// belongs to (which decides its encryption key and who in the circle may see it).
// Why: the vault, sync and the UI all need one closed list of kinds and one parser per kind.
// Invariants: every body has a `kind` literal and an `at` instant (ms since epoch: when it
// happened or was set); `kindToCategory` is total over kinds; new entries are refused when a
// time the person states (`at`, `takenAt`, status changes) is more than a minute in the future.
import * as z from 'zod/mini';
import type { Category } from '../categories';
import { type Result } from '../result';
import {
	isNotInFuture,
	parseWith,
	requiredText,
	timestampSchema,
	NOTE_MAX_LENGTH,
	CLOCK_SLACK_MS,
	fieldError,
	type FieldError
} from './common';
import { goalBodySchema, goalCheckInBodySchema } from './goals';
import { measurementBodySchema, unitPreferencesBodySchema } from './measurements';
import { doseBodySchema, medicationBodySchema } from './medications';
import { customSymptomBodySchema, moodBodySchema, symptomBodySchema } from './symptoms';
import { targetRangeBodySchema } from './targets';

export const noteBodySchema = z.object({
	kind: z.literal('note'),
	at: timestampSchema,
	text: requiredText(NOTE_MAX_LENGTH)
});
export type NoteBody = z.infer<typeof noteBodySchema>;

export const JOURNAL_KINDS = [
	'symptom',
	'custom-symptom',
	'mood',
	'measurement',
	'target-range',
	'unit-preferences',
	'medication',
	'dose',
	'goal',
	'goal-checkin',
	'note'
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];
export const journalKindSchema = z.enum(JOURNAL_KINDS, { error: 'journal_error_kind_unknown' });

export const kindToCategory = {
	symptom: 'symptoms',
	'custom-symptom': 'symptoms',
	mood: 'symptoms',
	measurement: 'measurements',
	'target-range': 'measurements',
	'unit-preferences': 'settings',
	medication: 'medications',
	dose: 'medications',
	goal: 'goals',
	'goal-checkin': 'goals',
	note: 'notes'
} as const satisfies Readonly<Record<JournalKind, Category>>;

/** Message key for a kind's name, e.g. `journal_kind_goal_checkin`. */
export const kindKey = (kind: JournalKind): string => `journal_kind_${kind.replaceAll('-', '_')}`;

export const journalBodySchema = z.discriminatedUnion(
	'kind',
	[
		symptomBodySchema,
		customSymptomBodySchema,
		moodBodySchema,
		measurementBodySchema,
		targetRangeBodySchema,
		unitPreferencesBodySchema,
		medicationBodySchema,
		doseBodySchema,
		goalBodySchema,
		goalCheckInBodySchema,
		noteBodySchema
	],
	{ error: 'journal_error_kind_unknown' }
);
export type JournalBody = z.infer<typeof journalBodySchema>;
export type BodyOf<K extends JournalKind> = Extract<JournalBody, { kind: K }>;

/**
 * A decrypted journal record as the domain sees it. `at` repeats `body.at` so lists can be sorted
 * and filtered without looking inside bodies; `id` is a UUIDv7 whose timestamp is `at` for
 * records created at the time they describe.
 */
export interface JournalEntry<B extends JournalBody = JournalBody> {
	readonly id: string;
	readonly kind: B['kind'];
	readonly category: Category;
	readonly at: number;
	readonly body: B;
}

export const journalEntrySchema = z
	.object({
		id: z.string().check(z.minLength(1)),
		kind: journalKindSchema,
		category: z.string(),
		at: timestampSchema,
		body: journalBodySchema
	})
	.check(
		z.refine(
			(entry) =>
				entry.kind === entry.body.kind &&
				entry.category === kindToCategory[entry.kind] &&
				entry.at === entry.body.at,
			{ error: 'journal_error_entry_inconsistent' }
		)
	);

/** Wraps a body into an entry with its kind and category. */
export const toEntry = <B extends JournalBody>(id: string, body: B): JournalEntry<B> => ({
	id,
	kind: body.kind,
	category: kindToCategory[body.kind],
	at: body.at,
	body
});

/** Parses a stored body (from the vault or sync). Times are not checked against the clock. */
export const parseJournalBody = (input: unknown): Result<JournalBody, readonly FieldError[]> =>
	parseWith(journalBodySchema, input);

/** The times in a body that the person states as past: each must not be in the future. */
const statedTimes = (body: JournalBody): readonly { path: string; at: number }[] => {
	const times = [{ path: 'at', at: body.at }];
	switch (body.kind) {
		case 'dose':
			return body.takenAt === null ? times : [...times, { path: 'takenAt', at: body.takenAt }];
		case 'goal':
			return [
				...times,
				...body.statusHistory.map((change, index) => ({
					path: `statusHistory.${index}.at`,
					at: change.at
				}))
			];
		case 'symptom':
		case 'custom-symptom':
		case 'mood':
		case 'measurement':
		case 'target-range':
		case 'unit-preferences':
		case 'medication':
		case 'goal-checkin':
		case 'note':
			return times;
	}
};

/**
 * Parses a body the person is creating or editing now: the structure, ranges and coherence of
 * `parseJournalBody`, plus "not in the future" (with a minute of clock slack) for stated times.
 */
export const parseNewJournalBody = (
	input: unknown,
	now: number
): Result<JournalBody, readonly FieldError[]> => {
	const parsed = parseJournalBody(input);
	if (!parsed.ok) return parsed;
	const future = statedTimes(parsed.value)
		.filter(({ at }) => !isNotInFuture(at, now))
		.map(({ path }): FieldError =>
			fieldError(path, 'journal_error_time_in_future', { slackSeconds: CLOCK_SLACK_MS / 1000 })
		);
	return future.length === 0 ? parsed : { ok: false, error: future };
};
