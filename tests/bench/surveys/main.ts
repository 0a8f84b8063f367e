// The survey results benchmark page (issue 15): what a team member's device does to show the
// results of a campaign — fetch every sealed answer, open each with the survey's private key (over
// the worker pool, crypto/open-boxes.ts), and tally them in one pass with small-number
// suppression — for 2,000 answers to a 15-question survey; then a re-open, where the opened
// ballots come from the sealed cache and only new boxes (none) are opened.
// `prepare` seals the answers (unmeasured) and keeps them as a JSON blob served by a blob URL, so
// the measured part fetches and parses the same JSON the answers endpoint returns; the runner
// (tests/bench/run.ts) measures it at 4× CPU throttling.
import * as z from 'zod';
import { loadQuestionnaires } from '$lib/content/surveys';
import { exportPublicKey, importPrivateJwk } from '$lib/crypto/sharing';
import { MAX_WORKERS, openBoxes } from '$lib/crypto/open-boxes';
import { generateSurveyKeyPair, sealTo } from '$lib/crypto/sealed-box';
import { answersResponseSchema } from '$lib/contracts/surveys';
import {
	ballotContext,
	ballotPlain,
	boxesToOpen,
	boxId,
	openedCacheSchema,
	tallyCampaign,
	type OpenedCache
} from '$lib/domain/surveys/ballot';
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

/** The cache of opened ballots as the app keeps it: AES-GCM sealed JSON (vault/local-secret). */
let cacheKey: CryptoKey | null = null;
let sealedCache: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } | null = null;

/**
 * One view of the results: fetch + parse the answers, open (all boxes over the worker pool when
 * `reopen` is false; else unseal the cache of opened ballots and open only boxes not in it, none
 * here) and tally. The first-open run also seals the cache the re-open runs read.
 */
async function measureResults(runs: number, reopen = false) {
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
		let cache: OpenedCache = {};
		if (reopen) {
			if (sealedCache === null || cacheKey === null) throw new Error('first open first');
			const plain = await crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv: sealedCache.iv },
				cacheKey,
				sealedCache.data
			);
			cache = openedCacheSchema.parse(JSON.parse(new TextDecoder().decode(plain)));
		}
		const fresh = boxesToOpen(data.answers, cache);
		const plains = await openBoxes(fresh, own, context);
		fresh.forEach((box, i) => (cache[boxId(box)] = plains[i] ?? null));
		const opened = data.answers.map((b) => ({
			week: b.week,
			plain: cache[boxId(b.ciphertext)] ?? null
		}));
		const tallyStart = performance.now();
		openTimes.push(tallyStart - openStart);
		const tally = tallyCampaign(q, SURVEY_ID, opened);
		tallyTimes.push(performance.now() - tallyStart);
		times.push(performance.now() - start);
		answers = tally.results.kind === 'results' ? tally.results.answers : 0;
		if (!reopen) {
			cacheKey ??= await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
				'encrypt',
				'decrypt'
			]);
			const iv = crypto.getRandomValues(new Uint8Array(12));
			const data = await crypto.subtle.encrypt(
				{ name: 'AES-GCM', iv },
				cacheKey,
				new TextEncoder().encode(JSON.stringify(cache))
			);
			sealedCache = { iv, data };
		}
	}
	const median = (values: readonly number[]) =>
		values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
	return {
		medianMs: median(times),
		openMedianMs: median(openTimes),
		tallyMedianMs: median(tallyTimes),
		answers,
		workers: Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1)
	};
}

Object.assign(globalThis, { cercleSurveyBench: { prepare, measureResults } });
document.body.dataset['ready'] = 'true';
