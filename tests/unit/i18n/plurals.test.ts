// Counts agree with their words in both languages (issue 11, item 11): every message that shows a
// count chooses its form with Intl.PluralRules through the message format's plural selector, is
// rendered here with 0, 1 and 2, and no message falls back to "(s)".
import { describe, expect, it } from 'vitest';
import * as messages from '$lib/paraglide/messages.js';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { doseText, dosesSummaryText } from '$lib/ui/journal/text';
import { loadAll, type Locale } from './catalogue';

type Render = (inputs: Record<string, unknown>, options: { locale: Locale }) => string;
const isRender = (value: unknown): value is Render => typeof value === 'function';

function render(key: string, inputs: Record<string, unknown>, locale: Locale): string {
	const fn: unknown = Reflect.get(messages.m, key);
	if (!isRender(fn)) throw new Error(`no compiled message ${key}`);
	return fn(inputs, { locale });
}

const inputsOf = (text: string): string[] =>
	[...text.matchAll(/\{(\w+)\}/gu)].map((x) => x[1] ?? '');

// "(s)", "(es)", "·s", "(e)s": a plural left to the reader.
const pluralShortcut = /\((?:s|es)\)/u;
// A count placed right before a word in a message that does not choose a plural form.
const countBeforeWord =
	/\{(?:count|days|hours|max|target|total|correct|met|inside|shown|taken|snoozed|late|skipped)\} (?!(?:min|s|en|of|sur|at|waiting)\b)\p{L}{2,}/u;

describe.each(['en', 'fr'] as const)('plurals in %s', (locale) => {
	const all = loadAll(locale);
	const plurals = all.filter((message) => message.pluralInput !== null);

	it('has count messages with a plural selector', () => {
		expect(plurals.length).toBeGreaterThan(30);
	});

	it('never leaves the plural to the reader with "(s)"', () => {
		const offenders = all.filter((x) => x.texts.some((text) => pluralShortcut.test(text)));
		expect(offenders.map((x) => [x.key, x.texts])).toEqual([]);
	});

	it('puts a count before a word only where the form follows the count', () => {
		const offenders = all.filter(
			(x) => x.pluralInput === null && x.texts.some((text) => countBeforeWord.test(text))
		);
		expect(offenders.map((x) => [x.key, x.texts])).toEqual([]);
	});

	it.each(plurals.map((x) => [x.key, x] as const))('%s renders with 0, 1 and 2', (key, message) => {
		const names = new Set(message.texts.flatMap(inputsOf));
		const outputs = [0, 1, 2].map((n) => {
			const inputs: Record<string, unknown> = {};
			for (const name of names) inputs[name] = `‹${name}›`;
			inputs[message.pluralInput ?? ''] = n;
			// "{amount} tablets": the amount shown is the count that chooses the form.
			if (names.has('amount')) inputs['amount'] = n;
			return render(key, inputs, locale);
		});
		for (const output of outputs) {
			expect(output).not.toBe(key);
			expect(output).not.toMatch(pluralShortcut);
		}
		expect(outputs[2]).toMatch(/(?<!\d)2(?!\d)/u);
		// Same plural category, same words: French says "0 mesure" like "1 mesure", English
		// "0 readings" like "2 readings".
		const lone = (n: number) => new RegExp(`(?<!\\d)${n}(?!\\d)`, 'gu');
		const rules = new Intl.PluralRules(locale);
		const twin = rules.select(0) === rules.select(1) ? 1 : 2;
		expect(outputs[0]?.replace(lone(0), String(twin))).toBe(outputs[twin]);
		if (new Set(message.texts).size > 1)
			expect(outputs[1]).not.toBe(outputs[2]?.replace(lone(2), '1'));
	});
});

describe('count messages say what people read', () => {
	const cases = [
		[
			'jui_summary_metric',
			{ metric: 'Weight', average: '70', unit: 'kg' },
			'count',
			{
				en: [
					'Weight: on average 70 kg (0 readings).',
					'Weight: on average 70 kg (1 reading).',
					'Weight: on average 70 kg (2 readings).'
				],
				fr: [
					'Weight : en moyenne 70 kg (0 mesure).',
					'Weight : en moyenne 70 kg (1 mesure).',
					'Weight : en moyenne 70 kg (2 mesures).'
				]
			}
		],
		[
			'jui_summary_symptom',
			{ symptom: 'Pain', average: '3' },
			'count',
			{
				en: [
					'Pain: on average 3 out of 10 (0 entries).',
					'Pain: on average 3 out of 10 (1 entry).',
					'Pain: on average 3 out of 10 (2 entries).'
				],
				fr: [
					'Pain : en moyenne 3 sur 10 (0 entrée).',
					'Pain : en moyenne 3 sur 10 (1 entrée).',
					'Pain : en moyenne 3 sur 10 (2 entrées).'
				]
			}
		],
		[
			'reminders_missed_title',
			{},
			'count',
			{
				en: ['You missed 0 reminders', 'You missed 1 reminder', 'You missed 2 reminders'],
				fr: ['Vous avez manqué 0 rappel', 'Vous avez manqué 1 rappel', 'Vous avez manqué 2 rappels']
			}
		]
	] as const;

	it.each(cases)('%s', (key, inputs, countInput, expected) => {
		for (const locale of ['en', 'fr'] as const) {
			const rendered = [0, 1, 2].map((n) => render(key, { ...inputs, [countInput]: n }, locale));
			expect(rendered.map((text) => text.replaceAll('\u202f', ' '))).toEqual(expected[locale]);
		}
	});

	it('doses agree with their amount: 1 tablet, 2 tablets, 0,5 comprimé', () => {
		const initial = getLocale;
		overwriteGetLocale(() => 'en');
		expect(doseText({ amount: 1, unit: 'tablet' })).toBe('1 tablet');
		expect(doseText({ amount: 2, unit: 'tablet' })).toBe('2 tablets');
		expect(doseText({ amount: 10, unit: 'mg' })).toBe('10 mg');
		expect(dosesSummaryText({ taken: 1, late: 0, skipped: 1, asNeeded: 2 })).toBe(
			'1 dose taken on time, 0 late, 1 not taken, and 2 as needed'
		);
		overwriteGetLocale(() => 'fr');
		expect(doseText({ amount: 0.5, unit: 'tablet' })).toBe('0,5 comprimé');
		expect(doseText({ amount: 2, unit: 'capsule' })).toBe('2 gélules');
		expect(dosesSummaryText({ taken: 1, late: 0, skipped: 1, asNeeded: 2 })).toBe(
			'1 prise à l’heure, 0 en retard, 1 non prise et 2 si besoin'
		);
		overwriteGetLocale(initial);
	});
});
