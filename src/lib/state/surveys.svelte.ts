// Questionnaires as the UI sees them: the bundled instruments (validated at build time into the
// prerendered /content/surveys.json, fetched lazily and validated again here, so the engine and
// the instruments never weigh on the first page), the person's answers in progress as an
// encrypted draft in the vault, and completed responses with their score in the `surveys`
// category (shared with the circle by the usual per-category grants). Reads only: drafts and
// responses are written by commands/surveys.ts (bound in ./survey-writes.ts).
// Invariants: a draft is kept under `survey:<id>` at every answer and survives locking and
// reloads; a saved response is only built by the domain (`buildResponse`, `scoreQuestionnaire`),
// so a score is computed, never typed in.
import * as z from 'zod';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { SURVEY_RESPONSE } from '$lib/domain/surveys/due';
import { surveyDraftKey, surveyDraftSchema, type SurveyDraft } from '$lib/domain/surveys/draft';
import { savedResponseSchema, type SavedResponseBody } from '$lib/domain/surveys/saved';
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

// ---- Drafts and responses (written by commands/surveys.ts through ./survey-writes.ts) ------------

export type { SurveyDraft };

/** The draft kept under `id` (a questionnaire's id or an invitation's key), or null. */
export async function loadSurveyDraft(id: string): Promise<SurveyDraft | null> {
	if (vault.status !== 'unlocked') return null;
	const parsed = surveyDraftSchema.safeParse(await vault.vault().loadDraft(surveyDraftKey(id)));
	return parsed.success && parsed.data.questionnaireId === id ? parsed.data : null;
}

export { SURVEY_RESPONSE };

export { savedResponseSchema, type SavedResponseBody };

export interface SavedResponse {
	readonly id: string;
	readonly at: number;
	readonly body: SavedResponseBody;
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
