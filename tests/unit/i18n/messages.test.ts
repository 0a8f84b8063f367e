// Every string the person sees exists in French and English, and the compiled messages are not
// empty (a missing inlang plugin silently compiles to nothing).
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { areas, loadArea } from './catalogue';

describe('messages', () => {
	it.each(areas)('%s has the same keys in French and English, none empty', (area) => {
		const en = loadArea(area, 'en');
		const fr = loadArea(area, 'fr');
		expect(fr.map((x) => x.key).sort()).toEqual(en.map((x) => x.key).sort());
		for (const message of [...en, ...fr]) {
			expect(message.texts.length, message.key).toBeGreaterThan(0);
			for (const text of message.texts) expect(text.trim(), message.key).not.toBe('');
		}
	});

	it('compiles to non-empty messages in both languages', () => {
		expect(m.nav_today({}, { locale: 'en' })).toBe('Today');
		expect(m.nav_today({}, { locale: 'fr' })).toBe('Aujourd’hui');
	});
});
