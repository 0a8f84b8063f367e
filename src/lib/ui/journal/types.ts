// Props shapes shared by journal components and the pages that feed them (kept in a module so
// both `.svelte` and `.ts` code see the same type).

/** An as-needed medicine offered on Today with "I took it now". */
export interface AsNeededMedication {
	readonly id: string;
	readonly name: string;
	/** The usual dose, in words ("2 tablets"). */
	readonly dose: string;
}
