// The French texts of the PHQ-9 (and so of the PHQ-2, its first two items) are the published
// French (France) translation of phqscreeners.com (Pfizer), word for word: a validated instrument
// is only valid in its validated words. Checked on 7 Dec 2026 against the text layer of the
// phqscreeners.com French PDF as extracted in a public repository (see the `french-version`
// extension of phq9.json). Our only change is typographic: a narrow no-break space before « ? ».
// The GAD-7, GAD-2 and WHO-5 French texts are not pinned here: no authoritative copy of their
// France versions was found to check them against (said in the report of issue 15's gaps).
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import { flattenItems, itemText, optionText } from '$lib/domain/surveys/items';

const PUBLISHED_PHQ9 = {
	stem: 'Au cours des 2 dernières semaines, selon quelle fréquence avez-vous été gêné(e) par les problèmes suivants ?',
	items: [
		'Peu d’intérêt ou de plaisir à faire les choses',
		'Être triste, déprimé(e) ou désespéré(e)',
		'Difficultés à s’endormir ou à rester endormi(e), ou dormir trop',
		'Se sentir fatigué(e) ou manquer d’énergie',
		'Avoir peu d’appétit ou manger trop',
		'Avoir une mauvaise opinion de soi-même, ou avoir le sentiment d’être nul(le), ou d’avoir déçu sa famille ou s’être déçu(e) soi-même',
		'Avoir du mal à se concentrer, par exemple, pour lire le journal ou regarder la télévision',
		'Bouger ou parler si lentement que les autres auraient pu le remarquer. Ou au contraire, être si agité(e) que vous avez eu du mal à tenir en place par rapport à d’habitude',
		'Penser qu’il vaudrait mieux mourir ou envisager de vous faire du mal d’une manière ou d’une autre'
	],
	answers: ['Jamais', 'Plusieurs jours', 'Plus de la moitié du temps', 'Presque tous les jours']
} as const;

/** Our typography (narrow no-break space before ? : ; !) read back as the PDF's plain space. */
const asPublished = (text: string) => text.replace(/\u202f(?=[?:;!])/g, ' ');

const all = loadQuestionnaires();
const byId = (id: string) => {
	const q = all.find((x) => x.id === id);
	if (q === undefined) throw new Error(`missing ${id}`);
	return q;
};

describe('PHQ-9 and PHQ-2 in French: the published phqscreeners.com words', () => {
	for (const [id, count] of [
		['phq9', 9],
		['phq2', 2]
	] as const) {
		const q = byId(id);
		const flat = flattenItems(q.item);
		const group = flat.find((f) => f.item.linkId === id)?.item;
		const scored = PUBLISHED_PHQ9.items.slice(0, count).map((_, i) => {
			const item = flat.find((f) => f.item.linkId === `phq9-${i + 1}`)?.item;
			if (item === undefined) throw new Error(`${id}: phq9-${i + 1} missing`);
			return item;
		});

		it(`${id}: the instruction is the published one`, () => {
			expect(group && asPublished(itemText(group, 'fr'))).toBe(PUBLISHED_PHQ9.stem);
		});

		it(`${id}: items 1 to ${count}, word for word`, () => {
			expect(scored.map((item) => asPublished(itemText(item, 'fr')))).toEqual(
				PUBLISHED_PHQ9.items.slice(0, count)
			);
		});

		it(`${id}: the four answers, in order, word for word`, () => {
			for (const item of scored)
				expect(
					(item.answerOption ?? []).map((o) => optionText(o, 'fr')),
					item.linkId
				).toEqual(PUBLISHED_PHQ9.answers);
		});
	}
});
