// Runs Argon2id off the main thread so that the page never freezes while unlocking. The page sends
// the address of Argon2's WebAssembly first (`argon2-worker-client.ts`); it is fetched and compiled
// once, on that message, so a warm-up ahead of the passphrase leaves nothing to do but the hash.
import { createArgon2id } from './argon2id';

interface Job {
	readonly id: number;
	readonly password: Uint8Array;
	readonly salt: Uint8Array;
	readonly memoryKiB: number;
	readonly iterations: number;
	readonly parallelism: number;
}

let wasmUrl = '';
let compiled: Promise<WebAssembly.Module> | null = null;

/** Argon2's module, compiled once; a failed download is tried again by the next job. */
function argon2Module(): Promise<WebAssembly.Module> {
	compiled ??= fetch(wasmUrl)
		.then((response) => {
			if (!response.ok) throw new Error(`argon2 module: ${response.status}`);
			return response.arrayBuffer();
		})
		.then((bytes) => WebAssembly.compile(bytes));
	compiled.catch(() => {
		compiled = null;
	});
	return compiled;
}

const argon2 = createArgon2id(argon2Module);

self.onmessage = (event: MessageEvent<Job | { readonly wasm: string }>) => {
	const job = event.data;
	if ('wasm' in job) {
		wasmUrl = job.wasm;
		argon2Module().catch(() => undefined);
		return;
	}
	argon2(job).then(
		(hash) => {
			self.postMessage({ id: job.id, hash });
		},
		(error: unknown) => {
			self.postMessage({ id: job.id, error: error instanceof Error ? error.message : 'argon2' });
		}
	);
};
