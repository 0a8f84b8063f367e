// Ballots of anonymous experience surveys, end to end on the devices: a response sealed to the
// survey key by the person's device is opened and tallied on the publisher's device; boxes that do
// not open, are not JSON, are for another survey or questionnaire, or do not check against the
// questionnaire are counted invalid and never throw; results appear only from the tenth valid
// answer; a ballot carries no exact time (only the week's Monday).
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import { generateSurveyKeyPair, openSealed, sealTo } from '$lib/crypto/sealed-box';
import { exportPublicKey } from '$lib/crypto/sharing';
import {
	ballotContext,
	ballotPlain,
	tallyCampaign,
	weekStartIso
} from '$lib/domain/surveys/ballot';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { flattenItems } from '$lib/domain/surveys/items';
import { buildResponse } from '$lib/domain/surveys/response';

const found = loadQuestionnaires().find((q) => q.id === 'coordination');
if (found === undefined) throw new Error('missing');
const survey = found;
const SURVEY_ID = '0193a000-0000-7000-8000-000000000001';

const coding = (code: string) => [{ valueCoding: { code } }];
function response(overall: string) {
	const answers: Answers = {
		'coord-repeat': coding('never'),
		'coord-treatments': coding('yes'),
		'coord-others': coding('partly'),
		'coord-who': coding('yes'),
		'coord-involved': coding('yes'),
		'coord-carer': coding('na'),
		'coord-overall': coding(overall)
	};
	const built = buildResponse(survey, answers, weekStartIso(Date.parse('2026-12-09T15:42:11Z')));
	if (!built.ok) throw new Error(JSON.stringify(built.error));
	return built.value;
}

describe('weekStartIso', () => {
	it('is the Monday 00:00 UTC of the week', () => {
		expect(weekStartIso(Date.parse('2026-12-09T15:42:11Z'))).toBe('2026-12-07T00:00:00.000Z');
		expect(weekStartIso(Date.parse('2026-12-07T00:00:00Z'))).toBe('2026-12-07T00:00:00.000Z');
		expect(weekStartIso(Date.parse('2026-12-13T23:59:59Z'))).toBe('2026-12-07T00:00:00.000Z');
	});
});

describe('tally of sealed ballots', () => {
	it('opens, counts invalid boxes without throwing, and shows results from the tenth', async () => {
		const pair = await generateSurveyKeyPair();
		const own = { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
		const seal = async (plain: string, surveyId = SURVEY_ID) =>
			(await sealTo(own.publicKey, ballotContext(surveyId), plain)) ?? '';
		const boxes = [
			...(await Promise.all(
				Array.from({ length: 9 }, () => seal(ballotPlain(SURVEY_ID, 'coordination', response('5'))))
			)),
			await seal('not json'),
			await seal(JSON.stringify({ v: 1, surveyId: SURVEY_ID, questionnaireId: 'coordination' })),
			await seal(ballotPlain('another-survey', 'coordination', response('5'))),
			await seal(ballotPlain(SURVEY_ID, 'who5', response('5'))),
			await seal(
				ballotPlain(SURVEY_ID, 'coordination', {
					...response('5'),
					item: [{ linkId: 'x', answer: [] }]
				})
			),
			await seal(ballotPlain(SURVEY_ID, 'coordination', response('5')), 'another-survey'),
			'AAAA'
		];
		const open = async (ciphertext: string) => ({
			week: '2026-W50',
			plain: await openSealed(ciphertext, own, ballotContext(SURVEY_ID))
		});
		const nine = tallyCampaign(survey, SURVEY_ID, await Promise.all(boxes.map(open)));
		expect(nine.received).toBe(16);
		expect(nine.results).toEqual({ kind: 'too-few', invalid: { shown: true, count: 7 } });
		expect(nine.trend).toEqual([]);

		boxes.push(await seal(ballotPlain(SURVEY_ID, 'coordination', response('4'))));
		const ten = tallyCampaign(survey, SURVEY_ID, await Promise.all(boxes.map(open)));
		expect(ten.results.kind).toBe('results');
		if (ten.results.kind !== 'results') return;
		expect(ten.results.answers).toBe(10);
		expect(ten.results.invalid).toEqual({ shown: true, count: 7 });
		expect(ten.results.overall).not.toBeNull();
		expect(ten.trend).toHaveLength(1);
		expect(ten.trend[0]?.answers).toBe(10);
	});

	it('keeps the professional inside the ballot and reads the first format too', () => {
		const opened = [
			...Array.from({ length: 9 }, () => ({
				week: '2026-W50',
				plain: ballotPlain(SURVEY_ID, 'coordination', response('5'), 'pro-1')
			})),
			// Format 1 (a whole FHIR response), as devices sent before: still counted.
			{
				week: '2026-W50',
				plain: JSON.stringify({
					v: 1,
					surveyId: SURVEY_ID,
					questionnaireId: 'coordination',
					response: response('4')
				})
			},
			// Format 2 with an answer the questionnaire does not have, or of the wrong type.
			{
				week: '2026-W50',
				plain: JSON.stringify({
					v: 2,
					surveyId: SURVEY_ID,
					questionnaireId: 'coordination',
					a: { x: ['1'] }
				})
			},
			{
				week: '2026-W50',
				plain: JSON.stringify({
					v: 2,
					surveyId: SURVEY_ID,
					questionnaireId: 'coordination',
					a: { 'coord-overall': ['not-an-option'] }
				})
			}
		];
		const plain = JSON.parse(opened[0]?.plain ?? '{}') as Record<string, unknown>;
		expect(plain['p']).toBe('pro-1');
		expect(JSON.stringify(plain)).not.toMatch(/authored|2026-/);
		const tally = tallyCampaign(survey, SURVEY_ID, opened);
		expect(tally.results.kind).toBe('results');
		if (tally.results.kind !== 'results') return;
		expect(tally.results.answers).toBe(10);
		expect(tally.results.invalid).toEqual({ shown: false });
		// Nine answers for pro-1: not enough for results per professional (25).
		expect(tally.professionals).toEqual({ shown: [], notShown: 1 });
		const overall = tally.results.questions.find((q) => q.linkId === 'coord-overall');
		// 9 × "5" and 1 × "4": the 1 is hidden, and so the 9 (else 10 − 9 reveals it).
		expect(overall?.cells.find((c) => c.code === '4')?.count).toEqual({ shown: false });
		expect(overall?.cells.find((c) => c.code === '5')?.count).toEqual({ shown: false });
	});

	it('shows a professional from 25 answers, when the rest is 0 or at least 10', () => {
		const q = loadQuestionnaires().find((x) => x.id === 'collaborate');
		if (q === undefined) throw new Error('missing');
		const ballot = (pro: string | null, top: boolean) => {
			const options = (item: string) =>
				flattenItems(q.item).find((f) => f.item.linkId === item)?.item.answerOption ?? [];
			const code = (item: string) =>
				(top ? options(item).at(-1) : options(item)[0])?.valueCoding.code ?? '';
			const built = buildResponse(
				q,
				Object.fromEntries(
					['collaborate-1', 'collaborate-2', 'collaborate-3'].map((id) => [id, coding(code(id))])
				),
				'2026-12-07T00:00:00.000Z'
			);
			if (!built.ok) throw new Error(JSON.stringify(built.error));
			return { week: '2026-W50', plain: ballotPlain(SURVEY_ID, 'collaborate', built.value, pro) };
		};
		const a = [
			...Array.from({ length: 20 }, () => ballot('pro-a', true)),
			...Array.from({ length: 5 }, () => ballot('pro-a', false))
		];
		// 25 for pro-a and 3 unnamed: the 3 would be the total minus pro-a, so pro-a is hidden.
		const small = tallyCampaign(q, SURVEY_ID, [
			...a,
			...Array.from({ length: 3 }, () => ballot(null, true))
		]);
		expect(small.professionals).toEqual({ shown: [], notShown: 1 });
		const ok = tallyCampaign(q, SURVEY_ID, [
			...a,
			...Array.from({ length: 10 }, () => ballot('pro-b', true))
		]);
		expect(ok.professionals.notShown).toBe(1);
		expect(ok.professionals.shown).toEqual([
			{ professional: 'pro-a', answers: 25, mean: 80, topShare: 80 }
		]);
	});
});
