// The app's language as the page tells it to the service worker: the message and its schema,
// shared by the page (src/lib/state/locale.svelte.ts, through app-locale-message.ts) and the
// worker (service-worker/push.ts, action-queue.ts).
// Why: notifications shown with no page open must be in the language the person chose in Cercle,
// not the browser's. Invariant: the message holds a language code and nothing else.
import * as z from 'zod/mini';
import {
	APP_LOCALE_MESSAGE,
	NOTIFICATION_LOCALES,
	type NotificationLocale
} from './app-locale-message';

export {
	APP_LOCALE_MESSAGE,
	appLocaleMessage,
	NOTIFICATION_LOCALES,
	type NotificationLocale
} from './app-locale-message';

export const notificationLocaleSchema = z.enum(NOTIFICATION_LOCALES);

const appLocaleMessageSchema = z.object({
	type: z.literal(APP_LOCALE_MESSAGE),
	locale: notificationLocaleSchema
});

/** The locale in a page → worker message, or null when the message is something else. */
export function appLocaleOf(data: unknown): NotificationLocale | null {
	const parsed = appLocaleMessageSchema.safeParse(data);
	return parsed.success ? parsed.data.locale : null;
}
