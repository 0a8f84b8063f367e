// The survey results benchmark page (issue 15): what a publisher's device does to show the
// results of a campaign — fetch every sealed answer, open each with the survey's private key, and
// tally them with small-number suppression — for 2,000 answers to a 15-question survey.
// `prepare` seals the answers (unmeasured) and keeps them as a JSON blob served by a blob URL, so
// the measured part fetches and parses the same JSON the answers endpoint returns; the runner
// (tests/bench/run.ts) measures it at 4× CPU throttling.
import * as z from 'zod';
import { loadQuestionnaires } from '$lib/content/surveys';
import { exportPublicKey, importPrivateJwk } from '$lib/crypto/sharing';
import { generateSurveyKeyPair, openSealed, sealTo } from '$lib/crypto/sealed-box';
import { answersResponseSchema } from '$lib/contracts/surveys';
import { ballotContext, ballotPlain, tallyCampaign } from '$lib/domain/surveys/ballot';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { buildResponse } from '$lib/domain/surveys/response';

const SURVEY_ID = '0193a000-0000-7000-8000-0000000000b1';
let url = '';
let privateJwk: JsonWebKey = {};
let publicKey = '';
let questionnaire: Questionnaire | null = null;

/** A 15-question survey: the coordination survey's overall question, fifteen times. */
function fifteen(): Questionnaire {
	const base = loadQuestionnaires().find((q) => q.id === 'coordination');
	const overall = base?.item.find((i) => i.linkId === 'coord-overall');
	if (base === undefined || overall === undefined) throw new Error('no coordination survey');
	return {
		...base,
		id: 'bench15',
		item: Array.from({ length: 15 }, (_, i) => ({ ...overall, linkId: `q${String(i + 1)}` }))
	};
}

async function prepare(count: number): Promise<number> {
	const q = fifteen();
	questionnaire = q;
	const pair = await generateSurveyKeyPair();
	publicKey = await exportPublicKey(pair.publicKey);
	privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const codes = ['5', '4', '3', '2', '1'];
	const answers = await Promise.all(
		Array.from({ length: count }, async (_, n) => {
			const values = Object.fromEntries(
				q.item.map((item, i) => [
					item.linkId,
					[{ valueCoding: { code: codes[(n + i) % 5] ?? '5' } }]
				])
			);
			const built = buildResponse(q, values, '2026-12-07T00:00:00.000Z');
			if (!built.ok) throw new Error('bad response');
			const ciphertext = await sealTo(
				publicKey,
				ballotContext(SURVEY_ID),
				ballotPlain(SURVEY_ID, q.id, built.value)
			);
			return {
				week: `2026-W${String(40 + (n % 12)).padStart(2, '0')}`,
				ciphertext: ciphertext ?? ''
			};
		})
	);
	const json = JSON.stringify({ answers });
	url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
	return json.length;
}

async function measureResults(runs: number) {
	const q = questionnaire;
	if (q === null) throw new Error('prepare first');
	const times: number[] = [];
	const openTimes: number[] = [];
	const tallyTimes: number[] = [];
	let answers = 0;
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		const data = answersResponseSchema.parse(z.unknown().parse(await (await fetch(url)).json()));
		const privateKey = await importPrivateJwk(privateJwk);
		if (privateKey === null) throw new Error('bad key');
		const own = { privateKey, publicKey };
		const context = ballotContext(SURVEY_ID);
		const openStart = performance.now();
		const opened = await Promise.all(
			data.answers.map(async (b) => ({
				week: b.week,
				plain: await openSealed(b.ciphertext, own, context)
			}))
		);
		const tallyStart = performance.now();
		openTimes.push(tallyStart - openStart);
		const tally = tallyCampaign(q, SURVEY_ID, opened);
		tallyTimes.push(performance.now() - tallyStart);
		times.push(performance.now() - start);
		answers = tally.results.kind === 'results' ? tally.results.answers : 0;
	}
	const median = (values: readonly number[]) =>
		values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
	return {
		medianMs: median(times),
		openMedianMs: median(openTimes),
		tallyMedianMs: median(tallyTimes),
		answers
	};
}

Object.assign(globalThis, { cercleSurveyBench: { prepare, measureResults } });
document.body.dataset['ready'] = 'true';
