// Props shapes shared by journal components and the pages that feed them (kept in a module so
// both `.svelte` and `.ts` code see the same type).

/** An as-needed medicine offered on Today with "I took it now". */
export interface AsNeededMedication {
	readonly id: string;
	readonly name: string;
	/** The usual dose, in words ("2 tablets"). */
	readonly dose: string;
}

/**
 * What every journal form takes from its page: the values it edits (bound), the domain's errors by
 * field path (ui/journal/error-text.ts `fieldErrors`), whether a save is under way, and the save.
 */
export interface JournalFormProps<V> {
	values: V;
	errors?: Readonly<Record<string, string>>;
	busy?: boolean;
	onsubmit: () => void;
}
