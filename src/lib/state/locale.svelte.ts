// The current language as reactive state. Paraglide's messages call getLocale() on every render; we
// route that call through a $state so that switching language re-renders every visible string at
// once, without a page reload (which would lock the vault). Invariant: paraglide's stored choice
// (localStorage), this state and <html lang> always agree, and the service worker is told on start
// and on every change, so reminders shown with no page open use it too (src/lib/shared/app-locale.ts).
import {
	baseLocale,
	getLocale,
	isLocale,
	locales,
	overwriteGetLocale,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime.js';
// The message only, without the schema: the first screens post it without loading zod (issue 18).
import { appLocaleMessage } from '$lib/shared/app-locale-message';

function initialLocale(): Locale {
	try {
		return getLocale();
	} catch {
		return baseLocale;
	}
}

const startLocale = initialLocale();
let current = $state<Locale>(startLocale);
overwriteGetLocale(() => current);

function applyToDocument(value: Locale): void {
	if (typeof document !== 'undefined') document.documentElement.lang = value;
}

/** Tells the active service worker (once there is one) the language to write notifications in. */
function tellServiceWorker(value: Locale): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	navigator.serviceWorker.ready
		.then((registration) => {
			registration.active?.postMessage(appLocaleMessage(value));
		})
		.catch(() => undefined);
}

applyToDocument(startLocale);
tellServiceWorker(startLocale);

export const locale = {
	get current(): Locale {
		return current;
	},
	get all(): readonly Locale[] {
		return locales;
	},
	set(value: string): void {
		if (!isLocale(value)) return;
		current = value;
		void setLocale(value, { reload: false });
		applyToDocument(value);
		tellServiceWorker(value);
	},
	/** The other language, for the one-tap switch in the header (Cercle ships two). */
	get other(): Locale {
		return locales.find((l) => l !== current) ?? baseLocale;
	}
};
