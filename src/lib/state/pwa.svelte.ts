// Service-worker registration and the "update available — reload" prompt. The worker never calls
// skipWaiting by itself: a new version waits until the person taps Reload, so a page is never
// swapped under someone typing. Invariant: we reload only after the new worker took control.
import { dev } from '$app/environment';

let updateAvailable = $state(false);
let offline = $state(typeof navigator !== 'undefined' ? !navigator.onLine : false);
let waiting: ServiceWorker | null = null;
let started = false;

function watchInstalling(registration: ServiceWorkerRegistration, worker: ServiceWorker): void {
	worker.addEventListener('statechange', () => {
		// "installed" with an existing controller means an older version still runs this page.
		if (worker.state === 'installed' && navigator.serviceWorker.controller) {
			waiting = registration.waiting ?? worker;
			updateAvailable = true;
		}
	});
}

async function register(): Promise<void> {
	const registration = await navigator.serviceWorker.register('/service-worker.js', {
		type: 'module'
	});
	if (registration.waiting && navigator.serviceWorker.controller) {
		waiting = registration.waiting;
		updateAvailable = true;
	}
	if (registration.installing) watchInstalling(registration, registration.installing);
	registration.addEventListener('updatefound', () => {
		if (registration.installing) watchInstalling(registration, registration.installing);
	});
}

export const pwa = {
	get updateAvailable(): boolean {
		return updateAvailable;
	},
	get offline(): boolean {
		return offline;
	},
	/**
	 * Called once by the root layout. Registers the worker in production builds only, once `after`
	 * settles: its precache downloads the whole app, which on a slow link must not compete with
	 * what the first screen and the vault need (issue 18).
	 */
	start(after: Promise<unknown> = Promise.resolve()): void {
		if (started || typeof window === 'undefined') return;
		started = true;
		window.addEventListener('online', () => (offline = false));
		window.addEventListener('offline', () => (offline = true));
		if (dev || !('serviceWorker' in navigator)) return;
		after
			.catch(() => undefined)
			.then(register)
			.catch(() => {
				// Without a worker the app still runs online; offline use needs a later visit.
				updateAvailable = false;
			});
	},
	/** Tell the waiting worker to take over, then reload once it controls the page. */
	applyUpdate(): void {
		if (!waiting) return;
		navigator.serviceWorker.addEventListener(
			'controllerchange',
			() => {
				window.location.reload();
			},
			{ once: true }
		);
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}
};
