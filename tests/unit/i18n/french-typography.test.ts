// French typography (issue 11, item 12): a narrow no-break space (U+202F) before ":", ";", "?", "!"
// and inside « », the typographic apostrophe, and the decimal comma, in every French message and in the texts the UI builds
// from a label and a value; English keeps its own spacing.
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { labelValue } from '$lib/ui/format';
import { measurementToValues } from '$lib/ui/journal/forms';
import { entryText } from '$lib/ui/journal/entry-text';
import type { JournalRecord } from '$lib/vault/repos/journal';
import { loadAll } from './catalogue';

const NNBSP = '\u202f';
const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

/** Every place in `text` where French spacing is missing, with a little context. */
function misspaced(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/[:;?!»]/gu)) {
		const at = match.index;
		const before = text[at - 1] ?? '';
		const after = text[at + 1] ?? '';
		// Times ("20:30") and addresses ("https://") are not punctuation.
		if (match[0] === ':' && (/\d/u.test(before) || after === '/')) continue;
		if (before !== NNBSP) found.push(text.slice(Math.max(0, at - 12), at + 2));
	}
	for (const match of text.matchAll(/«/gu)) {
		if (text[match.index + 1] !== NNBSP) found.push(text.slice(match.index, match.index + 12));
	}
	return found;
}

describe('French messages', () => {
	const fr = loadAll('fr');

	it('put a narrow no-break space before : ; ? ! and inside « »', () => {
		const offenders = fr.flatMap((x) => x.texts.flatMap(misspaced).map((at) => `${x.key}: ${at}`));
		expect(offenders).toEqual([]);
	});

	it('use the typographic apostrophe (’), never the straight one, inside words', () => {
		const offenders = fr.filter((x) => x.texts.some((text) => /\p{L}'\p{L}/u.test(text)));
		expect(offenders.map((x) => x.key)).toEqual([]);
	});

	it('write decimals with a comma', () => {
		const offenders = fr.filter((x) => x.texts.some((text) => /\d\.\d/u.test(text)));
		expect(offenders.map((x) => x.key)).toEqual([]);
	});

	it('English messages keep no space before a colon', () => {
		const en = loadAll('en');
		const offenders = en.filter((x) => x.texts.some((text) => /[ \u202f\u00a0][:;?!]/u.test(text)));
		expect(offenders.map((x) => x.key)).toEqual([]);
	});
});

describe('texts built from a label and a value', () => {
	const at = Date.UTC(2025, 2, 3, 8);
	const bloodPressure: JournalRecord = {
		id: '0190a1b2-0000-7000-8000-000000000001',
		kind: 'measurement',
		category: 'measurements',
		at,
		hlc: '',
		deleted: false,
		body: {
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic: 135, diastolic: 85 }
		}
	};
	const context = {
		preferences: { glucose: 'mmol/L', weight: 'kg', temperature: 'celsius' },
		medicationName: () => undefined,
		goalText: () => undefined
	} as const;

	it('"Tension artérielle : 135/85 mmHg" in French, "Blood pressure: 135/85 mmHg" in English', () => {
		const record = bloodPressure;
		overwriteGetLocale(() => 'fr');
		expect(entryText(record, context)).toBe(`Tension artérielle${NNBSP}: 135/85 mmHg`);
		expect(labelValue('Solidité', 'moyenne')).toBe(`Solidité${NNBSP}: moyenne`);
		overwriteGetLocale(() => 'en');
		expect(entryText(record, context)).toBe('Blood pressure: 135/85 mmHg');
	});

	it('puts numbers back into a form with the decimal comma in French', () => {
		overwriteGetLocale(() => 'fr');
		const values = measurementToValues(
			{ type: 'custom', label: 'Tour de taille', unit: 'cm', value: 92.5 },
			Date.UTC(2025, 2, 3),
			undefined,
			context.preferences
		);
		expect(values.value).toBe('92,5');
		overwriteGetLocale(() => 'en');
		expect(
			measurementToValues(
				{ type: 'custom', label: 'Waist', unit: 'cm', value: 92.5 },
				Date.UTC(2025, 2, 3),
				undefined,
				context.preferences
			).value
		).toBe('92.5');
	});
});
