// The words of a reminder notification, in the language the person chose in the app.
// Why: the worker runs with no page open, and the browser's language is not always the one the
// person reads (an English phone, Cercle in French). The page tells the worker its language
// (`APP_LOCALE_MESSAGE`), the worker keeps it in its own small database (action-queue.ts), and
// every notification is written in it; before the page ever said, the server's generic title
// (written in the language chosen when subscribing) and then the browser's language decide.
// Invariants: pure; the words come from the reminders message files, generic ("Cercle: you have a
// reminder", "Taken", "Snooze 10 min"): no medicine, symptom or task word, ever.
import * as z from 'zod/mini';
import en from '../src/lib/i18n/messages/reminders/en.json';
import fr from '../src/lib/i18n/messages/reminders/fr.json';
import { NOTIFICATION_LOCALES, type NotificationLocale } from '$lib/shared/app-locale';

const messagesSchema = z.object({
	reminders_push_body: z.string().check(z.minLength(1)),
	reminders_action_taken: z.string().check(z.minLength(1)),
	reminders_snooze_10: z.string().check(z.minLength(1))
});

export interface NotificationText {
	readonly title: string;
	readonly taken: string;
	readonly snooze: string;
}

const toText = (messages: unknown): NotificationText => {
	const parsed = messagesSchema.parse(messages);
	return {
		title: parsed.reminders_push_body,
		taken: parsed.reminders_action_taken,
		snooze: parsed.reminders_snooze_10
	};
};

export const NOTIFICATION_TEXT: Readonly<Record<NotificationLocale, NotificationText>> = {
	en: toText(en),
	fr: toText(fr)
};

const browserLocale = (language: string): NotificationLocale =>
	language.toLowerCase().startsWith('fr') ? 'fr' : 'en';

const titleLocale = (title: string | null): NotificationLocale | null =>
	NOTIFICATION_LOCALES.find((locale) => NOTIFICATION_TEXT[locale].title === title) ?? null;

/**
 * The language of a notification: the app's (as the page last told the worker), else the one the
 * server's generic title is written in, else the browser's.
 */
export function notificationLocale(
	appLocale: NotificationLocale | null,
	payloadTitle: string | null,
	browserLanguage: string
): NotificationLocale {
	return appLocale ?? titleLocale(payloadTitle) ?? browserLocale(browserLanguage);
}

/**
 * The title and action labels to show. The title is always our own generic sentence once the
 * app's language is known; before, a title from the server (already generic) is kept as sent.
 */
export function notificationText(
	appLocale: NotificationLocale | null,
	payloadTitle: string | null,
	browserLanguage: string
): NotificationText {
	const text = NOTIFICATION_TEXT[notificationLocale(appLocale, payloadTitle, browserLanguage)];
	return appLocale === null && payloadTitle !== null ? { ...text, title: payloadTitle } : text;
}
