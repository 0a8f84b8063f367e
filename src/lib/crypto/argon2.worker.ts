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

self.onmessage = (event: MessageEvent<Job>) => {
	const job = event.data;
	argon2HashWasm(job).then(
		(hash) => {
			self.postMessage({ id: job.id, hash });
		},
		(error: unknown) => {
			self.postMessage({ id: job.id, error: error instanceof Error ? error.message : 'argon2' });
		}
	);
};
