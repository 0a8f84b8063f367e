// The subset of FHIR R4 `Questionnaire` and `QuestionnaireResponse` that Cercle renders and
// scores, as zod schemas. Instruments are authored in this shape so they stay portable to other
// FHIR tools; anything outside the subset is refused (strict objects), so a typo fails instead of
// being ignored. Translations follow FHIR: English in `text`, French in the `_text` translation
// extension. Scores come from the `itemWeight` extension on each answer option.
import * as z from 'zod';

export const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';
export const ITEM_WEIGHT_URL = 'http://hl7.org/fhir/StructureDefinition/itemWeight';
/** Cercle's own metadata extensions on a Questionnaire: licence, source, validated French version. */
export const LICENCE_URL = 'https://cercle.health/fhir/StructureDefinition/licence';
export const SOURCE_URL = 'https://cercle.health/fhir/StructureDefinition/source';
export const FRENCH_VERSION_URL = 'https://cercle.health/fhir/StructureDefinition/french-version';
/** Who answers: the person, a carer about themselves, or anyone after a visit. */
export const AUDIENCE_URL = 'https://cercle.health/fhir/StructureDefinition/audience';

export const ITEM_TYPES = [
	'group',
	'display',
	'choice',
	'boolean',
	'integer',
	'decimal',
	'string',
	'text',
	'date'
] as const;
export const itemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof itemTypeSchema>;

export const OPERATORS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;
export type Operator = (typeof OPERATORS)[number];

const translationSchema = z.strictObject({
	url: z.literal(TRANSLATION_URL),
	extension: z.tuple([
		z.strictObject({ url: z.literal('lang'), valueCode: z.string().min(2) }),
		z.strictObject({ url: z.literal('content'), valueString: z.string().min(1) })
	])
});
/** FHIR's `_element` companion carrying translations. */
export const translatedSchema = z.strictObject({ extension: z.array(translationSchema).min(1) });
export type Translated = z.infer<typeof translatedSchema>;

export const codingSchema = z.strictObject({
	system: z.string().min(1).optional(),
	code: z.string().min(1),
	display: z.string().min(1).optional(),
	_display: translatedSchema.optional()
});
export type Coding = z.infer<typeof codingSchema>;

const isoDate = z.iso.date();

/** One answer value (`value[x]`), as in QuestionnaireResponse.item.answer and item.initial. */
export const answerValueSchema = z.union([
	z.strictObject({ valueBoolean: z.boolean() }),
	z.strictObject({ valueInteger: z.int() }),
	z.strictObject({ valueDecimal: z.number() }),
	z.strictObject({ valueString: z.string().max(4000) }),
	z.strictObject({ valueDate: isoDate }),
	z.strictObject({
		valueCoding: z.strictObject({ system: z.string().optional(), code: z.string() })
	})
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const enableWhenSchema = z
	.strictObject({
		question: z.string().min(1),
		operator: z.enum(OPERATORS),
		answerBoolean: z.boolean().optional(),
		answerDecimal: z.number().optional(),
		answerInteger: z.int().optional(),
		answerDate: isoDate.optional(),
		answerString: z.string().optional(),
		answerCoding: z.strictObject({ system: z.string().optional(), code: z.string() }).optional()
	})
	.refine(
		(e) =>
			[
				e.answerBoolean,
				e.answerDecimal,
				e.answerInteger,
				e.answerDate,
				e.answerString,
				e.answerCoding
			].filter((v) => v !== undefined).length === 1,
		{ error: 'enableWhen needs exactly one answer[x]' }
	);
export type EnableWhen = z.infer<typeof enableWhenSchema>;

const itemWeightSchema = z.strictObject({
	url: z.literal(ITEM_WEIGHT_URL),
	valueDecimal: z.number()
});

export const answerOptionSchema = z.strictObject({
	valueCoding: codingSchema,
	initialSelected: z.boolean().optional(),
	extension: z.array(itemWeightSchema).max(1).optional()
});
export type AnswerOption = z.infer<typeof answerOptionSchema>;

export interface QuestionnaireItem {
	readonly linkId: string;
	readonly prefix?: string | undefined;
	readonly text?: string | undefined;
	readonly _text?: Translated | undefined;
	readonly type: ItemType;
	readonly required?: boolean | undefined;
	readonly readOnly?: boolean | undefined;
	readonly maxLength?: number | undefined;
	readonly enableWhen?: readonly EnableWhen[] | undefined;
	readonly enableBehavior?: 'all' | 'any' | undefined;
	readonly answerOption?: readonly AnswerOption[] | undefined;
	readonly initial?: readonly AnswerValue[] | undefined;
	readonly item?: readonly QuestionnaireItem[] | undefined;
}

export const questionnaireItemSchema: z.ZodType<QuestionnaireItem> = z.lazy(() =>
	z.strictObject({
		linkId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'linkId: letters, digits, . _ -'),
		prefix: z.string().max(10).optional(),
		text: z.string().min(1).optional(),
		_text: translatedSchema.optional(),
		type: itemTypeSchema,
		required: z.boolean().optional(),
		readOnly: z.boolean().optional(),
		maxLength: z.int().positive().max(4000).optional(),
		enableWhen: z.array(enableWhenSchema).min(1).optional(),
		enableBehavior: z.enum(['all', 'any']).optional(),
		answerOption: z.array(answerOptionSchema).min(1).optional(),
		initial: z.array(answerValueSchema).max(1).optional(),
		item: z.array(questionnaireItemSchema).min(1).optional()
	})
);

const metaExtensionSchema = z.strictObject({
	url: z.enum([LICENCE_URL, SOURCE_URL, FRENCH_VERSION_URL, AUDIENCE_URL]),
	valueString: z.string().min(1)
});

export const questionnaireSchema = z.strictObject({
	resourceType: z.literal('Questionnaire'),
	id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'id: lower-case letters, digits and hyphens'),
	url: z.url(),
	version: z.string().min(1),
	name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
	title: z.string().min(1),
	_title: translatedSchema.optional(),
	status: z.enum(['draft', 'active', 'retired']),
	language: z.literal('en'),
	description: z.string().min(1).optional(),
	_description: translatedSchema.optional(),
	publisher: z.string().min(1).optional(),
	copyright: z.string().min(1),
	_copyright: translatedSchema.optional(),
	extension: z.array(metaExtensionSchema).min(1),
	item: z.array(questionnaireItemSchema).min(1)
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** FHIR puts value[x] directly on each answer. */
interface WireResponseItem {
	readonly linkId: string;
	readonly text?: string | undefined;
	readonly answer?: readonly AnswerValue[] | undefined;
	readonly item?: readonly WireResponseItem[] | undefined;
}

export const responseItemSchema: z.ZodType<WireResponseItem> = z.lazy(() =>
	z.strictObject({
		linkId: z.string().min(1),
		text: z.string().optional(),
		answer: z.array(answerValueSchema).min(1).optional(),
		item: z.array(responseItemSchema).min(1).optional()
	})
);

export const questionnaireResponseSchema = z.strictObject({
	resourceType: z.literal('QuestionnaireResponse'),
	/** Canonical `url|version` of the questionnaire answered. */
	questionnaire: z.string().min(1),
	status: z.enum(['in-progress', 'completed']),
	authored: z.iso.datetime({ offset: true }),
	item: z.array(responseItemSchema)
});
export type QuestionnaireResponse = z.infer<typeof questionnaireResponseSchema>;
export type QuestionnaireResponseItem = WireResponseItem;
