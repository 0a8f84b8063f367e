// Issue 18 (bytes to an unlocked Today) and issue 12 (identity keys): unlocking no longer makes the
// signing identity of a vault that has none, so the identity and sharing-key code is not on the
// way to Today; the `(app)` layout asks for it once the page is drawn
// (`vault.ensureSigningIdentity`), and only then is the identity made and sealed in the vault.
import { describe, expect, it } from 'vitest';
import { vault } from '$lib/state/vault.svelte';
import { SIGNING_IDENTITY_KIND } from '$lib/vault/sharing-keys';

const PASSPHRASE = 'une phrase assez longue pour ce coffre de test';

const identities = async () =>
	(await vault.vault().query({ category: 'settings', kinds: [SIGNING_IDENTITY_KIND] })).length;

describe('the signing identity after an unlock', () => {
	it('is made when the layout asks after the page, not by the unlock itself', async () => {
		await vault.create(PASSPHRASE);
		expect(vault.status).toBe('unlocked');
		vault.lock();
		expect(vault.status).toBe('locked');

		const unlocked = await vault.unlock(PASSPHRASE);
		expect(unlocked.ok).toBe(true);
		expect(vault.status).toBe('unlocked');
		expect(await identities()).toBe(0);

		vault.ensureSigningIdentity();
		await expect.poll(identities).toBe(1);
		// Asked again (the layout's effect re-runs): still the one identity.
		vault.ensureSigningIdentity();
		vault.lock();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		vault.ensureSigningIdentity();
		await expect.poll(identities).toBe(1);
	});
});
