// The current language as reactive state. Paraglide's messages call getLocale() on every render; we
// route that call through a $state so that switching language re-renders every visible string at
// once, without a page reload (which would lock the vault). Invariant: paraglide's stored choice
// (localStorage), this state and <html lang> always agree.
import {
	baseLocale,
	getLocale,
	isLocale,
	locales,
	overwriteGetLocale,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime.js';

function initialLocale(): Locale {
	try {
		return getLocale();
	} catch {
		return baseLocale;
	}
}

let current = $state<Locale>(initialLocale());
overwriteGetLocale(() => current);

function applyToDocument(value: Locale): void {
	if (typeof document !== 'undefined') document.documentElement.lang = value;
}

applyToDocument(current);

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
	},
	/** The other language, for the one-tap switch in the header (Cercle ships two). */
	get other(): Locale {
		return locales.find((l) => l !== current) ?? baseLocale;
	}
};
