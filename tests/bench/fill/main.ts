// Runs on the app's own origin (the runner serves it there by intercepting /__bench/): creates the
// real vault database the app opens and fills it with ~20,000 entries over three years.
import { createWorkerArgon2 } from '$lib/crypto/argon2-worker-client';
import { createVault } from '$lib/vault/vault';
import { REAL_DB } from '$lib/vault/names';
import { fillJournal } from '../journal-fill';

async function fill(passphrase: string): Promise<number> {
	const vault = createVault({ dbName: REAL_DB, argon2: createWorkerArgon2() });
	await vault.create(passphrase);
	const count = await fillJournal(vault, { years: 3, now: Date.now(), locale: 'en' });
	vault.lock();
	return count;
}

Object.assign(globalThis, { cercleFill: fill });
document.body.dataset.ready = 'true';
