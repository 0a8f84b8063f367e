// Every key of an unlocked session is non-extractable (issue 17, hole 2): a script that reads the
// session (an XSS, a malicious extension) may use the keys while the vault is open but can never
// export them. Checked on every way into a session: create, unlock with the passphrase, unlock with
// the recovery key, passphrase change, a new category key; and on every key WebCrypto hands back
// while unlocking.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCategoryKey } from '$lib/crypto/keys';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NEXT = 'another long enough passphrase';

function vaultKeyOf(vault: ReturnType<typeof makeVault>): CryptoKey {
	const material = vault.sharingKeyMaterial();
	if (material === null) throw new Error('locked');
	return material.vaultKey;
}

/** Records every key WebCrypto returns from unwrapKey, deriveKey and importKey while `run` runs. */
async function keysMadeDuring(run: () => Promise<unknown>): Promise<CryptoKey[]> {
	const made: CryptoKey[] = [];
	const subtle = crypto.subtle;
	const record = <T extends CryptoKey>(key: T): T => {
		made.push(key);
		return key;
	};
	const unwrap = subtle.unwrapKey.bind(subtle);
	const derive = subtle.deriveKey.bind(subtle);
	const importKey = subtle.importKey.bind(subtle);
	vi.spyOn(subtle, 'unwrapKey').mockImplementation(async (...args) =>
		record(await unwrap(...args))
	);
	vi.spyOn(subtle, 'deriveKey').mockImplementation(async (...args) =>
		record(await derive(...args))
	);
	vi.spyOn(subtle, 'importKey').mockImplementation(
		// importKey's overloads differ only by the key format; the call is passed through unchanged.
		async (...args: Parameters<typeof subtle.importKey>) =>
			record(await Reflect.apply(importKey, subtle, args))
	);
	await run();
	vi.restoreAllMocks();
	return made;
}

/**
 * The one extractable key an unlock makes on purpose: the public constant the vault key wraps to
 * derive the key-row sealing key (src/lib/crypto/keys.ts `deriveKeyRowKey`); wrapping needs it
 * extractable, and it is no secret. Any other extractable key is a leak.
 */
const KEY_ROW_PRF_INPUT = new TextEncoder().encode('cercle/v1/key-rows/prf-input/32b');

async function secretAndExtractable(keys: readonly CryptoKey[]): Promise<CryptoKey[]> {
	const out: CryptoKey[] = [];
	for (const key of keys) {
		if (!key.extractable) continue;
		const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
		const isConstant =
			raw.length === KEY_ROW_PRF_INPUT.length && raw.every((b, i) => b === KEY_ROW_PRF_INPUT[i]);
		if (!isConstant) out.push(key);
	}
	return out;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('an unlocked session', () => {
	it('holds only non-extractable keys after unlock with the passphrase', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		expect(vaultKeyOf(vault).extractable).toBe(false);
		vault.lock();
		const made = await keysMadeDuring(async () => {
			expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		});
		// The vault key, one key per category, the KEK and the HKDF base: all non-extractable.
		expect(made.filter((k) => k.algorithm.name === 'AES-GCM').length).toBeGreaterThan(1);
		expect(made.filter((k) => k.algorithm.name === 'AES-KW').length).toBeGreaterThan(1);
		expect(await secretAndExtractable(made)).toEqual([]);
		expect(vaultKeyOf(vault).extractable).toBe(false);
	});

	it('holds a non-extractable vault key after a recovery unlock and a passphrase change', async () => {
		const vault = makeVault();
		const { recoveryKey } = await vault.create(PASSPHRASE);
		vault.lock();
		expect((await vault.unlockWithRecoveryKey(recoveryKey, NEXT)).ok).toBe(true);
		expect(vaultKeyOf(vault).extractable).toBe(false);
		expect((await vault.changePassphrase(NEXT, PASSPHRASE)).ok).toBe(true);
		expect(vaultKeyOf(vault).extractable).toBe(false);
	});

	it('keeps a newly installed category key non-extractable', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const made = await keysMadeDuring(async () => {
			expect(await vault.installCategoryKey('notes', await generateCategoryKey())).not.toBeNull();
		});
		expect(made.length).toBeGreaterThan(0);
		expect(await secretAndExtractable(made)).toEqual([]);
	});
});
