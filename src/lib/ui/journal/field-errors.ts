// A form's validation errors in words: each field's first error, from the domain's message key, in
// the person's language. Why its own module: the error messages (`error-table.ts`) are only loaded
// with the forms that show them, not with Today.
// Invariant: a key that has no message falls back to the generic "not valid" message (through
// `messageFor`), never to the raw key.
import type { FieldError } from '$lib/domain/journal/common';
import { formatNumber } from '../format';
import { JOURNAL_ERROR_MESSAGES } from './error-table';
import { messageFor } from './text';

type MessageFn = (inputs: Record<string, string | number>) => string;

const errors: ReadonlyMap<string, MessageFn> = new Map(Object.entries(JOURNAL_ERROR_MESSAGES));

/** The message for an error `key` (or any journal key) in the current locale. */
export function errorMessageFor(
	key: string,
	params: Readonly<Record<string, string | number>> = {}
): string {
	const fn = errors.get(key);
	return fn === undefined ? messageFor(key, params) : fn({ ...params });
}

/** Field path → localized message (first error per field). */
export function fieldErrors(list: readonly FieldError[]): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const error of list) {
		const params = Object.fromEntries(
			Object.entries(error.params).map(([name, value]) => [
				name,
				typeof value === 'number' ? formatNumber(value) : value
			])
		);
		out[error.path] ??= errorMessageFor(error.key, params);
	}
	return out;
}
