// The notification's language follows the app, not the browser: the page's message is validated,
// the worker's database keeps the language across restarts, and the words chosen are the app's
// even on an English browser (or with an English title from the server, set when subscribing).
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createActionQueue } from '$lib/shared/action-queue';
import { appLocaleMessage, appLocaleOf } from '$lib/shared/app-locale';
import {
	NOTIFICATION_TEXT,
	notificationLocale,
	notificationText
} from '../../../service-worker/notification-text';

const EN_TITLE = 'Cercle: you have a reminder';
const FR_TITLE = 'Cercle\u202f: vous avez un rappel';

describe('notification text', () => {
	it('is French when the app is in French on an English browser, whatever the server sent', () => {
		for (const title of [EN_TITLE, FR_TITLE, null]) {
			expect(notificationText('fr', title, 'en-US')).toEqual({
				title: FR_TITLE,
				taken: 'Pris',
				snooze: 'Rappeler dans 10 min'
			});
		}
	});

	it('is English when the app is in English on a French browser', () => {
		expect(notificationText('en', FR_TITLE, 'fr-FR')).toEqual({
			title: EN_TITLE,
			taken: 'Taken',
			snooze: 'Snooze 10 min'
		});
	});

	it('before the app said anything: the server title, then the browser, decide', () => {
		expect(notificationLocale(null, FR_TITLE, 'en-GB')).toBe('fr');
		expect(notificationText(null, FR_TITLE, 'en-GB').taken).toBe('Pris');
		expect(notificationLocale(null, null, 'fr-CA')).toBe('fr');
		expect(notificationLocale(null, 'something else', 'de-DE')).toBe('en');
		expect(notificationText(null, null, 'en-US').title).toBe(EN_TITLE);
	});

	it('holds no health words in any language', () => {
		const words = JSON.stringify(NOTIFICATION_TEXT).toLowerCase();
		for (const word of ['médicament', 'medicine', 'dose', 'symptom', 'symptôme', 'task', 'tâche']) {
			expect(words).not.toContain(word);
		}
	});
});

describe('the page → worker message', () => {
	it('carries a known language and nothing else', () => {
		expect(appLocaleOf(appLocaleMessage('fr'))).toBe('fr');
		expect(appLocaleOf({ type: 'cercle-app-locale', locale: 'en' })).toBe('en');
		expect(appLocaleOf({ type: 'cercle-app-locale', locale: 'de' })).toBeNull();
		expect(appLocaleOf({ type: 'SKIP_WAITING' })).toBeNull();
		expect(appLocaleOf('fr')).toBeNull();
		expect(appLocaleOf(null)).toBeNull();
	});
});

describe("the worker's stored language", () => {
	it('is null until told, then kept (the latest wins) across reopenings', async () => {
		const factory = new IDBFactory();
		expect(await createActionQueue(factory).appLocale()).toBeNull();
		await createActionQueue(factory).setAppLocale('fr');
		expect(await createActionQueue(factory).appLocale()).toBe('fr');
		await createActionQueue(factory).setAppLocale('en');
		expect(await createActionQueue(factory).appLocale()).toBe('en');
	});

	it('lives beside the queue without touching it', async () => {
		const queue = createActionQueue(new IDBFactory());
		await queue.append({ opaqueId: 'A'.repeat(22), action: 'taken', at: 1 });
		await queue.setAppLocale('fr');
		await queue.markReceived({ opaqueId: 'A'.repeat(22), at: 2 });
		expect((await queue.list()).map((a) => a.action)).toEqual(['taken']);
		expect(await queue.appLocale()).toBe('fr');
		expect(await queue.lastReceived()).toEqual({ opaqueId: 'A'.repeat(22), at: 2 });
	});
});
