// Her own entries not verified as hers, in words (issue 14; `ui/journal/own-unverified-text.ts`):
// the journal's line and the chart's list say why to HER ("your devices sign everything you
// write"), never name a writer, count every entry left out but list the newest five, and keep the
// French narrow no-break space before the colon.
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import type { UnverifiedEntry } from '$lib/domain/care-team/shared-records';
import {
	OWN_UNVERIFIED_LISTED,
	ownUnverifiedLine,
	ownUnverifiedList
} from '$lib/ui/journal/own-unverified-text';

const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

const AT = Date.UTC(2026, 11, 3, 9, 0);
const entry = (n: number, reason: 'unsigned' | 'bad-signature'): UnverifiedEntry => ({
	id: `bp-${String(n)}`,
	at: AT - n * 3_600_000,
	category: 'measurements',
	kind: 'measurement',
	writer: { type: 'not-verified', accountId: 'acc-monique', reason }
});

describe('her entries not verified as hers', () => {
	it('say why to her on the journal line, in English', () => {
		overwriteGetLocale(() => 'en');
		expect(ownUnverifiedLine(entry(1, 'unsigned'))).toBe(
			'Not verified as yours. Could not check who wrote this: it is not signed, and your devices sign everything you write.'
		);
		expect(ownUnverifiedLine(entry(1, 'bad-signature'))).toBe(
			'Not verified as yours. Could not check who wrote this: the signature is not yours.'
		);
	});

	it('count them all under a chart and list the newest few, in French', () => {
		overwriteGetLocale(() => 'fr');
		const entries = Array.from({ length: OWN_UNVERIFIED_LISTED + 2 }, (_, i) =>
			entry(i, 'unsigned')
		);
		const list = ownUnverifiedList(entries);
		expect(list?.title).toBe('Non vérifié comme venant de vous');
		expect(list?.intro).toMatch(/^7 entrées disent venir de vous/);
		expect(list?.lines.map((l) => l.id)).toEqual(entries.slice(0, 5).map((e) => e.id));
		for (const line of list?.lines ?? []) {
			expect(line.text).toContain('\u202f: Impossible de vérifier qui a écrit ceci\u202f: ');
		}
	});

	it('say nothing when every entry checked out', () => {
		expect(ownUnverifiedList([])).toBeNull();
	});
});
