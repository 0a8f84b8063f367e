// The vault's refusal of a current secret as a passphrase form's error (ui/passphrase-form.ts
// `unlockFormError`, shared by the recovery screen and Settings > Security): a wrong secret is the
// `current` field's, in the caller's words; the others are the whole form's, in the vault's words.
import { describe, expect, it } from 'vitest';
import type { UnlockError } from '$lib/domain/records';
import { m } from '$lib/paraglide/messages.js';
import { unlockFormError } from '$lib/ui/passphrase-form';

describe('unlockFormError', () => {
	it('puts a wrong secret on the current field, in the words the caller gives', () => {
		const error = unlockFormError(
			{ type: 'wrong-secret', failures: 2, retryAfterMs: 0 },
			m.vault_settings_change_wrong
		);
		expect(error.field).toBe('current');
		expect(error.message()).toBe(m.vault_settings_change_wrong());
	});

	it.each([
		[{ type: 'throttled', retryAfterMs: 1000 }, m.vault_unlock_throttled],
		[{ type: 'kdf-below-floor' }, m.vault_unlock_kdf_floor],
		[{ type: 'no-vault' }, m.vault_unlock_no_vault]
	] satisfies [UnlockError, () => string][])('puts $0.type on the whole form', (refusal, words) => {
		const error = unlockFormError(refusal, m.vault_recovery_wrong);
		expect(error.field).toBe('form');
		expect(error.message()).toBe(words());
	});
});
