// The journal as the UI sees it: the typed repository bound to the open vault, live typed queries
// across categories, encrypted drafts, undo after delete, and the sample-person filler.
// Invariant: components read journal data only through `liveJournal` (and `journal`'s reads) and
// write only through `journalCommands`, so every write is validated by the domain and is one commit.
import { getLocale } from '$lib/paraglide/runtime.js';
import { defaultUnitPreferences, type UnitPreferences } from '$lib/domain/journal/measurements';
import type { JournalKind } from '$lib/domain/journal/records';
import {
	categoriesOf,
	createJournalRepo,
	isKind,
	toJournalRecords,
	type JournalRecord,
	type JournalRepo
} from '$lib/vault/repos/journal';
import type { DeriveQuery } from '$lib/domain/records';
import { createJournalCommands } from '$lib/commands/journal';

/** What `liveDerived` takes (the vault's derived-digest query), named here for pages. */
export type { DeriveQuery };
import { vault } from './vault.svelte';

const repo = createJournalRepo({ store: () => vault.vault(), now: () => Date.now() });

/** Reads of the journal. Writes go only through `journalCommands` (the type leaves them out). */
export const journal: Pick<JournalRepo, 'list' | 'get' | 'unitPreferences'> = repo;

/** Every journal write, by name: parse → domain → one vault commit (commands/journal.ts). */
export const journalCommands = createJournalCommands({ repo, now: () => Date.now() });

vault.registerDemoFiller(async (v) => {
	const { fillSamplePerson } = await import('$lib/commands/journal-sample');
	await fillSamplePerson(v, {
		now: Date.now(),
		locale: getLocale() === 'fr' ? 'fr' : 'en',
		timeZone: currentTimeZone()
	});
});

/** The person's current IANA time zone (schedules follow the wall clock where they are). */
export function currentTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export interface JournalQuery {
	readonly kinds: readonly JournalKind[];
	readonly from?: number;
	readonly to?: number;
}

/**
 * Live, parsed journal records of several kinds (possibly in several categories), sorted by time.
 * `current` is undefined until the first results arrive. Call during component initialisation.
 */
export function liveJournal(query: () => JournalQuery): {
	readonly current: readonly JournalRecord[] | undefined;
} {
	// Raw: records are replaced, never mutated, and a deep proxy over thousands of them is costly.
	let current = $state.raw<readonly JournalRecord[] | undefined>(undefined);
	$effect(() => {
		const q = query();
		if (vault.status !== 'unlocked') {
			current = undefined;
			return;
		}
		const groups = [...categoriesOf(q.kinds)];
		if (groups.length === 0) {
			current = [];
			return;
		}
		// Not reactive on purpose: a plain accumulator; `current` is the reactive output.
		const results: Record<string, readonly JournalRecord[]> = {};
		const stops = groups.map(([category, kinds]) =>
			vault.vault().observe(
				{
					category,
					kinds,
					...(q.from === undefined ? {} : { from: q.from }),
					...(q.to === undefined ? {} : { to: q.to })
				},
				(records) => {
					results[category] = toJournalRecords(records);
					if (Object.keys(results).length === groups.length) {
						current = Object.values(results)
							.flat()
							.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
					}
				}
			)
		);
		return () => {
			for (const stop of stops) stop();
		};
	});
	return {
		get current() {
			return current;
		}
	};
}

/**
 * Live per-bucket digests (see ./journal-digest.ts): the values of every query's buckets, in query
 * order then bucket order. `current` is undefined until every query has answered. Call during
 * component initialisation.
 */
export function liveDerived<T>(queries: () => readonly DeriveQuery<T>[]): {
	readonly current: readonly T[] | undefined;
} {
	let current = $state.raw<readonly T[] | undefined>(undefined);
	$effect(() => {
		const list = queries();
		if (vault.status !== 'unlocked') {
			current = undefined;
			return;
		}
		if (list.length === 0) {
			current = [];
			return;
		}
		// Not reactive on purpose: a plain accumulator; `current` is the reactive output.
		const results: (readonly T[] | undefined)[] = list.map(() => undefined);
		const stops = list.map((query, index) =>
			vault.vault().observeDerived(query, (values) => {
				results[index] = values.map((v) => v.value);
				if (results.every((r) => r !== undefined)) {
					current = results.flat();
				}
			})
		);
		return () => {
			for (const stop of stops) stop();
		};
	});
	return {
		get current() {
			return current;
		}
	};
}

/** The person's unit preferences, live (defaults from the locale until they choose). */
export function liveUnitPreferences(): { readonly current: UnitPreferences } {
	const records = liveJournal(() => ({ kinds: ['unit-preferences'] }));
	const current = $derived.by((): UnitPreferences => {
		const latest = records.current?.filter(isKind('unit-preferences')).at(-1);
		if (!latest) return defaultUnitPreferences(navigatorLocale());
		const { weight, glucose, temperature } = latest.body;
		return { weight, glucose, temperature };
	});
	return {
		get current() {
			return current;
		}
	};
}

function navigatorLocale(): string {
	return typeof navigator === 'undefined' ? getLocale() : navigator.language;
}

const DRAFT_DELAY_MS = 600;

/**
 * Keeps a form's values as an encrypted draft while the person types (debounced), so nothing is
 * lost if the app locks or validation fails. `restore` returns the saved draft, if any.
 */
export function createDraft(key: string, read: () => unknown) {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let armed = false;
	$effect(() => {
		const value = JSON.stringify(read());
		if (!armed) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			if (vault.status === 'unlocked') void vault.vault().saveDraft(key, JSON.parse(value));
		}, DRAFT_DELAY_MS);
		return () => {
			if (timer) clearTimeout(timer);
		};
	});
	return {
		async restore(): Promise<unknown> {
			const saved = vault.status === 'unlocked' ? await vault.vault().loadDraft(key) : undefined;
			armed = true;
			return saved;
		},
		async clear(): Promise<void> {
			armed = false;
			if (timer) clearTimeout(timer);
			if (vault.status === 'unlocked') await vault.vault().clearDraft(key);
		}
	};
}

const UNDO_MS = 8000;

/** After a delete: what can be undone, for a few seconds. */
function createUndo() {
	let pending = $state<JournalRecord | null>(null);
	let timer: ReturnType<typeof setTimeout> | null = null;
	return {
		get pending() {
			return pending;
		},
		offer(record: JournalRecord) {
			if (timer) clearTimeout(timer);
			pending = record;
			timer = setTimeout(() => {
				pending = null;
			}, UNDO_MS);
		},
		async undo(): Promise<boolean> {
			const record = pending;
			if (!record) return false;
			if (timer) clearTimeout(timer);
			pending = null;
			const restored = await journalCommands.restoreEntry(record);
			return restored.ok;
		},
		dismiss() {
			if (timer) clearTimeout(timer);
			pending = null;
		}
	};
}

export const undo = createUndo();
