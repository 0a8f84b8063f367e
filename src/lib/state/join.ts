// Joining a circle from an invitation link in one short flow (issue 11 §2): the invitee gives a
// login and a passphrase once; behind it this device's journal (the vault, which holds her sharing
// keys) and her account are made with the ONE existing path of each (`vault.create`,
// `account.signUp`), then the invitation is accepted. Her recovery key is not shown in the middle
// of joining: it is sealed in the vault (`local-secret`, readable only while unlocked, i.e. by
// someone who already holds the passphrase) and offered from Settings until she says it is saved.
// Invariants: a step already done is never done twice (a retry after "login taken" keeps the
// vault just made); nothing here is sent anywhere but through the account and circle managers.
import type { Result } from '$lib/domain/result';
import { readLocalSecret, removeLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { account, type SignUpFailure } from './account.svelte';
import { vault } from './vault.svelte';

/** The invitation secret of a link's fragment, or null when it is not one (crypto/invitation). */
export { secretFromLink } from '$lib/crypto/invitation';

const RECOVERY_LATER = 'recovery-key-later';

export type JoinAccountFailure =
	{ readonly type: 'sign-up'; readonly error: SignUpFailure } | { readonly type: 'locked' };

/** Whether joining still needs a passphrase (no journal on this device yet). */
export const needsPassphrase = (): boolean => vault.status === 'absent';

/** Makes what is missing of journal + account; `passphrase` is only used when there is no journal. */
export async function prepareToJoin(
	login: string,
	passphrase: string
): Promise<Result<void, JoinAccountFailure>> {
	if (vault.isDemo) await vault.closeDemo();
	if (vault.status === 'absent') {
		const created = await vault.create(passphrase);
		await saveLocalSecret(
			vault.vault(),
			RECOVERY_LATER,
			new TextEncoder().encode(created.recoveryKey)
		);
	}
	if (vault.status !== 'unlocked') return { ok: false, error: { type: 'locked' } };
	if (account.account === null) {
		const signedUp = await account.signUp(login);
		if (!signedUp.ok) return { ok: false, error: { type: 'sign-up', error: signedUp.error } };
	}
	return { ok: true, value: undefined };
}

/** The recovery key still waiting to be written down, or null. */
export async function recoveryKeyToSave(): Promise<string | null> {
	if (vault.status !== 'unlocked' || vault.isDemo) return null;
	const bytes = await readLocalSecret(vault.vault(), RECOVERY_LATER);
	return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** She wrote it down: it is no longer kept. */
export async function recoveryKeySaved(): Promise<void> {
	await removeLocalSecret(vault.vault(), RECOVERY_LATER);
}
