import { describe, expect, it } from 'vitest';
import journalEn from '$lib/i18n/messages/journal/en.json';
import uiEn from '$lib/i18n/messages/journal-ui/en.json';
import { JOURNAL_ERROR_MESSAGES } from '$lib/ui/journal/error-table';
import { errorMessageFor, fieldErrors } from '$lib/ui/journal/field-errors';
import { JOURNAL_MESSAGES } from '$lib/ui/journal/message-table';
import { DYNAMIC_UI_PREFIXES, messageFor } from '$lib/ui/journal/text';

const listed = new Set(Object.keys(JOURNAL_MESSAGES));
const errorsListed = new Set(Object.keys(JOURNAL_ERROR_MESSAGES));
const keysOf = (catalogue: Record<string, unknown>) =>
	Object.keys(catalogue).filter((key) => !key.startsWith('$'));

describe('journal message table', () => {
	it('lists every key of the journal catalogue, the errors apart', () => {
		expect(keysOf(journalEn).filter((key) => !listed.has(key) && !errorsListed.has(key))).toEqual(
			[]
		);
		const errorKeys = keysOf(journalEn).filter((key) => key.startsWith('journal_error_'));
		expect(errorKeys.length).toBeGreaterThan(10);
		expect(errorKeys.filter((key) => !errorsListed.has(key))).toEqual([]);
		expect([...listed].filter((key) => key.startsWith('journal_error_'))).toEqual([]);
	});

	it('turns an error key into its words, with its numbers in the language', () => {
		expect(errorMessageFor('journal_error_required')).toBe(journalEn.journal_error_required);
		expect(errorMessageFor('journal_period_unknown_key')).toBe(journalEn.journal_error_invalid);
		expect(
			fieldErrors([
				{ path: 'note', key: 'journal_error_required', params: {} },
				{ path: 'note', key: 'journal_error_invalid', params: {} },
				{ path: 'at', key: 'jui_no_such_message', params: {} }
			])
		).toEqual({
			note: journalEn.journal_error_required,
			at: journalEn.journal_error_invalid
		});
	});

	it('lists every UI key completed at run time from a prefix', () => {
		const dynamic = keysOf(uiEn).filter((key) =>
			DYNAMIC_UI_PREFIXES.some((prefix) => key.startsWith(prefix))
		);
		expect(dynamic.length).toBeGreaterThan(10);
		expect(dynamic.filter((key) => !listed.has(key))).toEqual([]);
	});

	it('turns a listed key into its words, and an unknown key into the generic message', () => {
		expect(messageFor('jui_period_label_30')).toBe(uiEn.jui_period_label_30);
		expect(messageFor('journal_trend_no_data', { metric: 'Weight', days: 7 })).toBe(
			'No Weight recorded over the last 7 days.'
		);
		expect(messageFor('jui_no_such_message')).toBe(journalEn.journal_error_invalid);
	});
});
