// Every string the person sees exists in French and English, and the compiled messages are not
// empty (a missing inlang plugin silently compiles to nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';

const dir = new URL('../../src/lib/i18n/messages/', import.meta.url);
// A message is a text, or variants chosen by selectors (plurals): each variant must be non-empty.
const variantsSchema = z
	.array(z.looseObject({ match: z.record(z.string(), z.string()) }))
	.transform((variants) => variants.flatMap((v) => Object.values(v.match)).join(' | '));
const messagesSchema = z.record(z.string(), z.union([z.string(), variantsSchema]));

function load(area: string, locale: string): Record<string, string> {
	const raw: unknown = JSON.parse(readFileSync(new URL(`${area}/${locale}.json`, dir), 'utf8'));
	const parsed = messagesSchema.parse(raw);
	const { $schema: _schema, ...messages } = parsed;
	return messages;
}

describe('messages', () => {
	const areas = readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name);

	it.each(areas)('%s has the same keys in French and English, none empty', (area) => {
		const en = load(area, 'en');
		const fr = load(area, 'fr');
		expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
		for (const [key, text] of [...Object.entries(en), ...Object.entries(fr)]) {
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('compiles to non-empty messages in both languages', () => {
		expect(m.nav_today({}, { locale: 'en' })).toBe('Today');
		expect(m.nav_today({}, { locale: 'fr' })).toBe('Aujourd’hui');
	});
});
