// Runs Argon2id off the main thread so that the page never freezes while unlocking.
import { argon2HashWasm } from './argon2-hash-wasm';

interface Job {
	readonly id: number;
	readonly password: Uint8Array;
	readonly salt: Uint8Array;
	readonly memoryKiB: number;
	readonly iterations: number;
	readonly parallelism: number;
}

/** Compiles Argon2's WebAssembly with a tiny hash whose result is thrown away (hash-wasm keeps it). */
const WARM_JOB = {
	password: new Uint8Array(1),
	salt: new Uint8Array(8),
	memoryKiB: 8,
	iterations: 1,
	parallelism: 1
};

self.onmessage = (event: MessageEvent<Job | { readonly warm: true }>) => {
	const job = event.data;
	if ('warm' in job) {
		argon2HashWasm(WARM_JOB).catch(() => undefined);
		return;
	}
	argon2HashWasm(job).then(
		(hash) => {
			self.postMessage({ id: job.id, hash });
		},
		(error: unknown) => {
			self.postMessage({ id: job.id, error: error instanceof Error ? error.message : 'argon2' });
		}
	);
};
