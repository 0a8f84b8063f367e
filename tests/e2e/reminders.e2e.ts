// Reminders that arrive, in English and French: a daily dose due now shows on Today; Settings
// explains push before any permission request and subscribes; with the journal locked, a push
// delivered to the service worker (CDP `ServiceWorker.deliverPushMessage`) shows a generic
// notification, in the app's language even on an English browser with an English title from the
// server (the page told the worker its language); "Taken" on that notification is queued by the worker's real click handler and
// applied, encrypted, at unlock: the dose is in the Journal and no longer due. axe on Today and
// Settings with the reminders visible.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import {
	clickNotificationAction,
	createPushDelivery,
	createRemindersPages,
	queuedActions,
	recentLocalTime,
	serviceWorkerOf,
	shownNotifications
} from './pages/reminders';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';
const MEDICINE = 'Levothyrox';

for (const language of ['English', 'Français'] as const) {
	test(`reminders journey (${language})`, async ({ page, context, baseURL }) => {
		const fr = language === 'Français';
		const origin = new URL(baseURL ?? '').origin;
		const welcome = createWelcomePage(page);
		const reminders = createRemindersPages(page);
		const shell = createShell(page);

		// 1. A vault, a medicine taken every day a minute ago: due on Today.
		await welcome.goto();
		await welcome.chooseLanguage(language);
		await welcome.createJournal(SECRET);
		await shell.waitForServiceWorkerControl();
		const worker = await serviceWorkerOf(context);
		await reminders.addDailyMedication(MEDICINE, await recentLocalTime(page));
		await reminders.toToday();
		const item = reminders.dueItem(MEDICINE);
		await expect(item).toBeVisible();
		await expect(item).toContainText(fr ? /À prendre|Bientôt/u : /Due now|Coming up/u);
		// One card for the dose: the reminder joined the due list, it has no card of its own.
		await expect(page.getByRole('listitem').filter({ hasText: MEDICINE })).toHaveCount(1);
		const opaqueId = await reminders.opaqueIdOf(MEDICINE);
		await expectNoAxeViolations(page, 'today with a reminder due');

		// 2. Settings: the explanation is there before the browser was ever asked.
		await reminders.toSettings();
		await expect(reminders.explanation).toBeVisible();
		await expect(reminders.explanation).toContainText(
			fr ? /jamais un médicament/u : /never a medicine/u
		);
		expect(await page.evaluate(() => Notification.permission)).toBe('default');
		await expect(reminders.pushCard).toContainText(fr ? /pas encore demandé/u : /not asked yet/u);
		await expect(reminders.subscribeButton).toHaveAttribute('aria-describedby', 'push-explanation');
		await expectNoAxeViolations(page, 'settings with the push explanation');
		await reminders.createAccount(`rem-${fr ? 'fr' : 'en'}-${Date.now()}`);
		await reminders.toSettings();
		await context.grantPermissions(['notifications'], { origin });
		await expect(reminders.subscribeButton).toBeEnabled();
		await reminders.subscribeButton.click();
		// Headless Chromium has no push service to register with: `pushManager.subscribe` rejects
		// (AbortError, "push service not available"), so the app says push cannot work here and
		// subscribes nothing. The push below is delivered by CDP, which needs no subscription.
		await expect(reminders.pushCard.getByRole('status')).toHaveText(
			fr ? /ne peut pas recevoir de rappels/u : /cannot receive reminders when Cercle is closed/u
		);
		expect(
			await page.evaluate(async () => {
				const reg = await navigator.serviceWorker.ready;
				return (await reg.pushManager.getSubscription()) === null;
			})
		).toBe(true);
		await reminders.toToday();

		// 3. Locked, a push arrives: the worker shows a generic notification with the actions, in the
		//    app's language. The browser is English, and so is the server's title here (the server
		//    keeps the language chosen when subscribing; the person may have switched since).
		await shell.lockButton.click();
		await expect(createUnlockPage(page).heading).toBeVisible();
		expect(await worker.evaluate(() => navigator.language)).toMatch(/^en/u);
		const push = await createPushDelivery(page, origin);
		const title = fr ? 'Cercle\u202f: vous avez un rappel' : 'Cercle: you have a reminder';
		await push.deliver({ v: 1, id: opaqueId, title: 'Cercle: you have a reminder' });
		await expect
			.poll(async () => (await shownNotifications(worker)).filter((n) => n.tag === opaqueId))
			.toHaveLength(1);
		const [shown] = (await shownNotifications(worker)).filter((n) => n.tag === opaqueId);
		expect(shown?.title).toBe(title);
		expect(shown?.actions).toEqual(['taken', 'snooze-10']);
		expect(shown?.actionTitles).toEqual(
			fr ? ['Pris', 'Rappeler dans 10 min'] : ['Taken', 'Snooze 10 min']
		);
		expect(JSON.stringify(shown)).not.toContain(MEDICINE);

		// 4. "Taken" from the notification while locked: queued (id and action only), then applied at
		//    unlock.
		await clickNotificationAction(worker, opaqueId, 'taken');
		await expect
			.poll(async () => (await queuedActions(page)).map((a) => [a.opaqueId, a.action]))
			.toEqual([[opaqueId, 'taken']]);
		expect(JSON.stringify(await queuedActions(page))).not.toContain(MEDICINE);
		expect(await shownNotifications(worker)).toEqual([]);
		await createUnlockPage(page).unlock(SECRET);
		await expect(
			reminders.section.getByRole('status').filter({
				hasText: fr ? /1 prise notée/u : /1 dose recorded as taken/u
			})
		).toBeVisible();
		await expect(reminders.dueItem(MEDICINE)).toHaveCount(0);
		await expect.poll(() => queuedActions(page)).toEqual([]);
		await expectNoAxeViolations(page, 'today after the queue was applied');

		await reminders.toJournal();
		await expect(page.getByText(new RegExp(`${MEDICINE}\\s?: (taken at|pris à)`, 'u'))).toHaveCount(
			1
		);

		// The worker's "last reminder received" shows in Settings.
		await reminders.toSettings();
		await expect(reminders.pushCard).not.toContainText(fr ? /aucun pour l.instant/u : /none yet/u);
		await expectNoAxeViolations(page, 'settings with the push status');
	});
}
