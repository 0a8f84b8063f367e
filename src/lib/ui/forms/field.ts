// What the one field wrapper (Field.svelte) hands to its control: the ids and attributes that
// label and describe it.
export interface FieldControl {
	readonly id: string;
	/** The hint's and the error's ids, or undefined when there are none. */
	readonly describedBy: string | undefined;
	/** 'true' when there is an error, else undefined (so the attribute is absent). */
	readonly invalid: 'true' | undefined;
	readonly required: 'true' | undefined;
}
