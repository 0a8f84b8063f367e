// Shared building blocks for the journal's record bodies: timestamps, notes and the translation of
// zod issues into typed errors (`JournalError`, errors.ts).
// Invariant: every validation issue a journal schema produces carries its typed error (data, never
// English text), plus the stable code it was raised with, so the UI can word it in French or English.
import * as z from 'zod/mini';

import { err, ok, type Result } from '../result';
import { journalError, type JournalError } from './errors';

export type { JournalError } from './errors';

/** How far in the future a time may be before it is refused (devices' clocks disagree a little). */
export const CLOCK_SLACK_MS = 60_000;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** An instant, in milliseconds since the Unix epoch (UTC). */
export const timestampSchema = z
	.int({ error: 'journal_error_time_invalid' })
	.check(
		z.gte(0, { error: 'journal_error_time_invalid' }),
		z.lte(8_640_000_000_000_000, { error: 'journal_error_time_invalid' })
	);
export type Timestamp = z.infer<typeof timestampSchema>;

export const NOTE_MAX_LENGTH = 2000;

/** A free-text note written by the person; trimmed, at most 2000 characters. */
export const noteSchema = z
	.string({ error: 'journal_error_text_invalid' })
	.check(z.trim(), z.maxLength(NOTE_MAX_LENGTH, { error: 'journal_error_note_too_long' }));

/** A short required text (names, labels), trimmed and non-empty. */
export const requiredText = (max: number) =>
	z
		.string({ error: 'journal_error_required' })
		.check(
			z.trim(),
			z.minLength(1, { error: 'journal_error_required' }),
			z.maxLength(max, { error: 'journal_error_text_too_long' })
		);

/** An identifier of another record (a UUID string, as the vault issues them). */
export const recordIdSchema = z.uuid({ error: 'journal_error_record_id_invalid' });

/** True when `at` is not later than `now` plus the clock slack. */
export const isNotInFuture = (at: number, now: number): boolean => at <= now + CLOCK_SLACK_MS;

/** One validation problem, ready for the UI: which field, and what is wrong (typed data). */
export interface FieldError {
	readonly path: string;
	/** What is wrong, as data; the UI words it with `errorText` (ui/journal/error-text.ts). */
	readonly error: JournalError;
	/** The stable code the schema raised (an identifier for tests and checks; never shown). */
	readonly key: string;
	/** The code's raw params (numbers unformatted), as raised. */
	readonly params: Readonly<Record<string, string | number>>;
}

/** A field error from a code and its params (the typed `error` is derived from them). */
export const fieldError = (
	path: string,
	key: string,
	params: Readonly<Record<string, string | number>> = {}
): FieldError => {
	const error = journalError(key, params);
	return { path, error, key: error.type === 'invalid' ? 'journal_error_invalid' : key, params };
};

const isJournalKey = (message: string): boolean => /^journal_[a-z0-9_]+$/.test(message);

const toParam = (value: unknown): string | number | undefined => {
	if (typeof value === 'number' || typeof value === 'string') return value;
	if (typeof value === 'bigint') return Number(value);
	return undefined;
};

/**
 * Per-parse error map: issues that a schema did not name itself get a generic key, so no English
 * text produced by zod ever reaches the person.
 */
export const journalErrorMap = (issue: z.core.$ZodRawIssue): string => {
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'journal_error_required';
	if (issue.code === 'invalid_union' || issue.code === 'invalid_value') {
		return 'journal_error_choice_invalid';
	}
	return 'journal_error_invalid';
};

/** Turns a zod error into field errors with message keys and params. */
export const toFieldErrors = (error: z.core.$ZodError): readonly FieldError[] =>
	error.issues.map((issue) => {
		const params: Record<string, string | number> = {};
		if (issue.code === 'custom' && issue.params) {
			for (const [name, value] of Object.entries(issue.params)) {
				const param = toParam(value);
				if (param !== undefined) params[name] = param;
			}
		}
		if (issue.code === 'too_small') {
			const min = toParam(issue.minimum);
			if (min !== undefined) params.min = min;
		}
		if (issue.code === 'too_big') {
			const max = toParam(issue.maximum);
			if (max !== undefined) params.max = max;
		}
		return fieldError(
			issue.path.map(String).join('.'),
			isJournalKey(issue.message) ? issue.message : 'journal_error_invalid',
			params
		);
	});

/** Parses `input` with `schema`, returning field errors (message keys) instead of throwing. */
export const parseWith = <S extends z.core.$ZodType>(
	schema: S,
	input: unknown
): Result<z.output<S>, readonly FieldError[]> => {
	const parsed = z.safeParse(schema, input, { error: journalErrorMap });
	return parsed.success ? ok(parsed.data) : err(toFieldErrors(parsed.error));
};

/** Appends `value` to the list at `key` (creating it), in place: linear-time grouping. */
export const appendTo = <K, V>(groups: Map<K, V[]>, key: K, value: V): void => {
	const list = groups.get(key);
	if (list === undefined) groups.set(key, [value]);
	else list.push(value);
};
