// The app's language as the page tells it to the service worker: the message and its schema,
// shared by the page (src/lib/state/locale.svelte.ts) and the worker (service-worker/push.ts).
// Why: notifications shown with no page open must be in the language the person chose in Cercle,
// not the browser's. Invariant: the message holds a language code and nothing else.
import * as z from 'zod/mini';

export const NOTIFICATION_LOCALES = ['en', 'fr'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

export const notificationLocaleSchema = z.enum(NOTIFICATION_LOCALES);

/** `{ type, locale }`, posted by the page on start and whenever the person changes language. */
export const APP_LOCALE_MESSAGE = 'cercle-app-locale';

const appLocaleMessageSchema = z.object({
	type: z.literal(APP_LOCALE_MESSAGE),
	locale: notificationLocaleSchema
});

export function appLocaleMessage(locale: NotificationLocale) {
	return { type: APP_LOCALE_MESSAGE, locale } as const;
}

/** The locale in a page → worker message, or null when the message is something else. */
export function appLocaleOf(data: unknown): NotificationLocale | null {
	const parsed = appLocaleMessageSchema.safeParse(data);
	return parsed.success ? parsed.data.locale : null;
}
