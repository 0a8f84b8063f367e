// Properties of record encryption: round trip, tamper detection (ciphertext, IV, additional data),
// no cross-record swaps, unique IVs, and the Argon2id floor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal } from '$lib/crypto/aead';
import { toHex } from '$lib/crypto/bytes';
import { deriveRootKey, KDF_FLOOR } from '$lib/crypto/kdf';
import { generateCategoryKey } from '$lib/crypto/keys';
import { makeCiphertext, type BoundTo } from '$lib/crypto/types';

const boundArb = fc.record({
	id: fc.uuid(),
	circleId: fc.uuid(),
	category: fc.constantFrom('symptoms', 'measurements', 'medications', 'goals', 'notes'),
	keyId: fc.string({
		unit: fc.constantFrom(...Array.from('0123456789abcdef')),
		minLength: 16,
		maxLength: 16
	}),
	schemaVersion: fc.integer({ min: 1, max: 3 })
});

function flipBit(bytes: Uint8Array<ArrayBuffer>, bit: number): Uint8Array<ArrayBuffer> {
	const copy = new Uint8Array(bytes);
	const index = Math.floor(bit / 8) % copy.length;
	copy[index] = (copy[index] ?? 0) ^ (1 << (bit % 8));
	return copy;
}

describe('AES-GCM records', () => {
	it('round-trips any plaintext under any binding', async () => {
		const key = await generateCategoryKey();
		await fc.assert(
			fc.asyncProperty(boundArb, fc.uint8Array({ maxLength: 2048 }), async (bound, bytes) => {
				const plain = new Uint8Array(bytes);
				const opened = await open(key, bound, await seal(key, bound, plain));
				expect(opened && toHex(opened.bytes)).toBe(toHex(plain));
			}),
			{ numRuns: 300 }
		);
	});

	it('never decrypts after 10,000 random bit flips in ciphertext, IV or additional data', async () => {
		const key = await generateCategoryKey();
		const bound: BoundTo = {
			id: 'record-1',
			circleId: 'circle-1',
			category: 'symptoms',
			keyId: 'k1',
			schemaVersion: 1
		};
		const sealed = await seal(
			key,
			bound,
			new TextEncoder().encode('{"severity":7,"note":"canary"}')
		);
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('data', 'iv', 'id', 'circleId', 'category', 'keyId', 'schemaVersion'),
				fc.nat(),
				async (target, bit) => {
					let opened;
					if (target === 'data') {
						opened = await open(key, bound, makeCiphertext(sealed.iv, flipBit(sealed.data, bit)));
					} else if (target === 'iv') {
						opened = await open(key, bound, makeCiphertext(flipBit(sealed.iv, bit), sealed.data));
					} else if (target === 'schemaVersion') {
						opened = await open(
							key,
							{ ...bound, schemaVersion: bound.schemaVersion + 1 + (bit % 5) },
							sealed
						);
					} else {
						const value = bound[target];
						const changed =
							value.slice(0, -1) +
							String.fromCharCode(value.charCodeAt(value.length - 1) ^ (1 + (bit % 31)));
						opened = await open(key, { ...bound, [target]: changed }, sealed);
					}
					expect(opened).toBeNull();
					refused++;
				}
			),
			{ numRuns: 10_000 }
		);
		expect(refused).toBe(10_000);
	});

	it('never opens a ciphertext swapped onto another record', async () => {
		const key = await generateCategoryKey();
		await fc.assert(
			fc.asyncProperty(boundArb, boundArb, async (a, b) => {
				fc.pre(JSON.stringify(a) !== JSON.stringify(b));
				const sealedA = await seal(key, a, new TextEncoder().encode('record a'));
				expect(await open(key, b, sealedA)).toBeNull();
			}),
			{ numRuns: 500 }
		);
	});

	it('uses a fresh IV for each of 100,000 encryptions', async () => {
		const key = await generateCategoryKey();
		const bound: BoundTo = {
			id: 'r',
			circleId: 'c',
			category: 'notes',
			keyId: 'k',
			schemaVersion: 1
		};
		const plain = new Uint8Array([1, 2, 3]);
		const seen = new Set<string>();
		for (let batch = 0; batch < 100; batch++) {
			const sealed = await Promise.all(Array.from({ length: 1000 }, () => seal(key, bound, plain)));
			for (const s of sealed) {
				expect(s.iv).toHaveLength(12);
				seen.add(toHex(s.iv));
			}
		}
		expect(seen.size).toBe(100_000);
	});
});

describe('Argon2id floor', () => {
	it('refuses any parameters below m = 19 MiB, t = 2, p = 1 without deriving', async () => {
		let derivations = 0;
		const argon2 = () => {
			derivations++;
			return Promise.resolve(new Uint8Array(32));
		};
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					memoryKiB: fc.integer({ min: 1, max: 64 * 1024 }),
					iterations: fc.integer({ min: 1, max: 4 }),
					parallelism: fc.integer({ min: 1, max: 4 })
				}),
				async (params) => {
					const before = derivations;
					const result = await deriveRootKey(argon2, new Uint8Array(1), new Uint8Array(16), params);
					const atFloor =
						params.memoryKiB >= KDF_FLOOR.memoryKiB &&
						params.iterations >= KDF_FLOOR.iterations &&
						params.parallelism === 1;
					expect(result.ok).toBe(atFloor);
					expect(derivations - before).toBe(atFloor ? 1 : 0);
				}
			),
			{ numRuns: 500 }
		);
	});
});
