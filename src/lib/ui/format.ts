// Dates and numbers in the person's language. Every date or number the UI shows goes through these
// so that "3 mars 2025" and "March 3, 2025" come from Intl, never from hand-made strings.
import { getLocale } from '$lib/paraglide/runtime.js';

export function formatDate(value: Date | number, options?: Intl.DateTimeFormatOptions): string {
	return new Intl.DateTimeFormat(getLocale(), options ?? { dateStyle: 'long' }).format(value);
}

export function formatTime(value: Date | number): string {
	return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short' }).format(value);
}

export function formatDateTime(value: Date | number): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
		value
	);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(getLocale(), options).format(value);
}

/** "cercle-backup-2025-03-03.json": ISO date in local time, so the file sorts by name. */
export function backupFileName(now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `cercle-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
