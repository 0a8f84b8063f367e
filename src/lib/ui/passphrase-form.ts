// The contract between a passphrase form and its caller: what the form hands over, and the error
// the caller may hand back for one field. Messages stay functions so they follow a language switch.
import type { UnlockError } from '$lib/domain/records';
import { m } from '$lib/paraglide/messages.js';

export interface PassphraseFormError {
	readonly field: 'current' | 'passphrase' | 'form';
	readonly message: () => string;
}

export interface PassphraseFormValues {
	readonly current: string;
	readonly passphrase: string;
}

/**
 * The vault's refusal of the current secret (a recovery key, the passphrase being changed) as the
 * form's error: a wrong secret is the `current` field's, in the caller's words (`wrongSecret`);
 * the rest are the form's.
 */
export function unlockFormError(
	error: UnlockError,
	wrongSecret: () => string
): PassphraseFormError {
	switch (error.type) {
		case 'wrong-secret':
			return { field: 'current', message: wrongSecret };
		case 'throttled':
			return { field: 'form', message: m.vault_unlock_throttled };
		case 'kdf-below-floor':
			return { field: 'form', message: m.vault_unlock_kdf_floor };
		case 'no-vault':
			return { field: 'form', message: m.vault_unlock_no_vault };
	}
}
