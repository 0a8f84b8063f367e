// The browser's Argon2id (`crypto/argon2id.ts`: hash-wasm's Argon2 WebAssembly shipped as a binary
// file, BLAKE2b in JavaScript) gives the same bytes as two other implementations — hash-wasm's
// own `argon2id` and Node's OpenSSL (`crypto.argon2Sync`) — and as the key hierarchy's known answer,
// so moving the worker off hash-wasm's entry changes no vault's keys. BLAKE2b is held to RFC 7693's
// vectors and to hash-wasm's BLAKE2b for every length around the block size.
import { argon2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argon2id as hashWasmArgon2id, blake2b as hashWasmBlake2b } from 'hash-wasm';
import { createArgon2id, variableHash } from '$lib/crypto/argon2id';
import { blake2b } from '$lib/crypto/blake2b';
import { fromHex, toHex, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, KDF_FLOOR, normalizePassphrase } from '$lib/crypto/kdf';

const wasmPath = new URL('../../../src/lib/crypto/argon2id.wasm', import.meta.url);
const compiled = WebAssembly.compile(readFileSync(wasmPath));
const argon2id = createArgon2id(() => compiled);

describe('BLAKE2b', () => {
	it('matches RFC 7693 (Appendix A) and the empty-input vector', () => {
		expect(toHex(blake2b(utf8('abc'), 64))).toBe(
			'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
				'7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923'
		);
		expect(toHex(blake2b(new Uint8Array(0), 64))).toBe(
			'786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419' +
				'd25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce'
		);
	});

	it('equals hash-wasm for inputs around the block size and every output length', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ minLength: 0, maxLength: 400 }),
				fc.integer({ min: 1, max: 64 }),
				async (input, length) => {
					expect(toHex(blake2b(input, length))).toBe(await hashWasmBlake2b(input, length * 8));
				}
			),
			{ numRuns: 200 }
		);
		for (const size of [127, 128, 129, 255, 256, 257]) {
			const input = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
			expect(toHex(blake2b(input, 64))).toBe(await hashWasmBlake2b(input, 512));
		}
	});

	it('refuses an output length outside 1..64', () => {
		expect(() => blake2b(new Uint8Array(1), 0)).toThrow(RangeError);
		expect(() => blake2b(new Uint8Array(1), 65)).toThrow(RangeError);
	});

	it("builds Argon2's H' of 1024 bytes from 32-byte steps", () => {
		const out = variableHash(utf8('x'), 1024);
		expect(out).toHaveLength(1024);
		// The last 64 bytes come from one BLAKE2b-512 of the step before.
		expect(toHex(out.subarray(0, 32))).toBe(
			toHex(blake2b(new Uint8Array([0, 4, 0, 0, ...utf8('x')]), 64).subarray(0, 32))
		);
	});
});

describe('Argon2id over the shipped WebAssembly', () => {
	it('is the module hash-wasm 4.13.0 embeds, byte for byte', () => {
		const entry = readFileSync(
			new URL('../../../node_modules/hash-wasm/dist/index.esm.js', import.meta.url),
			'utf8'
		);
		const embedded = /var name\$(\w+) = "argon2";\s*var data\$\1 = "([^"]+)"/u.exec(entry)?.[2];
		expect(embedded).toBeDefined();
		expect(Buffer.from(readFileSync(wasmPath)).toString('base64')).toBe(embedded);
	});

	const cases = [
		{ memoryKiB: 8, iterations: 1, parallelism: 1 },
		{ memoryKiB: 64, iterations: 3, parallelism: 1 },
		{ memoryKiB: 100, iterations: 2, parallelism: 2 },
		{ memoryKiB: 257, iterations: 1, parallelism: 4 },
		KDF_FLOOR
	] as const;

	for (const costs of cases) {
		it(`equals hash-wasm and OpenSSL at m=${costs.memoryKiB} t=${costs.iterations} p=${costs.parallelism}`, async () => {
			const password = utf8('cheval correct agrafe pile');
			const salt = Uint8Array.from({ length: 16 }, (_, i) => 200 - i);
			const ours = toHex(await argon2id({ password, salt, ...costs }));
			const hashWasm = await hashWasmArgon2id({
				password,
				salt,
				memorySize: costs.memoryKiB,
				iterations: costs.iterations,
				parallelism: costs.parallelism,
				hashLength: 32,
				outputType: 'hex'
			});
			const openssl = argon2Sync('argon2id', {
				message: password,
				nonce: salt,
				memory: costs.memoryKiB,
				passes: costs.iterations,
				parallelism: costs.parallelism,
				tagLength: 32
			}).toString('hex');
			expect(ours).toBe(openssl);
			expect(hashWasm).toBe(openssl);
		});
	}

	it("gives the key hierarchy's known root key at the floor", async () => {
		const root = await deriveRootKey(
			argon2id,
			utf8(normalizePassphrase('correct horse battery staple')),
			fromHex('636572636c652d6b61742d73616c742d'),
			KDF_FLOOR
		);
		expect(root.ok && toHex(root.value)).toBe(
			'e012f4606b73a9148afb48430a7c0890ea8a256453880b00dd34ed6c917eed26'
		);
	});

	it('refuses costs Argon2 does not define and a short salt', async () => {
		const password = utf8('p');
		const salt = new Uint8Array(16);
		await expect(
			argon2id({ password, salt, memoryKiB: 7, iterations: 1, parallelism: 1 })
		).rejects.toThrow(RangeError);
		await expect(
			argon2id({ password, salt, memoryKiB: 64, iterations: 0, parallelism: 1 })
		).rejects.toThrow(RangeError);
		await expect(
			argon2id({ password, salt: new Uint8Array(7), memoryKiB: 64, iterations: 1, parallelism: 1 })
		).rejects.toThrow(RangeError);
	});
});
