// The symptom catalogue, severity anchors, body locations, and the bodies of symptom, custom
// symptom and mood records.
// Why: logging "how I feel" must be quick and comparable over time, so the common symptoms are a
// fixed catalogue (named by message keys, shown in French or English) and severity is always 0–10
// with words at the anchors; people can still add symptoms of their own.
// Invariant: a body location is only recorded for pain or for a custom symptom that asks for one.
import * as z from 'zod/mini';
import { noteSchema, recordIdSchema, requiredText, timestampSchema } from './common';

export const SYMPTOM_IDS = [
	'pain',
	'fatigue',
	'breathlessness',
	'sleep',
	'mood',
	'anxiety',
	'appetite',
	'dizziness',
	'swelling',
	'cough',
	'nausea',
	'headache'
] as const;
export type SymptomId = (typeof SYMPTOM_IDS)[number];

export interface CatalogueSymptom {
	readonly id: SymptomId;
	/** Message key of the symptom's name, e.g. `journal_symptom_fatigue`. */
	readonly nameKey: string;
	/** Message key of a one-line hint shown under the name. */
	readonly hintKey: string;
	readonly usesBodyLocation: boolean;
}

export const SYMPTOM_CATALOGUE: readonly CatalogueSymptom[] = SYMPTOM_IDS.map((id) => ({
	id,
	nameKey: `journal_symptom_${id}`,
	hintKey: `journal_symptom_${id}_hint`,
	usesBodyLocation: id === 'pain'
}));

export const SEVERITY_MIN = 0;
export const SEVERITY_MAX = 10;

/** Words at the anchors of the 0–10 scale. */
export const SEVERITY_ANCHORS: readonly { readonly value: number; readonly key: string }[] = [
	{ value: 0, key: 'journal_severity_anchor_0' },
	{ value: 5, key: 'journal_severity_anchor_5' },
	{ value: 10, key: 'journal_severity_anchor_10' }
];

/** The anchor word for a severity, or null between anchors. */
export const severityAnchorKey = (severity: number): string | null =>
	SEVERITY_ANCHORS.find((anchor) => anchor.value === severity)?.key ?? null;

export type SeverityBand = 'none' | 'mild' | 'moderate' | 'severe' | 'worst';

/** A coarse band for screen-reader text and summaries: 0 none, 1–3 mild, 4–6 moderate, 7–9 severe, 10. */
export const severityBand = (severity: number): SeverityBand => {
	if (severity <= 0) return 'none';
	if (severity <= 3) return 'mild';
	if (severity <= 6) return 'moderate';
	if (severity <= 9) return 'severe';
	return 'worst';
};

export const severityBandKey = (severity: number): string =>
	`journal_severity_band_${severityBand(severity)}`;

export const BODY_LOCATIONS = [
	'head',
	'jaw',
	'neck',
	'chest',
	'abdomen',
	'upper-back',
	'lower-back',
	'pelvis',
	'left-shoulder',
	'right-shoulder',
	'left-arm',
	'right-arm',
	'left-hand',
	'right-hand',
	'left-hip',
	'right-hip',
	'left-leg',
	'right-leg',
	'left-knee',
	'right-knee',
	'left-foot',
	'right-foot',
	'whole-body'
] as const;
export type BodyLocation = (typeof BODY_LOCATIONS)[number];

/** Message key of a body location's name, e.g. `journal_body_left_knee`. */
export const bodyLocationKey = (location: BodyLocation): string =>
	`journal_body_${location.replaceAll('-', '_')}`;

export const severitySchema = z
	.int({ error: 'journal_error_severity_range' })
	.check(
		z.gte(SEVERITY_MIN, { error: 'journal_error_severity_range' }),
		z.lte(SEVERITY_MAX, { error: 'journal_error_severity_range' })
	);

export const symptomRefSchema = z.discriminatedUnion(
	'source',
	[
		z.object({
			source: z.literal('catalogue'),
			id: z.enum(SYMPTOM_IDS, { error: 'journal_error_symptom_unknown' })
		}),
		z.object({
			source: z.literal('custom'),
			customSymptomId: recordIdSchema,
			/** Copied from the definition so that a shared entry reads well on its own. */
			name: requiredText(80)
		})
	],
	{ error: 'journal_error_symptom_required' }
);
export type SymptomRef = z.infer<typeof symptomRefSchema>;

/** A stable key for grouping entries of the same symptom (catalogue id or custom record id). */
export const symptomKey = (ref: SymptomRef): string =>
	ref.source === 'catalogue' ? ref.id : `custom:${ref.customSymptomId}`;

export const symptomBodySchema = z
	.object({
		kind: z.literal('symptom'),
		at: timestampSchema,
		symptom: symptomRefSchema,
		severity: severitySchema,
		bodyLocations: z.optional(
			z
				.array(z.enum(BODY_LOCATIONS, { error: 'journal_error_body_location_unknown' }))
				.check(z.maxLength(BODY_LOCATIONS.length, { error: 'journal_error_body_location_unknown' }))
		),
		note: z.optional(noteSchema)
	})
	.check(
		z.refine(
			(body) =>
				body.bodyLocations === undefined ||
				body.bodyLocations.length === 0 ||
				body.symptom.source === 'custom' ||
				body.symptom.id === 'pain',
			{ error: 'journal_error_body_location_not_applicable', path: ['bodyLocations'] }
		)
	);
export type SymptomBody = z.infer<typeof symptomBodySchema>;

/** A symptom the person added to their own list. */
export const customSymptomBodySchema = z.object({
	kind: z.literal('custom-symptom'),
	at: timestampSchema,
	name: requiredText(80),
	usesBodyLocation: z.boolean(),
	/** Archived symptoms leave the quick-log list but keep their history. */
	archived: z.boolean()
});
export type CustomSymptomBody = z.infer<typeof customSymptomBodySchema>;

export const MOOD_LEVELS = [1, 2, 3, 4, 5] as const;

/** Message key for a mood level (1 very low … 5 very good). */
export const moodLevelKey = (level: number): string => `journal_mood_level_${level}`;

export const moodBodySchema = z.object({
	kind: z.literal('mood'),
	at: timestampSchema,
	level: z
		.int({ error: 'journal_error_mood_range' })
		.check(
			z.gte(1, { error: 'journal_error_mood_range' }),
			z.lte(5, { error: 'journal_error_mood_range' })
		),
	note: z.optional(noteSchema)
});
export type MoodBody = z.infer<typeof moodBodySchema>;
