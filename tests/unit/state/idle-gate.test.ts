// The idle gate (state/idle-gate.ts) holds back what the first screen does not need (the vault,
// Today's code, the service worker) until the person acts on the page or the screen has been quiet
// and idle: it must open on either, never before, and only once.
import { describe, expect, it } from 'vitest';
import { createIdleGate, INPUT_EVENTS, type IdleGateDeps } from '$lib/state/idle-gate';

function fakePage() {
	const timers: { run: () => void; ms: number }[] = [];
	const idle: (() => void)[] = [];
	const target = new EventTarget();
	const deps: IdleGateDeps = {
		target,
		setTimeout: (run, ms) => {
			timers.push({ run, ms });
		},
		requestIdle: (run) => {
			idle.push(run);
		}
	};
	return { deps, target, timers, idle };
}

async function isOpen(settled: Promise<void>): Promise<boolean> {
	let open = false;
	void settled.then(() => {
		open = true;
	});
	// Two turns of the microtask queue: a resolved promise has run its callbacks by then.
	await Promise.resolve();
	await Promise.resolve();
	return open;
}

describe('idle gate', () => {
	it('stays closed while the first screen is drawn and no one acts', async () => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		expect(await isOpen(gate.settled)).toBe(false);
		gate.firstScreenShown();
		expect(page.timers.map((timer) => timer.ms)).toEqual([3000]);
		expect(await isOpen(gate.settled)).toBe(false);
	});

	it('opens once the quiet time has passed and the browser is idle, not at the timer alone', async () => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		gate.firstScreenShown();
		gate.firstScreenShown();
		expect(page.timers).toHaveLength(1);
		page.timers[0]?.run();
		expect(await isOpen(gate.settled)).toBe(false);
		expect(page.idle).toHaveLength(1);
		page.idle[0]?.();
		expect(await isOpen(gate.settled)).toBe(true);
	});

	it.each(INPUT_EVENTS)('opens at the first %s, before any quiet time', async (type) => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		page.target.dispatchEvent(new Event(type));
		expect(await isOpen(gate.settled)).toBe(true);
		// Opened: the screen being shown afterwards starts no timer.
		gate.firstScreenShown();
		expect(page.timers).toHaveLength(0);
	});

	it('does not open on events that are not input (a programmatic focus, a scroll)', async () => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		page.target.dispatchEvent(new Event('focusin'));
		page.target.dispatchEvent(new Event('scroll'));
		expect(await isOpen(gate.settled)).toBe(false);
	});

	it('says the first screen is drawn at once, long before it opens', async () => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		expect(await isOpen(gate.shown)).toBe(false);
		gate.firstScreenShown();
		expect(await isOpen(gate.shown)).toBe(true);
		expect(await isOpen(gate.settled)).toBe(false);
		// Opened without a first screen (a link to Today): shown too.
		const other = createIdleGate(fakePage().deps, 3000);
		other.open();
		expect(await isOpen(other.shown)).toBe(true);
	});

	it('opens at once when asked (a first screen that needs the vault to draw)', async () => {
		const page = fakePage();
		const gate = createIdleGate(page.deps, 3000);
		gate.open();
		expect(await isOpen(gate.settled)).toBe(true);
	});

	it('stops listening once open', async () => {
		const page = fakePage();
		let listening = 0;
		const counted: IdleGateDeps = {
			...page.deps,
			target: {
				addEventListener: (...args: Parameters<EventTarget['addEventListener']>) => {
					listening += 1;
					page.target.addEventListener(...args);
				},
				removeEventListener: (...args: Parameters<EventTarget['removeEventListener']>) => {
					listening -= 1;
					page.target.removeEventListener(...args);
				}
			}
		};
		const gate = createIdleGate(counted, 3000);
		expect(listening).toBe(INPUT_EVENTS.length);
		page.target.dispatchEvent(new Event('keydown'));
		expect(await isOpen(gate.settled)).toBe(true);
		expect(listening).toBe(0);
	});
});
