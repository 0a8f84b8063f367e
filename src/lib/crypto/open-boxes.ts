// Opening many sealed boxes at once (a campaign's ballots, issue 15 §6): each box costs one ECDH
// and one AES-GCM, so the work is split over a few Web Workers (navigator.hardwareConcurrency, at
// most MAX_WORKERS), each opening a contiguous share; results come back in the boxes' order.
// Without Worker (tests in Node), for a handful of boxes, or when a worker fails, the boxes are
// opened on this thread instead: the outcome is the same, only slower.
// Invariant: never throws; a box that does not open is null at its index.
import { openSealed } from './sealed-box';

export const MAX_WORKERS = 4;
/** Below this many boxes, starting workers costs more than it saves. */
const MIN_BOXES_FOR_WORKERS = 64;

type Own = { readonly privateKey: CryptoKey; readonly publicKey: string };

const onThisThread = (boxes: readonly string[], own: Own, context: string) =>
	Promise.all(boxes.map((box) => openSealed(box, own, context)));

function workerCount(): number {
	if (typeof Worker === 'undefined' || typeof navigator === 'undefined') return 0;
	return Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
}

function inWorker(boxes: readonly string[], own: Own, context: string): Promise<(string | null)[]> {
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./open-boxes.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			resolve(onThisThread(boxes, own, context));
			return;
		}
		const fallback = () => {
			worker.terminate();
			resolve(onThisThread(boxes, own, context));
		};
		worker.onerror = fallback;
		worker.onmessageerror = fallback;
		worker.onmessage = (event: MessageEvent<{ readonly plains: (string | null)[] }>) => {
			worker.terminate();
			const plains = event.data.plains;
			if (!Array.isArray(plains) || plains.length !== boxes.length) {
				resolve(onThisThread(boxes, own, context));
				return;
			}
			resolve(plains.map((p) => (typeof p === 'string' ? p : null)));
		};
		worker.postMessage({ privateKey: own.privateKey, publicKey: own.publicKey, context, boxes });
	});
}

/** The plaintext of each box (null where it does not open), in order. */
export async function openBoxes(
	boxes: readonly string[],
	own: Own,
	context: string,
	workers = workerCount()
): Promise<(string | null)[]> {
	if (workers === 0 || boxes.length < MIN_BOXES_FOR_WORKERS)
		return onThisThread(boxes, own, context);
	const share = Math.ceil(boxes.length / workers);
	const parts: Promise<(string | null)[]>[] = [];
	for (let start = 0; start < boxes.length; start += share)
		parts.push(inWorker(boxes.slice(start, start + share), own, context));
	return (await Promise.all(parts)).flat();
}
