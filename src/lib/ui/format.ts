// Dates and numbers in the person's language. Every date or number the UI shows goes through these
// so that "3 mars 2025" and "March 3, 2025" come from Intl, never from hand-made strings.
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

export function formatDate(value: Date | number, options?: Intl.DateTimeFormatOptions): string {
	return new Intl.DateTimeFormat(getLocale(), options ?? { dateStyle: 'long' }).format(value);
}

export function formatTime(value: Date | number): string {
	return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short' }).format(value);
}

/** A time of day kept as "20:30" (schedules, plans), shown like every other time: "8:30 PM". */
export function formatTimeOfDay(hhmm: string): string {
	const match = /^(\d{2}):(\d{2})$/u.exec(hhmm);
	if (match === null) return hhmm;
	const at = Date.UTC(2024, 0, 1, Number(match[1]), Number(match[2]));
	return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: 'UTC' }).format(at);
}

/** "Solidité : moyenne": a label and its value, with the language's own spacing before the colon. */
export function labelValue(label: string, value: string): string {
	return m.shell_label_value({ label, value });
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
