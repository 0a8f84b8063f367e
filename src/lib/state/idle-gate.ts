// When the work a first screen does not need may start (issue 18). The welcome, unlock and sign-in
// screens draw and take input from the framework, the shell and their messages; the vault (Dexie,
// zod, crypto, the Argon2 worker), Today's code and the service worker's precache are for the next
// step. Run while the screen is being drawn, their module evaluation held a slow phone's main
// thread for more than a second right after the first paint (Lighthouse: total blocking time of
// 300–1,500 ms on the welcome page). They now start at the person's first input on the page
// (a tap, a key, an autofilled field), or once the screen has been shown for `quietMs` and the
// browser is idle, whichever comes first: reading the screen, then typing a passphrase, leaves
// them the time to arrive. Invariant: `settled` resolves once, and never before one of the two.
// `shown` says the first screen is drawn, for the little a screen's next step needs and costs
// almost nothing to evaluate (the welcome page's create form): on 2G it then downloads while the
// link is idle, instead of sharing it with the vault once the gate opens.

/** A person acting on the page: a tap or click, a key, or a field filled (also by autofill). */
export const INPUT_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'input'] as const;

export interface IdleGateDeps {
	/** Where input is listened for (the window), in the capture phase. */
	readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
	readonly setTimeout: (run: () => void, ms: number) => unknown;
	/** Runs `run` when the browser is idle (requestIdleCallback, or a plain task where absent). */
	readonly requestIdle: (run: () => void) => void;
}

export interface IdleGate {
	/** Resolves at the first input, or once the screen has been quiet for `quietMs` and idle. */
	readonly settled: Promise<void>;
	/** Resolves once the first screen is drawn (or the gate was opened, whichever comes first). */
	readonly shown: Promise<void>;
	/** The first screen is drawn: the quiet time counts from now (later calls do nothing). */
	readonly firstScreenShown: () => void;
	/** Opens the gate now (a screen that needs the vault to draw, such as Today). */
	readonly open: () => void;
}

export function createIdleGate(deps: IdleGateDeps, quietMs: number): IdleGate {
	let resolveSettled: () => void = () => undefined;
	const settled = new Promise<void>((resolve) => {
		resolveSettled = resolve;
	});
	let resolveShown: () => void = () => undefined;
	const shown = new Promise<void>((resolve) => {
		resolveShown = resolve;
	});
	let opened = false;
	let counting = false;

	function open(): void {
		if (opened) return;
		opened = true;
		resolveShown();
		for (const type of INPUT_EVENTS) deps.target.removeEventListener(type, open, true);
		resolveSettled();
	}

	for (const type of INPUT_EVENTS) {
		deps.target.addEventListener(type, open, { capture: true, passive: true });
	}

	return {
		settled,
		shown,
		firstScreenShown() {
			resolveShown();
			if (counting || opened) return;
			counting = true;
			deps.setTimeout(() => {
				deps.requestIdle(open);
			}, quietMs);
		},
		open
	};
}

/** How long a first screen is left alone before idle-time loading starts without any input. */
export const QUIET_MS = 3000;

function browserDeps(): IdleGateDeps {
	return {
		target: window,
		setTimeout: (run, ms) => window.setTimeout(run, ms),
		requestIdle: (run) => {
			if (typeof window.requestIdleCallback === 'function') {
				window.requestIdleCallback(run, { timeout: 2000 });
			} else {
				window.setTimeout(run, 0);
			}
		}
	};
}

const inert: IdleGateDeps = {
	target: { addEventListener: () => undefined, removeEventListener: () => undefined },
	setTimeout: () => undefined,
	requestIdle: () => undefined
};

/** The page's one gate (listening from the moment this module is evaluated). */
export const idleGate: IdleGate = createIdleGate(
	typeof window === 'undefined' ? inert : browserDeps(),
	QUIET_MS
);
