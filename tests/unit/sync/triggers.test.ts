import { describe, expect, it } from 'vitest';
import { timeoutSchedule } from '$lib/sync/scheduler';
import { connectSyncTriggers } from '$lib/sync/triggers';

function aPage() {
	const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
	return { window: new EventTarget(), document };
}

describe('sync triggers', () => {
	it('forwards reconnects, disconnects and becoming visible, until disconnected', () => {
		const calls: string[] = [];
		const page = aPage();
		const disconnect = connectSyncTriggers(
			{
				notifyOnline: () => calls.push('online'),
				notifyOffline: () => calls.push('offline'),
				notifyVisible: () => calls.push('visible')
			},
			page
		);
		page.window.dispatchEvent(new Event('offline'));
		page.window.dispatchEvent(new Event('online'));
		page.document.dispatchEvent(new Event('visibilitychange'));
		page.document.visibilityState = 'visible';
		page.document.dispatchEvent(new Event('visibilitychange'));
		disconnect();
		page.window.dispatchEvent(new Event('online'));
		page.document.dispatchEvent(new Event('visibilitychange'));
		expect(calls).toEqual(['offline', 'online', 'visible']);
	});

	it('syncs when the app window gets the focus back (issue 11 §6), until disconnected', () => {
		const calls: string[] = [];
		const page = aPage();
		const disconnect = connectSyncTriggers(
			{
				notifyOnline: () => calls.push('online'),
				notifyOffline: () => calls.push('offline'),
				notifyVisible: () => calls.push('visible')
			},
			page
		);
		page.window.dispatchEvent(new Event('focus'));
		disconnect();
		page.window.dispatchEvent(new Event('focus'));
		expect(calls).toEqual(['visible']);
	});

	it('timeoutSchedule cancels through the host clear function', () => {
		const cleared: number[] = [];
		const schedule = timeoutSchedule(
			(_fn: () => void, ms: number) => ms * 10,
			(handle: number) => cleared.push(handle)
		);
		schedule(() => undefined, 5)();
		expect(cleared).toEqual([50]);
	});
});
