// The page's side of the app-locale message (see app-locale.ts): the languages and the message it
// posts. Kept apart from the schema so the first screens post it without loading zod (issue 18).
export const NOTIFICATION_LOCALES = ['en', 'fr'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** `{ type, locale }`, posted by the page on start and whenever the person changes language. */
export const APP_LOCALE_MESSAGE = 'cercle-app-locale';

export function appLocaleMessage(locale: NotificationLocale) {
	return { type: APP_LOCALE_MESSAGE, locale } as const;
}
