// The browser's Argon2: one lazily started Web Worker, jobs matched to replies by id.
import type { Argon2 } from './kdf';

interface Reply {
	readonly id: number;
	readonly hash?: Uint8Array;
	readonly error?: string;
}

export function createWorkerArgon2(): Argon2 {
	let worker: Worker | null = null;
	let nextId = 0;
	const pending = new Map<
		number,
		{ resolve: (h: Uint8Array) => void; reject: (e: Error) => void }
	>();

	function start(): Worker {
		const w = new Worker(new URL('./argon2.worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (event: MessageEvent<Reply>) => {
			const job = pending.get(event.data.id);
			if (!job) return;
			pending.delete(event.data.id);
			if (event.data.hash) job.resolve(event.data.hash);
			else job.reject(new Error(event.data.error ?? 'argon2'));
		};
		return w;
	}

	return (input) => {
		worker ??= start();
		const id = nextId++;
		const w = worker;
		return new Promise<Uint8Array>((resolve, reject) => {
			pending.set(id, { resolve, reject });
			w.postMessage({ id, ...input });
		});
	};
}
