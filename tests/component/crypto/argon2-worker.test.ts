// The browser's Argon2 worker (src/lib/crypto/argon2-worker-client.ts): warming it up ahead of the
// passphrase changes nothing of what it computes, and warming twice starts nothing more.
import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { createWorkerArgon2 } from '$lib/crypto/argon2-worker-client';

const INPUT = {
	password: new TextEncoder().encode('correct horse battery staple'),
	salt: new Uint8Array(16).fill(7),
	memoryKiB: 1024,
	iterations: 2,
	parallelism: 1
};

describe('Argon2 in a worker', () => {
	it('hashes the same after a warm-up as without one', async () => {
		const expected = await argon2HashWasm(INPUT);
		const warmed = createWorkerArgon2();
		warmed.warm();
		warmed.warm();
		const cold = createWorkerArgon2();
		const [fromWarmed, fromCold] = await Promise.all([warmed(INPUT), cold(INPUT)]);
		expect(Array.from(fromWarmed)).toEqual(Array.from(expected));
		expect(Array.from(fromCold)).toEqual(Array.from(expected));
	});

	it('answers a job sent right after the warm-up, in order', async () => {
		const argon2 = createWorkerArgon2();
		argon2.warm();
		const other = { ...INPUT, salt: new Uint8Array(16).fill(9) };
		const [first, second] = await Promise.all([argon2(INPUT), argon2(other)]);
		expect(Array.from(first)).toEqual(Array.from(await argon2HashWasm(INPUT)));
		expect(Array.from(second)).toEqual(Array.from(await argon2HashWasm(other)));
	});
});
