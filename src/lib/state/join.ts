// Joining a circle from an invitation link in one short flow (issue 11 §2): the command
// (commands/join.ts `prepareToJoin`) bound to this device's vault and account, and the recovery key
// kept while joining: sealed in the vault (`local-secret`, readable only while unlocked, i.e. by
// someone who already holds the passphrase) and offered from Settings until she says it is saved
// (the commands `keepRecoveryKey` and `recoveryKeySaved` of commands/join.ts).
import * as commands from '$lib/commands/join';
import type { JoinAccountFailure as Failure } from '$lib/commands/join';
import { account, type SignUpFailure } from './account.svelte';
import { vault } from './vault.svelte';

/** The invitation secret of a link's fragment, or null when it is not one (crypto/invitation). */
export { secretFromLink } from '$lib/crypto/invitation';

export type JoinAccountFailure = Failure<SignUpFailure>;

/** Whether joining still needs a passphrase (no journal on this device yet). */
export const needsPassphrase = (): boolean => vault.status === 'absent';

/** Makes what is missing of journal + account; `passphrase` is only used when there is no journal. */
export const { prepareToJoin } = commands.createJoinCommands<SignUpFailure>({
	status: () => vault.status,
	isDemo: () => vault.isDemo,
	closeDemo: () => vault.closeDemo(),
	create: (passphrase) => vault.create(passphrase),
	keepRecoveryKey: (recoveryKey) => commands.keepRecoveryKey(vault.vault(), recoveryKey),
	hasAccount: () => account.account !== null,
	signUp: (login) => account.signUp(login)
});

/** The recovery key still waiting to be written down, or null. */
export async function recoveryKeyToSave(): Promise<string | null> {
	if (vault.status !== 'unlocked' || vault.isDemo) return null;
	return commands.recoveryKeyWaiting(vault.vault());
}

/** She wrote it down: it is no longer kept. */
export const recoveryKeySaved = (): Promise<void> => commands.recoveryKeySaved(vault.vault());
