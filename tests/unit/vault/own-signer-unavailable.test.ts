// Offline before the service worker holds the signing code (`vault/own-signatures.ts` is loaded on
// a session's first commit), its import fails. The entry must still be kept (unsigned, as before
// signing began), not lost to a thrown error that the quick log never shows.
import { describe, expect, it, vi } from 'vitest';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';

vi.mock('../../../src/lib/vault/own-signatures', () => {
	throw new TypeError('Failed to fetch dynamically imported module');
});

describe('a commit while the signing code cannot load', () => {
	it('keeps the entry, unsigned', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 3, 'offline')]);
		expect(saved.ok).toBe(true);
		const rows = await vault.query({ category: 'symptoms' });
		expect(rows).toHaveLength(1);
		expect(rows[0]?.signature).toBeUndefined();
	});
});
