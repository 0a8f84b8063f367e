// Every string the person sees exists in French and English, and the compiled messages are not
// empty (a missing inlang plugin silently compiles to nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';

const dir = new URL('../../src/lib/i18n/messages/', import.meta.url);
/** A message is a string, or variants selected by plural rules (inlang message format). */
const variantsSchema = z.array(
	z.object({
		declarations: z.array(z.string()),
		selectors: z.array(z.string()),
		match: z.record(z.string(), z.string())
	})
);
const messagesSchema = z.record(z.string(), z.union([z.string(), variantsSchema]));

/** Each message as its texts (one, or one per variant). */
function load(area: string, locale: string): Record<string, readonly string[]> {
	const raw: unknown = JSON.parse(readFileSync(new URL(`${area}/${locale}.json`, dir), 'utf8'));
	const parsed = messagesSchema.parse(raw);
	const { $schema: _schema, ...messages } = parsed;
	return Object.fromEntries(
		Object.entries(messages).map(([key, value]) => [
			key,
			typeof value === 'string' ? [value] : value.flatMap((v) => Object.values(v.match))
		])
	);
}

describe('messages', () => {
	const areas = readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name);

	it.each(areas)('%s has the same keys in French and English, none empty', (area) => {
		const en = load(area, 'en');
		const fr = load(area, 'fr');
		expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
		for (const [key, texts] of [...Object.entries(en), ...Object.entries(fr)]) {
			expect(texts.length, key).toBeGreaterThan(0);
			for (const text of texts) expect(text.trim(), key).not.toBe('');
		}
	});

	it('compiles to non-empty messages in both languages', () => {
		expect(m.nav_today({}, { locale: 'en' })).toBe('Today');
		expect(m.nav_today({}, { locale: 'fr' })).toBe('Aujourd’hui');
	});
});
