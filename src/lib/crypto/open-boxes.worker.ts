// Opens a share of a campaign's sealed ballots off the main thread (./open-boxes.ts). The survey
// private key arrives as a structured-cloned CryptoKey (non-extractable keys clone too) and never
// leaves the worker in another form; every box that does not open is null, never an error.
import { openSealed } from './sealed-box';

interface Job {
	readonly privateKey: CryptoKey;
	readonly publicKey: string;
	readonly context: string;
	readonly boxes: readonly string[];
}

self.onmessage = (event: MessageEvent<Job>) => {
	const { privateKey, publicKey, context, boxes } = event.data;
	const own = { privateKey, publicKey };
	Promise.all(boxes.map((box) => openSealed(box, own, context))).then(
		(plains) => {
			self.postMessage({ plains });
		},
		() => {
			self.postMessage({ plains: boxes.map(() => null) });
		}
	);
};
