// The contract between a passphrase form and its caller: what the form hands over, and the error
// the caller may hand back for one field. Messages stay functions so they follow a language switch.
export interface PassphraseFormError {
	readonly field: 'current' | 'passphrase' | 'form';
	readonly message: () => string;
}

export interface PassphraseFormValues {
	readonly current: string;
	readonly passphrase: string;
}
