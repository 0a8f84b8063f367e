// Every journal error the domain can give is worded in English and French by `errorText`, with its
// numbers, and no message key, `undefined` or placeholder reaches the person; the catalogue names
// come from typed maps, never from a key.
import { afterEach, describe, expect, it } from 'vitest';
import journalEn from '$lib/i18n/messages/journal/en.json';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import {
	JOURNAL_ERROR_CODES,
	journalError,
	type JournalError,
	type JournalErrorType
} from '$lib/domain/journal/errors';
import { BODY_LOCATIONS, SYMPTOM_IDS } from '$lib/domain/journal/symptoms';
import { METRICS, UNITS } from '$lib/domain/journal/measurements';
import { SKIP_REASONS, DOSE_UNITS, MEDICATION_FORMS } from '$lib/domain/journal/medications';
import { errorText } from '$lib/ui/journal/error-text';
import {
	doseUnitName,
	metricName,
	skipReasonName,
	symptomCatalogueName,
	symptomIdName,
	unitLabel
} from '$lib/ui/journal/catalogue-text';
import {
	bodyLocationName,
	medicationFormName,
	symptomCatalogueHint
} from '$lib/ui/journal/catalogue-detail-text';
import type { DoseUnit } from '$lib/domain/journal/medications';

const PARAMS = { min: 2, max: 350, unit: 'kg', from: 'achieved', to: 'paused' } as const;
const LEAK = /journal_|jui_|undefined|NaN|\{|\}/;

const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

const everyError = (): JournalError[] => JOURNAL_ERROR_CODES.map((c) => journalError(c, PARAMS));

describe('journal errors as data', () => {
	it('gives each code of the journal catalogue its own typed error', () => {
		const catalogueCodes = Object.keys(journalEn).filter((k) => k.startsWith('journal_error_'));
		expect([...JOURNAL_ERROR_CODES].sort()).toEqual(catalogueCodes.sort());
		const invalid = everyError().filter((e) => e.type === 'invalid');
		expect(invalid).toHaveLength(1);
	});

	it('covers every variant of the union', () => {
		const all: Record<JournalErrorType, true> = {
			invalid: true,
			required: true,
			choice: true,
			format: true,
			unknown: true,
			tooLong: true,
			tooMany: true,
			future: true,
			range: true,
			bounded: true,
			order: true,
			notPositive: true,
			doseTooHigh: true,
			inconsistent: true,
			notApplicable: true,
			skipAsNeeded: true,
			duplicate: true,
			transition: true
		};
		expect(new Set(everyError().map((e) => e.type))).toEqual(new Set(Object.keys(all)));
	});

	it('turns an unknown code, or a range without a unit, into the generic error', () => {
		expect(journalError('journal_error_nope')).toEqual({ type: 'invalid' });
		expect(journalError('journal_error_weight_range', { min: 2, max: 350 })).toEqual({
			type: 'invalid'
		});
	});

	for (const locale of ['en', 'fr'] as const) {
		it(`words every error in ${locale}, distinctly, with no key or placeholder`, () => {
			overwriteGetLocale(() => locale);
			const texts = everyError().map(errorText);
			for (const text of texts) {
				expect(text).not.toMatch(LEAK);
				expect(text.trim()).not.toBe('');
			}
			expect(new Set(texts).size).toBe(texts.length);
			if (locale === 'fr') expect(texts.join(' ')).toMatch(/doit être/);
		});
	}

	it('formats the numbers and names the unit in the locale', () => {
		const weight: JournalError = { type: 'range', field: 'weight', min: 2, max: 1500, unit: 'lb' };
		expect(errorText(weight)).toBe(
			'Weight must be between 2 and 1,500 lb. Please check the value and the unit.'
		);
		overwriteGetLocale(() => 'fr');
		expect(errorText(weight)).toMatch(/2 et 1\u202f500 lb/);
		expect(errorText({ type: 'transition', from: 'achieved', to: 'paused' })).not.toMatch(LEAK);
		expect(
			errorText({ type: 'range', field: 'temperature', min: 30, max: 45, unit: 'celsius' })
		).toMatch(/°C/);
	});
});

describe('catalogue names', () => {
	for (const locale of ['en', 'fr'] as const) {
		it(`names every catalogue item in ${locale} without a key`, () => {
			overwriteGetLocale(() => locale);
			const names = [
				...SYMPTOM_IDS.flatMap((id) => [symptomCatalogueName(id), symptomCatalogueHint(id)]),
				...BODY_LOCATIONS.map(bodyLocationName),
				...METRICS.map(metricName),
				...UNITS.map(unitLabel),
				...SKIP_REASONS.map(skipReasonName),
				...MEDICATION_FORMS.map(medicationFormName),
				...(Object.keys(DOSE_UNITS) as DoseUnit[]).map(doseUnitName)
			];
			for (const name of names) {
				expect(name).not.toMatch(LEAK);
				expect(name).not.toBe('');
			}
		});
	}

	it('names a catalogue symptom from a string, and nothing for an unknown one', () => {
		expect(symptomIdName('fatigue')).toBe('Fatigue');
		expect(symptomIdName('toString')).toBe('');
	});
});
