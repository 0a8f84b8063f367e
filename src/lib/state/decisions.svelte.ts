// Decision aids as the UI sees them: the bundled aids (validated at build time into prerendered
// /content/aids/<lang>.json, fetched lazily and parsed again with zod here), aids imported from a
// file for this session, the step-by-step flow with its progress saved as an encrypted draft at
// every change, and the final decision records kept in the vault's `decisions` category.
// Invariants: a draft is saved under `decision:<aidId>` and survives locking and reloads; a record
// is only built by the domain (`buildDecisionRecord`), so its SURE score is computed, never typed.
import * as z from 'zod';
import { decisionAidSchema, type DecisionAid } from '$lib/domain/decisions/aid';
import { importAid } from '$lib/domain/decisions/parse-aid';
import {
	buildDecisionRecord,
	decisionRecordSchema,
	type DecisionRecord
} from '$lib/domain/decisions/record';
import { scoreSure, SURE_ITEMS, type SureScore } from '$lib/domain/decisions/sure';
import { langSchema, type Lang } from '$lib/domain/education/article';
import type { ContentIssue } from '$lib/domain/education/validation';
import { getLocale } from '$lib/paraglide/runtime.js';
import { liveRecords, vault } from '$lib/state/vault.svelte';
import type { Result } from '$lib/domain/result';

// ---- Aids --------------------------------------------------------------------------------------

const aidsResponseSchema = z.strictObject({ lang: langSchema, aids: z.array(decisionAidSchema) });

export type AidsLoadError = { readonly type: 'offline' } | { readonly type: 'invalid' };
type Loaded<T> = Result<T, AidsLoadError>;

// A plain object, not a Map: the cache is not reactive state.
const aidCache: Partial<Record<Lang, Promise<Loaded<readonly DecisionAid[]>>>> = {};

function fetchAids(lang: Lang): Promise<Loaded<readonly DecisionAid[]>> {
	const cached = aidCache[lang];
	if (cached) return cached;
	const loading = (async (): Promise<Loaded<readonly DecisionAid[]>> => {
		let text: string;
		try {
			const response = await fetch(`/content/aids/${lang}.json`);
			if (!response.ok) return { ok: false, error: { type: 'offline' } };
			text = await response.text();
		} catch {
			return { ok: false, error: { type: 'offline' } };
		}
		try {
			const parsed = aidsResponseSchema.safeParse(JSON.parse(text));
			return parsed.success
				? { ok: true, value: parsed.data.aids }
				: { ok: false, error: { type: 'invalid' } };
		} catch {
			return { ok: false, error: { type: 'invalid' } };
		}
	})();
	aidCache[lang] = loading;
	void loading.then((r) => {
		if (!r.ok) aidCache[lang] = undefined;
	});
	return loading;
}

/** The content language: the UI language. */
export function aidLang(): Lang {
	return langSchema.catch('en').parse(getLocale());
}

/** Aids imported from a file in this session (kept in memory only, never sent anywhere). */
let imported = $state.raw<readonly DecisionAid[]>([]);

export type ImportOutcome =
	| { readonly ok: true; readonly aid: DecisionAid }
	| { readonly ok: false; readonly issues: readonly ContentIssue[]; readonly message: string };

/** Validates a file's text as a decision aid and, when valid, lists it for this session. */
export function importAidFile(text: string, fileName: string): ImportOutcome {
	const result = importAid(text, fileName);
	if (!result.ok) return { ok: false, issues: result.error.issues, message: result.error.message };
	const aid = result.value;
	imported = [...imported.filter((a) => !(a.id === aid.id && a.lang === aid.lang)), aid];
	return { ok: true, aid };
}

export function isImported(aid: DecisionAid): boolean {
	return imported.includes(aid);
}

type Status = 'loading' | 'ready' | 'error';

/** Every aid of the current language (bundled, then imported), and which have a draft. */
export function createAidList() {
	let status = $state<Status>('loading');
	let error = $state<AidsLoadError | null>(null);
	let bundled = $state.raw<readonly DecisionAid[]>([]);
	let drafts = $state.raw<readonly string[]>([]);

	async function load(lang: Lang) {
		status = 'loading';
		const result = await fetchAids(lang);
		if (!result.ok) {
			error = result.error;
			status = 'error';
			return;
		}
		bundled = result.value;
		status = 'ready';
	}

	$effect(() => {
		void load(aidLang());
	});

	const aids = $derived([
		...bundled,
		...imported.filter((a) => a.lang === aidLang() && !bundled.some((b) => b.id === a.id))
	]);

	$effect(() => {
		const ids = aids.map((a) => a.id);
		let cancelled = false;
		void Promise.all(ids.map(async (id) => ((await loadDraft(id)) ? id : null))).then((found) => {
			if (!cancelled) drafts = found.filter((id): id is string => id !== null);
		});
		return () => {
			cancelled = true;
		};
	});

	return {
		get status() {
			return status;
		},
		get error() {
			return error;
		},
		get aids(): readonly DecisionAid[] {
			return aids;
		},
		hasDraft: (aidId: string) => drafts.includes(aidId),
		retry() {
			void load(aidLang());
		}
	};
}

/** The aid `aidId` in `lang` (bundled, or imported this session); null when it cannot be had. */
export async function findAid(aidId: string, lang: Lang): Promise<DecisionAid | null> {
	const result = await fetchAids(lang);
	return (
		(result.ok ? result.value.find((a) => a.id === aidId) : undefined) ??
		imported.find((a) => a.id === aidId && a.lang === lang) ??
		null
	);
}

/** One aid of the current language (bundled or imported), loaded lazily. */
export function createAid(aidId: () => string) {
	let status = $state<Status | 'missing'>('loading');
	let aid = $state.raw<DecisionAid | null>(null);

	$effect(() => {
		const id = aidId();
		const lang = aidLang();
		let cancelled = false;
		status = 'loading';
		void fetchAids(lang).then((result) => {
			if (cancelled) return;
			const found =
				(result.ok ? result.value.find((a) => a.id === id) : undefined) ??
				imported.find((a) => a.id === id && a.lang === lang);
			aid = found ?? null;
			status = found ? 'ready' : result.ok ? 'missing' : 'error';
		});
		return () => {
			cancelled = true;
		};
	});

	return {
		get status() {
			return status;
		},
		get aid() {
			return aid;
		}
	};
}

// ---- The flow and its encrypted draft ----------------------------------------------------------

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
const draftSchema = z.object({
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
export type DecisionDraft = z.infer<typeof draftSchema>;
export type PartialSure = DecisionDraft['sure'];

const draftKey = (aidId: string) => `decision:${aidId}`;

async function loadDraft(aidId: string): Promise<DecisionDraft | null> {
	if (vault.status !== 'unlocked') return null;
	const parsed = draftSchema.safeParse(await vault.vault().loadDraft(draftKey(aidId)));
	return parsed.success && parsed.data.aidId === aidId ? parsed.data : null;
}

function emptyDraft(aidId: string): DecisionDraft {
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

/** The SURE score once all four items are answered, else null. */
export function sureScoreOf(sure: PartialSure): SureScore | null {
	const { sure: s, understand, risks, encouragement } = sure;
	if (s === null || understand === null || risks === null || encouragement === null) return null;
	return scoreSure({ sure: s, understand, risks, encouragement });
}

export function questionLines(questions: string): readonly string[] {
	return questions
		.split('\n')
		.map((q) => q.trim())
		.filter((q) => q !== '')
		.slice(0, 30);
}

function localToday(nowMs: number): string {
	const now = new Date(nowMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type SaveRecordError =
	| { readonly type: 'sure-incomplete' }
	| { readonly type: 'not-saved' }
	| { readonly type: 'invalid' };

/**
 * The flow for one aid: the draft (loaded from the vault, saved at every change), the step, and
 * saving the final record. Call during component initialisation.
 */
export function createDecisionFlow(aid: () => DecisionAid | null) {
	let draft = $state<DecisionDraft | null>(null);
	let saveTimer: ReturnType<typeof setTimeout> | null = null;

	$effect(() => {
		const current = aid();
		if (current === null) return;
		let cancelled = false;
		void loadDraft(current.id).then((loaded) => {
			if (!cancelled) draft = loaded ?? emptyDraft(current.id);
		});
		return () => {
			cancelled = true;
			flush();
		};
	});

	function persist() {
		if (draft === null) return;
		void vault.vault().saveDraft(draftKey(draft.aidId), $state.snapshot(draft));
	}

	function flush() {
		if (saveTimer === null) return;
		clearTimeout(saveTimer);
		saveTimer = null;
		persist();
	}

	/** Saves soon (typing); a step change saves at once. */
	function schedule() {
		if (saveTimer !== null) clearTimeout(saveTimer);
		saveTimer = setTimeout(() => {
			saveTimer = null;
			persist();
		}, 300);
	}

	function update(change: (d: DecisionDraft) => void, immediate = false) {
		if (draft === null) return;
		change(draft);
		if (immediate) {
			if (saveTimer !== null) clearTimeout(saveTimer);
			saveTimer = null;
			persist();
		} else schedule();
	}

	return {
		get ready() {
			return draft !== null;
		},
		get draft() {
			return draft;
		},
		get step(): Step {
			return STEPS[draft?.step ?? 0] ?? 'decision';
		},
		get stepIndex() {
			return draft?.step ?? 0;
		},
		goTo(index: number) {
			update((d) => {
				d.step = Math.min(STEPS.length - 1, Math.max(0, index));
			}, true);
		},
		setChoice(choice: string | null) {
			update((d) => {
				d.choice = choice;
			});
		},
		setReasons(text: string) {
			update((d) => {
				d.reasons = text.slice(0, 4000);
			});
		},
		setQuestions(text: string) {
			update((d) => {
				d.questions = text.slice(0, 15_000);
			});
		},
		setSlider(id: string, value: number) {
			update((d) => {
				d.sliders[id] = Math.min(100, Math.max(0, Math.round(value)));
			});
		},
		setKnowledge(id: string, index: number) {
			update((d) => {
				d.knowledge[id] = index;
				d.checked = d.checked.filter((c) => c !== id);
			});
		},
		checkKnowledge(id: string) {
			update((d) => {
				if (!d.checked.includes(id)) d.checked.push(id);
			}, true);
		},
		setSure(item: (typeof SURE_ITEMS)[number], value: boolean) {
			update((d) => {
				d.sure[item] = value;
			}, true);
		},
		get sureScore(): SureScore | null {
			return draft === null ? null : sureScoreOf(draft.sure);
		},
		async restart() {
			const current = aid();
			if (current === null) return;
			draft = emptyDraft(current.id);
			await vault.vault().clearDraft(draftKey(current.id));
		},
		/** Builds the record (domain), commits it to `decisions`, and clears the draft. */
		async saveRecord(
			nowMs: number = Date.now()
		): Promise<
			| { readonly ok: true; readonly record: DecisionRecord }
			| { readonly ok: false; readonly error: SaveRecordError }
		> {
			const current = aid();
			if (current === null || draft === null) return { ok: false, error: { type: 'invalid' } };
			const { sure: s, understand, risks, encouragement } = draft.sure;
			if (s === null || understand === null || risks === null || encouragement === null) {
				return { ok: false, error: { type: 'sure-incomplete' } };
			}
			const built = buildDecisionRecord(
				current,
				{
					aidId: current.id,
					choice: draft.choice,
					reasons: draft.reasons,
					sliders: draft.sliders,
					questions: [...questionLines(draft.questions)],
					sure: { sure: s, understand, risks, encouragement },
					knowledge: draft.knowledge
				},
				localToday(nowMs)
			);
			if (!built.ok) return { ok: false, error: { type: 'invalid' } };
			const committed = await vault.vault().commit([
				{
					type: 'put',
					kind: DECISION_RECORD,
					category: 'decisions',
					at: nowMs,
					body: built.value
				}
			]);
			if (!committed.ok) return { ok: false, error: { type: 'not-saved' } };
			if (saveTimer !== null) clearTimeout(saveTimer);
			saveTimer = null;
			await vault.vault().clearDraft(draftKey(current.id));
			return { ok: true, record: built.value };
		}
	};
}

// ---- Records -----------------------------------------------------------------------------------

const DECISION_RECORD = 'decision-record';

export interface SavedDecision {
	readonly id: string;
	readonly at: number;
	readonly record: DecisionRecord;
}

/** Saved decision records, newest first, live. Call during component initialisation. */
export function createDecisionRecords() {
	const records = liveRecords(() => ({ category: 'decisions', kinds: [DECISION_RECORD] }));
	const saved = $derived(
		(records.current ?? [])
			.filter((r) => !r.deleted)
			.flatMap((r): SavedDecision[] => {
				const parsed = decisionRecordSchema.safeParse(r.body);
				return parsed.success ? [{ id: r.id, at: r.at, record: parsed.data }] : [];
			})
			.toSorted((a, b) => b.at - a.at)
	);
	return {
		get ready() {
			return records.current !== undefined;
		},
		get all(): readonly SavedDecision[] {
			return saved;
		},
		latestFor(aidId: string): SavedDecision | undefined {
			return saved.find((s) => s.record.aidId === aidId);
		}
	};
}
