// Every bundled instrument passes the validator (a bad file fails this test and the build), carries
// its licence, source and French version, and reads in both languages.
import { describe, expect, it } from 'vitest';
import {
	INSTRUMENT_ORDER,
	loadQuestionnaires,
	parseQuestionnaireFiles,
	QuestionnaireValidationError
} from '$lib/content/surveys';
import { FRENCH_VERSION_URL, LICENCE_URL, SOURCE_URL } from '$lib/domain/surveys/fhir';
import { importQuestionnaire } from '$lib/domain/surveys/import';
import { flattenItems, itemText, metaValue } from '$lib/domain/surveys/items';

describe('bundled instruments', () => {
	const all = loadQuestionnaires();

	it('are all there, in the page order', () => {
		expect(all.map((q) => q.id)).toEqual([...INSTRUMENT_ORDER]);
	});

	it('each names its licence, source and French version', () => {
		for (const q of all) {
			for (const url of [LICENCE_URL, SOURCE_URL, FRENCH_VERSION_URL])
				expect(metaValue(q, url), `${q.id} ${url}`).toMatch(/\S{3}/);
		}
	});

	it('French texts use a narrow no-break space before ? : ; !', () => {
		for (const q of all) {
			for (const { item } of flattenItems(q.item)) {
				const text = itemText(item, 'fr');
				expect(text, `${q.id} ${item.linkId}`).not.toMatch(/[ \u00a0][?:;!]/);
				expect(text).not.toBe(item.text);
			}
		}
	});

	it('PHQ-9 item 9 is the published one, in both languages', () => {
		const phq9 = all.find((q) => q.id === 'phq9');
		const item9 = phq9 && flattenItems(phq9.item).find((f) => f.item.linkId === 'phq9-9')?.item;
		expect(item9 && itemText(item9, 'en')).toBe(
			'Thoughts that you would be better off dead or of hurting yourself in some way'
		);
		expect(item9 && itemText(item9, 'fr')).toBe(
			'Penser qu’il vaudrait mieux mourir ou envisager de vous faire du mal d’une manière ou d’une autre'
		);
	});
});

describe('a malformed instrument', () => {
	it('stops the loader with the file and the item named', () => {
		const who5 = structuredClone(loadQuestionnaires().find((q) => q.id === 'who5'));
		const broken: unknown = JSON.parse(
			JSON.stringify(who5).replace('"type":"choice"', '"type":"slider"')
		);
		expect(() => parseQuestionnaireFiles({ './who5.json': broken })).toThrow(
			QuestionnaireValidationError
		);
		expect(() => parseQuestionnaireFiles({ './who5.json': broken })).toThrow(
			'surveys/who5.json › item "who5-1" › type: unknown item type'
		);
	});

	it('imported at run time is refused with a clear message', () => {
		const refused = importQuestionnaire('{"resourceType":"Questionnaire"', 'team.json');
		expect(refused.ok ? '' : refused.error.message).toMatch(/^team\.json › \(root\): not JSON/);
		const who5 = loadQuestionnaires().find((q) => q.id === 'who5');
		const text = JSON.stringify(who5)

			.replace('"linkId":"who5-2"', '"linkId":"who5-1"');
		const dup = importQuestionnaire(text, 'who5.json');
		expect(dup.ok ? '' : dup.error.message).toContain(
			'who5.json › item "who5-1": duplicate linkId "who5-1"'
		);
	});
});
