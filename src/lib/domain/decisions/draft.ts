// A decision aid in progress: the steps of the flow and the draft the person's answers are kept in
// (encrypted on the device, under `decision:<aidId>`), with the pure helpers the flow and the
// command that saves the final record share.
// Invariant: a draft that does not parse, or belongs to another aid, is no draft (the flow starts
// afresh), so a stale or tampered draft never reaches `buildDecisionRecord`.
import * as z from 'zod';
import { scoreSure, type SureAnswers, type SureScore } from './sure';

export const STEPS = [
	'decision',
	'options',
	'grid',
	'outcomes',
	'values',
	'knowledge',
	'sure',
	'record'
] as const;
export type Step = (typeof STEPS)[number];

const yesNo = z.boolean().nullable();

export const decisionDraftSchema = z.object({
	version: z.literal(1),
	aidId: z.string(),
	step: z
		.int()
		.min(0)
		.max(STEPS.length - 1),
	choice: z.string().nullable(),
	reasons: z.string().max(4000),
	sliders: z.record(z.string(), z.number().min(0).max(100)),
	/** The person's questions as typed: one per line. */
	questions: z.string().max(15_000),
	sure: z.object({ sure: yesNo, understand: yesNo, risks: yesNo, encouragement: yesNo }),
	knowledge: z.record(z.string(), z.int().min(0)),
	/** Knowledge questions whose feedback has been shown. */
	checked: z.array(z.string())
});
export type DecisionDraft = z.infer<typeof decisionDraftSchema>;
export type PartialSure = DecisionDraft['sure'];

/** Where the draft of an aid is kept. */
export const decisionDraftKey = (aidId: string): string => `decision:${aidId}`;

/** The draft of `aidId` in `stored`, or null when it does not parse or is another aid's. */
export function parseDecisionDraft(stored: unknown, aidId: string): DecisionDraft | null {
	const parsed = decisionDraftSchema.safeParse(stored);
	return parsed.success && parsed.data.aidId === aidId ? parsed.data : null;
}

export function emptyDraft(aidId: string): DecisionDraft {
	return {
		version: 1,
		aidId,
		step: 0,
		choice: null,
		reasons: '',
		sliders: {},
		questions: '',
		sure: { sure: null, understand: null, risks: null, encouragement: null },
		knowledge: {},
		checked: []
	};
}

/** The four SURE answers once all are given, else null. */
export function sureAnswersOf(sure: PartialSure): SureAnswers | null {
	const { sure: s, understand, risks, encouragement } = sure;
	if (s === null || understand === null || risks === null || encouragement === null) return null;
	return { sure: s, understand, risks, encouragement };
}

/** The SURE score once all four items are answered, else null. */
export function sureScoreOf(sure: PartialSure): SureScore | null {
	const answers = sureAnswersOf(sure);
	return answers === null ? null : scoreSure(answers);
}

export function questionLines(questions: string): readonly string[] {
	return questions
		.split('\n')
		.map((q) => q.trim())
		.filter((q) => q !== '')
		.slice(0, 30);
}
