// Argon2id through hash-wasm, used inside the Web Worker and directly by Node tests.
import { argon2id } from 'hash-wasm';
import type { Argon2 } from './kdf';

export const argon2HashWasm: Argon2 = async (input) =>
	argon2id({
		password: input.password,
		salt: input.salt,
		memorySize: input.memoryKiB,
		iterations: input.iterations,
		parallelism: input.parallelism,
		hashLength: 32,
		outputType: 'binary'
	});
