// Decision aids as the UI sees them: the bundled aids (validated at build time into prerendered
// /content/aids/<lang>.json, fetched lazily and parsed again with zod here), aids imported from a
// file for this session, the step-by-step flow with its progress saved as an encrypted draft at
// every change, and the final decision records kept in the vault's `decisions` category.
// Invariants: a draft is saved under `decision:<aidId>` and survives locking and reloads; every
// write goes through `decisionCommands` (commands/decisions.ts), so a record is only built by the
// domain (`buildDecisionRecord`, its SURE score computed, never typed) and saved in one commit.
import * as z from 'zod';
import { decisionAidSchema, type DecisionAid } from '$lib/domain/decisions/aid';
import { importAid } from '$lib/domain/decisions/parse-aid';
import { decisionRecordSchema, type DecisionRecord } from '$lib/domain/decisions/record';
import {
	decisionDraftKey,
	emptyDraft,
	parseDecisionDraft,
	sureScoreOf,
	STEPS,
	type DecisionDraft,
	type Step
} from '$lib/domain/decisions/draft';
import { SURE_ITEMS, type SureScore } from '$lib/domain/decisions/sure';
import {
	createDecisionCommands,
	DECISION_RECORD,
	type DecisionError
} from '$lib/commands/decisions';
import { langSchema, type Lang } from '$lib/domain/education/article';
import type { ContentIssue } from '$lib/domain/education/validation';
import { getLocale } from '$lib/paraglide/runtime.js';
import { liveRecords, vault } from '$lib/state/vault.svelte';
import { err, type Result } from '$lib/domain/result';

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

/** Every decision write, by name: parse → domain → one vault commit (commands/decisions.ts). */
export const decisionCommands = createDecisionCommands({
	store: () => (vault.status === 'unlocked' ? vault.vault() : null),
	now: () => Date.now()
});

async function loadDraft(aidId: string): Promise<DecisionDraft | null> {
	if (vault.status !== 'unlocked') return null;
	return parseDecisionDraft(await vault.vault().loadDraft(decisionDraftKey(aidId)), aidId);
}

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
		void decisionCommands.saveDraft($state.snapshot(draft));
	}

	function cancelPending() {
		if (saveTimer !== null) clearTimeout(saveTimer);
		saveTimer = null;
	}

	function flush() {
		if (saveTimer === null) return;
		cancelPending();
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
			cancelPending();
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
			cancelPending();
			draft = emptyDraft(current.id);
			await decisionCommands.restart(current.id);
		},
		/** Saves the decision record (one commit); the draft is cleared only once it is saved. */
		async saveRecord(): Promise<Result<DecisionRecord, DecisionError>> {
			const current = aid();
			if (current === null || draft === null) return err({ type: 'invalid-draft' });
			// A pending draft save must not bring the draft back after the record cleared it.
			cancelPending();
			const saved = await decisionCommands.saveRecord(current, $state.snapshot(draft));
			if (!saved.ok) persist();
			return saved;
		}
	};
}

// ---- Records -----------------------------------------------------------------------------------

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
