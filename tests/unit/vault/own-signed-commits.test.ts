// Her own writes signed by the vault's commit (src/lib/vault/records.ts with own-signatures.ts,
// issue 14): every entry she writes outside `settings` is signed once she has a signing identity,
// the marker of when signing began is kept once, at the first signed version, and a commit of
// `settings` alone does not load the signing code (issue 18). Found under Stryker (issue 17).
import { describe, expect, it, vi } from 'vitest';
import { OWN_SIGNATURES_KIND } from '$lib/vault/own-signatures';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';

const calls = vi.hoisted(() => ({ ownSigner: 0 }));

vi.mock('../../../src/lib/vault/own-signatures', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../../../src/lib/vault/own-signatures')>();
	return {
		...actual,
		ownSigner: (...args: Parameters<typeof actual.ownSigner>) => {
			calls.ownSigner++;
			return actual.ownSigner(...args);
		}
	};
});

const settingsOp = (at: number) => ({
	type: 'put' as const,
	kind: 'preference',
	category: 'settings' as const,
	at,
	body: { theme: 'dark' }
});

async function markers(vault: Vault) {
	return vault.query({ category: 'settings', kinds: [OWN_SIGNATURES_KIND] });
}

async function withIdentity(): Promise<Vault> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	expect(await signingIdentity(vault)).not.toBeNull();
	return vault;
}

describe('her own commits', () => {
	it('are signed outside settings, and the marker is kept once, at the first signed version', async () => {
		const vault = await withIdentity();
		const at = Date.now() - 5000;
		// The settings entry comes first: it has the smallest HLC of the commit, but is not signed.
		const saved = await vault.commit([settingsOp(at), symptomOp(at, 1), symptomOp(at + 1000, 2)]);
		if (!saved.ok) throw new Error('commit');
		const [setting, first, second] = saved.value;
		if (!setting || !first || !second) throw new Error('records');
		expect(setting.signature).toBeUndefined();
		expect(first.signature).toEqual(expect.any(String));
		expect(second.signature).toEqual(expect.any(String));
		expect(setting.hlc < first.hlc && first.hlc < second.hlc).toBe(true);
		expect((await markers(vault)).map((m) => m.body)).toEqual([{ since: first.hlc }]);

		const later = await vault.commit([symptomOp(at + 2000, 3)]);
		expect(later.ok && later.value[0]?.signature !== undefined).toBe(true);
		expect(await markers(vault)).toHaveLength(1);
	});

	it('keep no marker while nothing was signed, and sign once an identity exists', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const before = await vault.commit([symptomOp(Date.now() - 3000, 1)]);
		expect(before.ok && before.value[0]?.signature === undefined).toBe(true);
		expect(await signingIdentity(vault)).not.toBeNull();
		// Written under another author: not hers to sign, so still no marker (and no error).
		const restored = await vault.commit([symptomOp(Date.now() - 2000, 2)], { author: 'device-a' });
		if (!restored.ok) throw new Error('commit');
		expect(restored.value[0]?.signature).toBeUndefined();
		expect(await markers(vault)).toEqual([]);
		const signed = await vault.commit([symptomOp(Date.now() - 1000, 3)]);
		if (!signed.ok || !signed.value[0]) throw new Error('commit');
		expect(signed.value[0].signature).toEqual(expect.any(String));
		expect((await markers(vault)).map((m) => m.body)).toEqual([{ since: signed.value[0].hlc }]);
	});

	it('load the signer only for entries outside settings, once per session', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		calls.ownSigner = 0;
		expect((await vault.commit([settingsOp(Date.now() - 3000)])).ok).toBe(true);
		expect(await signingIdentity(vault)).not.toBeNull();
		expect(calls.ownSigner).toBe(0);
		expect((await vault.commit([symptomOp(Date.now() - 2000, 1)])).ok).toBe(true);
		expect((await vault.commit([symptomOp(Date.now() - 1000, 2)])).ok).toBe(true);
		expect(calls.ownSigner).toBe(1);
	});
});
