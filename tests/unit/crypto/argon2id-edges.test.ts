// The edges of the browser's Argon2id and BLAKE2b that the known-answer tests (argon2id.test.ts) do
// not reach: each bad cost is refused by name before any WebAssembly runs, a module without the
// expected exports or without room for the fill is refused, H' of exactly 64 bytes is one BLAKE2b,
// and BLAKE2b's 64-bit additions carry only past 2^32 - 1 (inputs crafted so that a 32-bit half
// sums to exactly 0xffffffff, checked against hash-wasm). The stand-in modules are hand-assembled
// WebAssembly whose functions do nothing, so a cost that passes the checks reaches the module and
// fails (or succeeds) there, never in a 4 GiB allocation.
import { describe, expect, it } from 'vitest';
import { blake2b as hashWasmBlake2b } from 'hash-wasm';
import { createArgon2id, variableHash } from '$lib/crypto/argon2id';
import { blake2b } from '$lib/crypto/blake2b';
import { fromHex, toHex, utf8 } from '$lib/crypto/bytes';
import type { Argon2Input } from '$lib/crypto/kdf';

const bytesOf = (text: string): number[] => Array.from(utf8(text));
const section = (id: number, content: readonly number[]): number[] => [
	id,
	content.length,
	...content
];
const vec = (items: readonly (readonly number[])[]): number[] => [items.length, ...items.flat()];

/**
 * A WebAssembly module exporting one page of memory (unless `memory` is false) and the named
 * functions; Hash_GetBuffer returns `buffer`, the others do nothing. Sections stay under 128
 * bytes, so every size is one LEB128 byte.
 */
function standIn(options: {
	readonly memory?: boolean;
	readonly functions: readonly string[];
	readonly buffer?: number;
}): Promise<WebAssembly.Module> {
	const { functions, buffer = 1024 } = options;
	const signedLeb = (n: number): number[] => {
		const out: number[] = [];
		for (let rest = n; ; rest >>= 7) {
			const byte = rest & 0x7f;
			if ((rest >> 7 === 0 && (byte & 0x40) === 0) || (rest >> 7 === -1 && (byte & 0x40) !== 0)) {
				return [...out, byte];
			}
			out.push(byte | 0x80);
		}
	};
	// Type 0: () -> (); type 1: () -> i32.
	const types = section(
		1,
		vec([
			[0x60, 0, 0],
			[0x60, 0, 1, 0x7f]
		])
	);
	const kinds = functions.map((name) => (name === 'Hash_GetBuffer' ? 1 : 0));
	const funcs = section(3, vec(kinds.map((kind) => [kind])));
	const memory = options.memory === false ? [] : section(5, vec([[0, 1]]));
	const exports = section(
		7,
		vec([
			...(options.memory === false ? [] : [[6, ...bytesOf('memory'), 2, 0]]),
			...functions.map((name, i) => [name.length, ...bytesOf(name), 0, i])
		])
	);
	const bodies = kinds.map((kind) => {
		const code = kind === 1 ? [0, 0x41, ...signedLeb(buffer), 0x0b] : [0, 0x0b];
		return [code.length, ...code];
	});
	const code = section(10, vec(bodies));
	const bytes = Uint8Array.from([
		...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
		...types,
		...funcs,
		...memory,
		...exports,
		...code
	]);
	return WebAssembly.compile(bytes);
}

const ALL = ['Hash_SetMemorySize', 'Hash_GetBuffer', 'Hash_Calculate'] as const;
/** One 64 KiB page, the fill's memory starting at 1024: room for memoryKiB ≤ 62. */
const roomy = () => standIn({ functions: ALL });

const input = (costs: Partial<Argon2Input>): Argon2Input => ({
	password: utf8('p'),
	salt: new Uint8Array(16),
	memoryKiB: 8,
	iterations: 1,
	parallelism: 1,
	...costs
});

describe('Argon2id input checks', () => {
	const argon2id = createArgon2id(roomy);

	it('refuses each bad cost by name, before using the module', async () => {
		for (const parallelism of [0, -1, 1.5, 0x1000000]) {
			await expect(argon2id(input({ parallelism, memoryKiB: 64 }))).rejects.toThrow(
				/^Argon2: parallelism must be 1 to 2\^24 - 1$/u
			);
		}
		for (const iterations of [0, 2.5]) {
			await expect(argon2id(input({ iterations }))).rejects.toThrow(
				/^Argon2: iterations must be at least 1$/u
			);
		}
		for (const [memoryKiB, parallelism] of [
			[7, 1],
			[15, 2],
			[31, 4],
			[8.5, 1],
			[0x400000, 1],
			// The largest parallelism needs more memory than Argon2 allows: the memory is at fault.
			[0x3fffff, 0xffffff]
		] as const) {
			await expect(argon2id(input({ memoryKiB, parallelism }))).rejects.toThrow(
				/^Argon2: memory must be 8 × parallelism KiB to 4 GiB$/u
			);
		}
		await expect(argon2id(input({ salt: new Uint8Array(7) }))).rejects.toThrow(
			/^Argon2: the salt must be at least 8 bytes$/u
		);
	});

	it('accepts the smallest costs, an 8-byte salt, and the largest memory', async () => {
		expect(await argon2id(input({ salt: new Uint8Array(8) }))).toHaveLength(32);
		expect(await argon2id(input({ memoryKiB: 16, parallelism: 2 }))).toHaveLength(32);
		// Within the bounds, so the stand-in module (64 KiB) is what refuses it.
		await expect(argon2id(input({ memoryKiB: 0x3fffff }))).rejects.toThrow(
			/^Argon2: could not reserve the memory$/u
		);
	});
});

describe('Argon2id module checks', () => {
	it('refuses a module without the memory or one of the three functions', async () => {
		const modules = [
			standIn({ memory: false, functions: ALL }),
			...ALL.map((missing) => standIn({ functions: ALL.filter((name) => name !== missing) }))
		];
		for (const module of modules) {
			await expect(createArgon2id(() => module)(input({}))).rejects.toThrow(
				/^Argon2: not the expected WebAssembly module$/u
			);
		}
	});

	it('refuses a fill that does not fit in the memory, or a buffer at address 0', async () => {
		// 1024 (start) + 62 KiB + 1 KiB (parameters) is exactly one page: it fits.
		expect(await createArgon2id(roomy)(input({ memoryKiB: 62 }))).toHaveLength(32);
		await expect(createArgon2id(roomy)(input({ memoryKiB: 63 }))).rejects.toThrow(
			/^Argon2: could not reserve the memory$/u
		);
		const atZero = () => standIn({ functions: ALL, buffer: 0 });
		await expect(createArgon2id(atZero)(input({}))).rejects.toThrow(
			/^Argon2: could not reserve the memory$/u
		);
	});
});

describe("H' and BLAKE2b edges", () => {
	it("makes H' of at most 64 bytes one BLAKE2b of the length and the input", () => {
		for (const length of [1, 32, 63, 64]) {
			expect(toHex(variableHash(utf8('x'), length))).toBe(
				toHex(blake2b(new Uint8Array([length, 0, 0, 0, ...utf8('x')]), length))
			);
		}
	});

	it('carries into the high half only past 0xffffffff', async () => {
		// First input word chosen so that the first message addition's low half is 0xffffffff;
		// second word chosen so that the first addition of two state words is.
		for (const hex of ['e6b35b5f00000000', '00000000a12b35a2']) {
			const message = fromHex(hex);
			expect(toHex(blake2b(message, 64))).toBe(await hashWasmBlake2b(message, 512));
		}
	});

	it('names the bounds of the output length', () => {
		expect(() => blake2b(new Uint8Array(1), 0)).toThrow(
			/^BLAKE2b output length must be 1 to 64 bytes$/u
		);
	});
});
