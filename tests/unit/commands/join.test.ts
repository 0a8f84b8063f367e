// Joining from an invitation link (commands/join.ts): what is missing of journal and account is
// made once, by the vault's and the account's own paths; a refusal is data and stops what follows.
// The recovery key kept while joining lives sealed in a real vault (fake-indexeddb) until saved.
import { describe, expect, it } from 'vitest';
import {
	createJoinCommands,
	keepRecoveryKey,
	recoveryKeySaved,
	recoveryKeyWaiting,
	type JoinDeps
} from '$lib/commands/join';
import { err, ok } from '$lib/domain/result';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

function device(
	over: Partial<Omit<JoinDeps<string>, 'status'>> & { readonly initially?: string } = {}
) {
	const { initially = 'absent', ...rest } = over;
	const done: string[] = [];
	let status = initially;
	let account = false;
	const deps: JoinDeps<string> = {
		status: () => status,
		isDemo: () => false,
		closeDemo: () => Promise.resolve(),
		create: (passphrase) => {
			done.push(`create:${passphrase}`);
			status = 'unlocked';
			return Promise.resolve({ recoveryKey: 'RK' });
		},
		keepRecoveryKey: (key) => {
			done.push(`keep:${key}`);
			return Promise.resolve();
		},
		hasAccount: () => account,
		signUp: (login) => {
			done.push(`sign-up:${login}`);
			account = true;
			return Promise.resolve(ok(undefined));
		},
		...rest
	};
	return { done, commands: createJoinCommands(deps) };
}

describe('prepareToJoin', () => {
	it('makes the journal, keeps its recovery key, then signs up, once each', async () => {
		const { done, commands } = device();
		expect(await commands.prepareToJoin('odette@example.org', 'pass phrase')).toEqual(
			ok(undefined)
		);
		expect(await commands.prepareToJoin('odette@example.org', 'pass phrase')).toEqual(
			ok(undefined)
		);
		expect(done).toEqual(['create:pass phrase', 'keep:RK', 'sign-up:odette@example.org']);
	});

	it('an empty login makes nothing', async () => {
		const { done, commands } = device();
		expect(await commands.prepareToJoin('  ', 'pass phrase')).toEqual(
			err({ type: 'invalid-input' })
		);
		expect(done).toEqual([]);
	});

	it('a locked journal is locked: no account is made', async () => {
		const { done, commands } = device({ initially: 'locked' });
		expect(await commands.prepareToJoin('odette@example.org', 'x')).toEqual(
			err({ type: 'locked' })
		);
		expect(done).toEqual([]);
	});

	it('a refused sign-up says why, and the journal just made stays for the retry', async () => {
		const { done, commands } = device({
			signUp: () => Promise.resolve(err('login-taken'))
		});
		expect(await commands.prepareToJoin('odette@example.org', 'pass phrase')).toEqual(
			err({ type: 'sign-up', error: 'login-taken' })
		);
		expect(done).toEqual(['create:pass phrase', 'keep:RK']);
	});
});

describe('the recovery key kept while joining', () => {
	it('waits sealed in the vault, readable only while unlocked, until she says it is saved', async () => {
		const vault = makeVault();
		const { recoveryKey } = await vault.create(PASSPHRASE);
		expect(await recoveryKeyWaiting(vault)).toBeNull();
		await keepRecoveryKey(vault, recoveryKey);
		expect(await recoveryKeyWaiting(vault)).toBe(recoveryKey);
		vault.lock();
		expect(await recoveryKeyWaiting(vault)).toBeNull();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await recoveryKeyWaiting(vault)).toBe(recoveryKey);
		await recoveryKeySaved(vault);
		expect(await recoveryKeyWaiting(vault)).toBeNull();
	});
});
