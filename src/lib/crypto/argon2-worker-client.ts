// The browser's Argon2: one lazily started Web Worker, jobs matched to replies by id.
import type { Argon2 } from './kdf';

interface Reply {
	readonly id: number;
	readonly hash?: Uint8Array;
	readonly error?: string;
}

/** The worker's Argon2, and `warm`: start the worker and compile its WebAssembly ahead of a job. */
export type WorkerArgon2 = Argon2 & { readonly warm: () => void };

export function createWorkerArgon2(): WorkerArgon2 {
	let worker: Worker | null = null;
	let nextId = 0;
	const pending = new Map<
		number,
		{ resolve: (h: Uint8Array) => void; reject: (e: Error) => void }
	>();

	function start(): Worker {
		const w = new Worker(new URL('./argon2.worker.ts', import.meta.url), { type: 'module' });
		// Argon2's WebAssembly, a file of its own (binary, not base64 inside the worker's script).
		w.postMessage({ wasm: new URL('./argon2id.wasm', import.meta.url).href });
		w.onmessage = (event: MessageEvent<Reply>) => {
			const job = pending.get(event.data.id);
			if (!job) return;
			pending.delete(event.data.id);
			if (event.data.hash) job.resolve(event.data.hash);
			else job.reject(new Error(event.data.error ?? 'argon2'));
		};
		return w;
	}

	const hash: Argon2 = (input) => {
		worker ??= start();
		const id = nextId++;
		const w = worker;
		return new Promise<Uint8Array>((resolve, reject) => {
			pending.set(id, { resolve, reject });
			w.postMessage({ id, ...input });
		});
	};
	// Called while the unlock form waits for the passphrase: the worker starts, and with it the
	// download and compilation of Argon2's WebAssembly, so neither happens after "Open" is pressed.
	const warm = () => {
		worker ??= start();
	};
	return Object.assign(hash, { warm });
}

let device: WorkerArgon2 | null = null;

/**
 * This page's one Argon2 worker, shared by the vault state and `loadVault`, which warms it while the
 * vault's own code downloads (on a slow link the worker's module then arrives in parallel, not
 * after the vault's code has run).
 */
export function deviceArgon2(): WorkerArgon2 {
	device ??= createWorkerArgon2();
	return device;
}
