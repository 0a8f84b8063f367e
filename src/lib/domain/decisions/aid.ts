// The decision aid format (IPDAS-inspired): the decision and who it is for, options (with
// waiting/doing nothing where it applies), an option grid, outcomes as natural frequencies
// "out of 100 people like you", values-clarification sliders, a knowledge check, sources, dates,
// update policy and funding/conflicts. Invariant: a DecisionAid only exists when every grid row
// answers every option, every outcome has a cell for every option, every number cites a known
// source and states its range, and every cross-reference (option, source) resolves.
import * as z from 'zod';
import { PLACEHOLDER_REVIEWER, langSchema, slugSchema } from '$lib/domain/education/article';

const text = z.string().trim().min(1);

/** A reviewer name, never a placeholder such as "Awaiting clinical review" (leave the list empty). */
const notPlaceholder = text.refine((name) => !PLACEHOLDER_REVIEWER.test(name), {
	error: 'not a reviewer: leave the list empty until a clinician has reviewed it'
});

export const aidOptionSchema = z.strictObject({
	id: slugSchema,
	label: text.max(80),
	description: text,
	/** True for "wait and see" / "carry on as now" / "do nothing". */
	isWaiting: z.boolean().default(false)
});

export const gridRowSchema = z.strictObject({
	question: text,
	/** optionId → answer. Every option must have one. */
	answers: z.record(z.string(), text)
});

const percent = z.number().min(0).max(100);

export const frequencyCellSchema = z
	.strictObject({
		kind: z.literal('frequency'),
		/** How many out of 100 people like you. */
		value: percent,
		/** Plausible range (confidence interval or the spread across studies). */
		low: percent,
		high: percent,
		sourceIds: z.array(slugSchema).min(1, 'every number needs a source'),
		/** The group the source counted, in its words ("people using a dummy gel", "knee implants"). */
		group: text.optional(),
		note: text.optional()
	})
	.refine((c) => c.low <= c.value && c.value <= c.high, {
		path: ['value'],
		error: 'must lie between low and high'
	});

export const noNumberCellSchema = z.strictObject({
	kind: z.literal('no-number'),
	/** Why there is no reliable natural frequency, and what is known instead. */
	note: text,
	sourceIds: z.array(slugSchema).default([])
});

export const outcomeCellSchema = z.discriminatedUnion('kind', [
	frequencyCellSchema,
	noNumberCellSchema
]);
export type OutcomeCell = z.infer<typeof outcomeCellSchema>;

export const outcomeSchema = z.strictObject({
	id: slugSchema,
	/** What happens, phrased to complete "N out of 100 people like you …". */
	label: text,
	timeframe: text,
	/** Whether the event is wanted (benefit) or not (harm); drives colours, never wording. */
	direction: z.enum(['benefit', 'harm']),
	cells: z.record(z.string(), outcomeCellSchema),
	/** The uncertainty stated in words: where the numbers come from and how sure we are. */
	uncertainty: text
});

export const valueSliderSchema = z.strictObject({
	id: slugSchema,
	prompt: text,
	left: text,
	right: text,
	/** Options that people who lean to each pole often prefer (may be empty). */
	leftFavours: z.array(slugSchema).default([]),
	rightFavours: z.array(slugSchema).default([])
});

export const knowledgeQuestionSchema = z
	.strictObject({
		id: slugSchema,
		question: text,
		choices: z.array(text).min(2),
		/** Index into choices. */
		correct: z.int().min(0),
		explanation: text
	})
	.refine((q) => q.correct < q.choices.length, {
		path: ['correct'],
		error: 'must be the index of one of the choices'
	});

export const aidSourceSchema = z.strictObject({
	id: slugSchema,
	title: text,
	publisher: text,
	year: z.int().min(1900).max(2100).optional(),
	url: z.url({ protocol: /^https$/ })
});

export const decisionAidSchema = z
	.strictObject({
		schemaVersion: z.literal(1),
		id: slugSchema,
		lang: langSchema,
		title: text.max(120),
		/** The decision, as a question: "Should I take a statin?" */
		decision: text,
		forWhom: text,
		notFor: text.optional(),
		summary: text,
		options: z.array(aidOptionSchema).min(2),
		/** Required when no option is a waiting option: why waiting does not apply. */
		noWaitingReason: text.optional(),
		grid: z.array(gridRowSchema).min(1),
		outcomes: z.array(outcomeSchema).min(1),
		evidenceNote: text,
		values: z.array(valueSliderSchema).min(1),
		knowledgeCheck: z.array(knowledgeQuestionSchema).min(1),
		sources: z.array(aidSourceSchema).min(1),
		published: z.iso.date(),
		lastReviewed: z.iso.date(),
		nextReview: z.iso.date(),
		updatePolicy: text,
		funding: text,
		conflicts: text,
		authors: z.array(text).min(1),
		/** The authors' qualifications, stated plainly (or that they have none relevant). */
		authorQualifications: text,
		/** How the evidence was found and chosen. */
		evidenceSearch: text,
		/** Who checked the facts on `lastReviewed`. */
		checkedBy: text,
		/** Clinicians who reviewed it; empty until one has. Never a placeholder. */
		reviewers: z.array(notPlaceholder).default([])
	})
	.superRefine((aid, ctx) => {
		const optionIds = aid.options.map((o) => o.id);
		const optionSet = new Set(optionIds);
		const sourceSet = new Set(aid.sources.map((s) => s.id));
		const issue = (path: PropertyKey[], message: string) => {
			ctx.addIssue({ code: 'custom', path, message });
		};

		optionIds.forEach((id, i) => {
			if (optionIds.indexOf(id) !== i) issue(['options', i, 'id'], `duplicate option id "${id}"`);
		});
		aid.sources.forEach((s, i) => {
			if (aid.sources.findIndex((t) => t.id === s.id) !== i) {
				issue(['sources', i, 'id'], `duplicate source id "${s.id}"`);
			}
		});
		if (!aid.options.some((o) => o.isWaiting) && aid.noWaitingReason === undefined) {
			issue(['options'], 'include a waiting / doing-nothing option, or explain in noWaitingReason');
		}
		if (aid.nextReview <= aid.lastReviewed) issue(['nextReview'], 'must be after lastReviewed');
		if (aid.lastReviewed < aid.published) issue(['lastReviewed'], 'must not be before published');

		const checkKeys = (keys: readonly string[], path: PropertyKey[], what: string) => {
			for (const id of optionIds) {
				if (!keys.includes(id)) issue([...path, id], `missing ${what} for option "${id}"`);
			}
			for (const key of keys) {
				if (!optionSet.has(key)) issue([...path, key], `unknown option "${key}"`);
			}
		};
		aid.grid.forEach((row, r) => {
			checkKeys(Object.keys(row.answers), ['grid', r, 'answers'], 'an answer');
		});
		aid.outcomes.forEach((outcome, o) => {
			checkKeys(Object.keys(outcome.cells), ['outcomes', o, 'cells'], 'a cell');
			for (const [optionId, cell] of Object.entries(outcome.cells)) {
				cell.sourceIds.forEach((sid, s) => {
					if (!sourceSet.has(sid)) {
						issue(['outcomes', o, 'cells', optionId, 'sourceIds', s], `unknown source "${sid}"`);
					}
				});
			}
		});
		aid.values.forEach((v, i) => {
			for (const side of ['leftFavours', 'rightFavours'] as const) {
				v[side].forEach((id, j) => {
					if (!optionSet.has(id)) issue(['values', i, side, j], `unknown option "${id}"`);
				});
			}
		});
	});

export type DecisionAid = z.infer<typeof decisionAidSchema>;
export type AidOption = z.infer<typeof aidOptionSchema>;
export type AidOutcome = z.infer<typeof outcomeSchema>;
export type ValueSlider = z.infer<typeof valueSliderSchema>;
export type KnowledgeQuestion = z.infer<typeof knowledgeQuestionSchema>;
