// The view state of one journal form, a rune helper of the UI (words for errors come from ./text):
// its values (kept as an encrypted draft while the person types), errors by field in their language, the message above the form, and the conflict choice when the
// entry changed elsewhere. Pages create one per form; form components stay presentational.
// Invariant: a draft is only applied when it has exactly the shape of the form's values, and it is
// cleared only after a successful save.
import { m } from '$lib/paraglide/messages.js';
import type { Result } from '$lib/domain/result';
import type { JournalRecord, SaveError } from '$lib/domain/journal/entries';
import { fieldErrors } from './error-text';
import { createDraft } from '$lib/state/journal.svelte';
import { vault } from '$lib/state/vault.svelte';

/**
 * Runs `start` once, as soon as the vault is unlocked (a form needs the keys to read the record it
 * edits and its draft). Call during component initialisation.
 */
export function onceUnlocked(start: () => Promise<void>): void {
	let started = false;
	$effect(() => {
		if (vault.status === 'unlocked' && !started) {
			started = true;
			void start();
		}
	});
}

/** True when `value` has the same keys as `template`, each with the same runtime type. */
export function hasShapeOf<V extends object>(template: V, value: unknown): value is V {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(template);
	if (Object.keys(value).length !== keys.length) return false;
	return keys.every((key) => {
		const expected: unknown = Reflect.get(template, key);
		const actual: unknown = Reflect.get(value, key);
		if (Array.isArray(expected)) return Array.isArray(actual);
		return typeof actual === typeof expected;
	});
}

export function createEntryForm<V extends object>(draftKey: string, initial: V) {
	let values = $state<V>(initial);
	let errors = $state<Readonly<Record<string, string>>>({});
	let alert = $state('');
	let busy = $state(false);
	let restored = $state(false);
	let conflict = $state<JournalRecord | null>(null);
	const draft = createDraft(draftKey, () => values);

	return {
		get values() {
			return values;
		},
		set values(next: V) {
			values = next;
		},
		get errors() {
			return errors;
		},
		get alert() {
			return alert;
		},
		get busy() {
			return busy;
		},
		get restored() {
			return restored;
		},
		get conflict() {
			return conflict;
		},
		/** Starts the form from `start`, or from the saved draft when there is one. */
		async load(start: V) {
			values = start;
			const saved = await draft.restore();
			if (hasShapeOf(start, saved)) {
				values = saved;
				restored = true;
			}
		},
		/** Runs `save`; on failure shows why. Returns the saved record, or null. */
		async submit(
			save: () => Promise<Result<JournalRecord, SaveError>>
		): Promise<JournalRecord | null> {
			busy = true;
			errors = {};
			alert = '';
			conflict = null;
			try {
				const result = await save();
				if (result.ok) {
					await draft.clear();
					return result.value;
				}
				switch (result.error.type) {
					case 'invalid':
						errors = fieldErrors(result.error.errors);
						alert = m.jui_fix_errors();
						break;
					case 'conflict':
						conflict = result.error.current;
						break;
					case 'locked':
						alert = m.jui_locked_error();
						break;
					case 'not-found':
						alert = m.jui_not_found();
						break;
				}
				return null;
			} finally {
				busy = false;
			}
		},
		clearConflict() {
			conflict = null;
		},
		async discardDraft() {
			await draft.clear();
		}
	};
}
