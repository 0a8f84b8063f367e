// Joining a circle from an invitation link, the invitee's first step (issue 11 §2, issue 13): she
// gives a login and a passphrase once; what is missing of this device's journal (the vault, which
// holds her sharing keys) and her account is made with the ONE existing path of each (injected:
// the vault's `create`, the account's `signUp`), then the page accepts the invitation
// (commands/circle-invitations.ts). Her recovery key is not shown in the middle of joining: it is
// kept sealed in the vault (`keepRecoveryKey`) and offered from Settings until she says it is saved.
// Invariants: a step already done is never done twice (a retry after "login taken" keeps the vault
// just made); a login or passphrase that does not parse makes nothing.
import * as z from 'zod';
import { err, ok, type Result } from '$lib/domain/result';
import { readLocalSecret, removeLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import type { Vault } from '$lib/vault/vault';

/** The local secret (vault/local-secret.ts) holding the recovery key until she saved it. */
const RECOVERY_LATER = 'recovery-key-later';

/** Seals the recovery key of a journal made while joining in the open vault. */
export async function keepRecoveryKey(vault: Vault, recoveryKey: string): Promise<void> {
	await saveLocalSecret(vault, RECOVERY_LATER, new TextEncoder().encode(recoveryKey));
}

/** The recovery key still waiting to be written down, or null (none, or the vault is locked). */
export async function recoveryKeyWaiting(vault: Vault): Promise<string | null> {
	const bytes = await readLocalSecret(vault, RECOVERY_LATER);
	return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** She wrote it down: it is no longer kept (one local-secret removal). */
export async function recoveryKeySaved(vault: Vault): Promise<void> {
	await removeLocalSecret(vault, RECOVERY_LATER);
}

export type JoinAccountFailure<E> =
	| { readonly type: 'sign-up'; readonly error: E }
	| { readonly type: 'locked' }
	| { readonly type: 'invalid-input' };

export interface JoinDeps<E> {
	/** The journal's state on this device now. */
	readonly status: () => string;
	readonly isDemo: () => boolean;
	readonly closeDemo: () => Promise<void>;
	/** The vault's one way to make a journal; answers its recovery key. */
	readonly create: (passphrase: string) => Promise<{ readonly recoveryKey: string }>;
	/** Keeps the recovery key sealed in the open vault until she saved it. */
	readonly keepRecoveryKey: (recoveryKey: string) => Promise<void>;
	readonly hasAccount: () => boolean;
	/** The account's one way to sign up. */
	readonly signUp: (login: string) => Promise<Result<void, E>>;
}

const joinSchema = z.object({ login: z.string().trim().min(1), passphrase: z.string() });

export function createJoinCommands<E>(deps: JoinDeps<E>) {
	/** Makes what is missing of journal + account; `passphrase` is only used without a journal. */
	async function prepareToJoin(
		login: string,
		passphrase: string
	): Promise<Result<void, JoinAccountFailure<E>>> {
		const parsed = joinSchema.safeParse({ login, passphrase });
		if (!parsed.success) return err({ type: 'invalid-input' });
		if (deps.isDemo()) await deps.closeDemo();
		if (deps.status() === 'absent') {
			const created = await deps.create(parsed.data.passphrase);
			await deps.keepRecoveryKey(created.recoveryKey);
		}
		if (deps.status() !== 'unlocked') return err({ type: 'locked' });
		if (!deps.hasAccount()) {
			const signedUp = await deps.signUp(parsed.data.login);
			if (!signedUp.ok) return err({ type: 'sign-up', error: signedUp.error });
		}
		return ok(undefined);
	}

	return { prepareToJoin };
}
