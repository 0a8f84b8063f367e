// Argon2id (RFC 9106, version 0x13) for the browser's worker: the memory fill runs in hash-wasm's
// Argon2 WebAssembly (`argon2id.wasm`, taken byte for byte from hash-wasm 4.13.0, MIT, and held
// equal to it by a unit test), shipped as a binary file; H0 and H' use the BLAKE2b of
// `blake2b.ts`. hash-wasm's own entry embeds that module and a BLAKE2b module as base64 inside
// its JavaScript (11 kB gzip on the way to an unlocked Today; this is about 4 kB).
// Invariant: the same 32 bytes as hash-wasm's `argon2id` and @node-rs/argon2 for the same input
// (unit test). The compiled module is injected, so Node tests read the file and the worker fetches it.
import { blake2b } from './blake2b';
import type { Argon2, Argon2Input } from './kdf';

interface Argon2Exports {
	readonly memory: WebAssembly.Memory;
	readonly Hash_SetMemorySize: (totalBytes: number) => number;
	readonly Hash_GetBuffer: () => number;
	readonly Hash_Calculate: (length: number, memoryKiB: number) => void;
}

const VERSION = 0x13;
const ARGON2ID = 2;
const HASH_LENGTH = 32;
const BLOCK = 1024;

function isArgon2Exports(
	exports: WebAssembly.Exports
): exports is WebAssembly.Exports & Argon2Exports {
	return (
		exports.memory instanceof WebAssembly.Memory &&
		typeof exports.Hash_SetMemorySize === 'function' &&
		typeof exports.Hash_GetBuffer === 'function' &&
		typeof exports.Hash_Calculate === 'function'
	);
}

function le32(...values: readonly number[]): Uint8Array {
	const out = new Uint8Array(values.length * 4);
	const view = new DataView(out.buffer);
	values.forEach((value, i) => {
		view.setUint32(i * 4, value, true);
	});
	return out;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** H' of RFC 9106 §3.3: a hash of any length `length` from BLAKE2b. */
export function variableHash(input: Uint8Array, length: number): Uint8Array {
	const first = concat(le32(length), input);
	if (length <= 64) return blake2b(first, length);
	const out = new Uint8Array(length);
	const whole = Math.ceil(length / 32) - 2;
	let previous = blake2b(first, 64);
	out.set(previous.subarray(0, 32));
	for (let i = 1; i < whole; i++) {
		previous = blake2b(previous, 64);
		out.set(previous.subarray(0, 32), i * 32);
	}
	out.set(blake2b(previous, length - 32 * whole), whole * 32);
	return out;
}

function checkInput(input: Argon2Input): void {
	const { memoryKiB, iterations, parallelism } = input;
	if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 0xffffff) {
		throw new RangeError('Argon2: parallelism must be 1 to 2^24 - 1');
	}
	if (!Number.isInteger(iterations) || iterations < 1) {
		throw new RangeError('Argon2: iterations must be at least 1');
	}
	if (!Number.isInteger(memoryKiB) || memoryKiB < 8 * parallelism || memoryKiB > 0x3fffff) {
		throw new RangeError('Argon2: memory must be 8 × parallelism KiB to 4 GiB');
	}
	if (input.salt.length < 8) throw new RangeError('Argon2: the salt must be at least 8 bytes');
}

/**
 * Argon2id with a 32-byte output over the compiled Argon2 module `module` (one fresh instance per
 * hash, so its memory is given back when the hash is done).
 */
export function createArgon2id(module: () => Promise<WebAssembly.Module>): Argon2 {
	return async (input) => {
		checkInput(input);
		const { password, salt, memoryKiB, iterations, parallelism } = input;
		const instance = await WebAssembly.instantiate(await module());
		const wasm = instance.exports;
		if (!isArgon2Exports(wasm)) throw new Error('Argon2: not the expected WebAssembly module');

		// The fill's memory: the blocks, then one block for its parameters.
		const total = memoryKiB * BLOCK + BLOCK;
		const start = wasm.Hash_GetBuffer();
		wasm.Hash_SetMemorySize(total);
		if (start === 0 || wasm.memory.buffer.byteLength < start + total) {
			throw new Error('Argon2: could not reserve the memory');
		}
		const memory = new Uint8Array(wasm.memory.buffer, start, total);
		memory.set(
			le32(parallelism, HASH_LENGTH, memoryKiB, iterations, VERSION, ARGON2ID),
			memoryKiB * BLOCK
		);

		const h0 = blake2b(
			concat(
				le32(parallelism, HASH_LENGTH, memoryKiB, iterations, VERSION, ARGON2ID, password.length),
				password,
				le32(salt.length),
				salt,
				le32(0, 0)
			),
			64
		);
		const laneLength = Math.floor(memoryKiB / (4 * parallelism)) * 4;
		for (let lane = 0; lane < parallelism; lane++) {
			for (let block = 0; block < 2; block++) {
				memory.set(
					variableHash(concat(h0, le32(block, lane)), BLOCK),
					(lane * laneLength + block) * BLOCK
				);
			}
		}
		wasm.Hash_Calculate(0, memoryKiB);
		// The fill leaves the XOR of the lanes' last blocks in the first block.
		return variableHash(memory.slice(0, BLOCK), HASH_LENGTH);
	};
}
