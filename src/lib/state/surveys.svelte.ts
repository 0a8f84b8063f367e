// Questionnaires as the UI sees them: the bundled instruments (validated at build time into the
// prerendered /content/surveys.json, fetched lazily and validated again here, so the engine and
// the instruments never weigh on the first page), the person's answers in progress as an
// encrypted draft in the vault, and completed responses with their score in the `surveys`
// category (shared with the circle by the usual per-category grants).
// Invariants: a draft is saved under `survey:<id>` at every answer and survives locking and
// reloads; a saved response is only built by the domain (`buildResponse`, `scoreQuestionnaire`),
// so a score is computed, never typed in.
import * as z from 'zod';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { answerValueSchema, type AnswerValue, type Questionnaire } from '$lib/domain/surveys/fhir';
import { authoredAt, buildResponse, type AnswerError } from '$lib/domain/surveys/response';
import { SURVEY_RESPONSE } from '$lib/domain/surveys/due';
import { savedResponseSchema, type SavedResponseBody } from '$lib/domain/surveys/saved';
import { scoreQuestionnaire, type Score } from '$lib/domain/surveys/scoring';
import { importQuestionnaire, type QuestionnaireImportError } from '$lib/domain/surveys/import';
import type { Lang } from '$lib/domain/surveys/items';
import { validateQuestionnaire } from '$lib/domain/surveys/validate';
import { getLocale } from '$lib/paraglide/runtime.js';
import { liveRecords, vault } from '$lib/state/vault.svelte';
import type { Result } from '$lib/domain/result';

// ---- Instruments -------------------------------------------------------------------------------

export type SurveysLoadError = { readonly type: 'offline' } | { readonly type: 'invalid' };
type Loaded = Result<readonly Questionnaire[], SurveysLoadError>;

const responseSchema = z.object({ questionnaires: z.array(z.unknown()) });
let cache: Promise<Loaded> | null = null;

/** Parses the served list; any questionnaire that fails the validator makes the list invalid. */
export function parseQuestionnaireList(data: unknown): Loaded {
	const parsed = responseSchema.safeParse(data);
	if (!parsed.success) return { ok: false, error: { type: 'invalid' } };
	const out: Questionnaire[] = [];
	for (const [i, q] of parsed.data.questionnaires.entries()) {
		const result = validateQuestionnaire(`surveys.json#${String(i)}`, q);
		if (!result.ok) return { ok: false, error: { type: 'invalid' } };
		out.push(result.value);
	}
	return { ok: true, value: out };
}

/** The bundled questionnaires, fetched once (for screens outside /surveys, e.g. Today's titles). */
export function fetchQuestionnaires(): Promise<Loaded> {
	if (cache) return cache;
	const loading = (async (): Promise<Loaded> => {
		try {
			const response = await fetch('/content/surveys.json');
			if (!response.ok) return { ok: false, error: { type: 'offline' } };
			return parseQuestionnaireList(await response.json());
		} catch {
			return { ok: false, error: { type: 'offline' } };
		}
	})();
	cache = loading;
	void loading.then((r) => {
		if (!r.ok) cache = null;
	});
	return loading;
}

type Status = 'loading' | 'ready' | 'error';

/** Questionnaires imported from a file in this session (kept in memory only, never sent). */
let imported = $state.raw<readonly Questionnaire[]>([]);

export type SurveyImportOutcome =
	| { readonly ok: true; readonly questionnaire: Questionnaire }
	| { readonly ok: false; readonly error: QuestionnaireImportError };

/** Validates a file's text as a questionnaire and, when valid, lists it for this session. */
export function importQuestionnaireFile(text: string, fileName: string): SurveyImportOutcome {
	const result = importQuestionnaire(text, fileName);
	if (!result.ok) return { ok: false, error: result.error };
	const q = result.value;
	imported = [...imported.filter((x) => x.id !== q.id), q];
	return { ok: true, questionnaire: q };
}

/** Every bundled questionnaire. Call during component initialisation. */
export function createQuestionnaireList() {
	let status = $state<Status>('loading');
	let error = $state<SurveysLoadError | null>(null);
	let list = $state.raw<readonly Questionnaire[]>([]);

	async function load() {
		status = 'loading';
		const result = await fetchQuestionnaires();
		if (!result.ok) {
			error = result.error;
			status = 'error';
			return;
		}
		list = result.value;
		status = 'ready';
	}
	void load();

	return {
		get status() {
			return status;
		},
		get error() {
			return error;
		},
		get all(): readonly Questionnaire[] {
			return [...list, ...imported.filter((q) => !list.some((b) => b.id === q.id))];
		},
		isImported: (q: Questionnaire) => imported.includes(q),
		find: (id: string) => list.find((q) => q.id === id) ?? imported.find((q) => q.id === id),
		retry() {
			void load();
		}
	};
}

// ---- Drafts ------------------------------------------------------------------------------------

const draftSchema = z.object({
	version: z.literal(1),
	questionnaireId: z.string(),
	answers: z.record(z.string(), z.array(answerValueSchema)),
	index: z.int().min(0)
});
export type SurveyDraft = z.infer<typeof draftSchema>;

const draftKey = (id: string) => `survey:${id}`;

export async function loadSurveyDraft(id: string): Promise<SurveyDraft | null> {
	if (vault.status !== 'unlocked') return null;
	const parsed = draftSchema.safeParse(await vault.vault().loadDraft(draftKey(id)));
	return parsed.success && parsed.data.questionnaireId === id ? parsed.data : null;
}

export async function saveSurveyDraft(
	id: string,
	answers: Answers,
	index: number
): Promise<boolean> {
	if (vault.status !== 'unlocked') return false;
	const plain: Record<string, AnswerValue[]> = {};
	for (const [k, v] of Object.entries(answers)) plain[k] = [...v];
	return vault
		.vault()
		.saveDraft(draftKey(id), { version: 1, questionnaireId: id, answers: plain, index });
}

export async function clearSurveyDraft(id: string): Promise<void> {
	if (vault.status !== 'unlocked') return;
	await vault.vault().clearDraft(draftKey(id));
}

// ---- Responses ---------------------------------------------------------------------------------

export { SURVEY_RESPONSE };

export { savedResponseSchema, type SavedResponseBody };

export interface SavedResponse {
	readonly id: string;
	readonly at: number;
	readonly body: SavedResponseBody;
}

export type SubmitError =
	| { readonly type: 'answers'; readonly errors: readonly AnswerError[] }
	| { readonly type: 'not-saved' };

/** Checks, scores and saves a completed questionnaire in the vault, then clears its draft. */
export async function submitSurvey(
	q: Questionnaire,
	answers: Answers,
	nowMs: number = Date.now()
): Promise<
	| { readonly ok: true; readonly score: Score | null }
	| { readonly ok: false; readonly error: SubmitError }
> {
	const built = buildResponse(q, answers, authoredAt(nowMs));
	if (!built.ok) return { ok: false, error: { type: 'answers', errors: built.error } };
	const scored = scoreQuestionnaire(q, answers);
	const score = scored.ok ? scored.value : null;
	const body: SavedResponseBody = {
		schemaVersion: 1,
		questionnaireId: q.id,
		response: built.value,
		score
	};
	if (vault.status !== 'unlocked') return { ok: false, error: { type: 'not-saved' } };
	const committed = await vault
		.vault()
		.commit([{ type: 'put', kind: SURVEY_RESPONSE, category: 'surveys', at: nowMs, body }]);
	if (!committed.ok) return { ok: false, error: { type: 'not-saved' } };
	await clearSurveyDraft(q.id);
	return { ok: true, score };
}

/** Saved responses, newest first, live. Call during component initialisation. */
export function createSurveyResponses() {
	const records = liveRecords(() => ({ category: 'surveys', kinds: [SURVEY_RESPONSE] }));
	const saved = $derived(
		(records.current ?? [])
			.filter((r) => !r.deleted)
			.flatMap((r): SavedResponse[] => {
				const parsed = savedResponseSchema.safeParse(r.body);
				return parsed.success ? [{ id: r.id, at: r.at, body: parsed.data }] : [];
			})
			.toSorted((a, b) => b.at - a.at)
	);
	return {
		get ready() {
			return records.current !== undefined;
		},
		get all(): readonly SavedResponse[] {
			return saved;
		}
	};
}

/** The questionnaire language: the UI language (reactive through the locale state). */
export function surveyLang(): Lang {
	return getLocale() === 'fr' ? 'fr' : 'en';
}

/** One question per screen on a narrow screen (a phone), the whole form otherwise. */
export function defaultSurveyMode(): 'one' | 'all' {
	return typeof matchMedia === 'function' && matchMedia('(min-width: 48rem)').matches
		? 'all'
		: 'one';
}
