// A campaign's results (commands/survey-campaigns.ts `campaignResultsWith`): every sealed answer is
// fetched, only those this device did not open before are opened, the opened ones are kept in ONE
// write, and nothing is written when nothing is new or when the server could not be reached.
import { describe, expect, it } from 'vitest';
import { campaignResultsWith } from '$lib/commands/survey-campaigns';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { OpenedCache, SignedCampaign } from '$lib/domain/surveys/ballot';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyHttpError } from '$lib/sync/surveys-http';

const found = loadQuestionnaires().find((q) => q.id === 'coordination');
if (found === undefined) throw new Error('missing');
const questionnaire = found;

const campaign: SignedCampaign = {
	id: 'survey-1',
	questionnaireId: 'coordination',
	publicKey: 'survey-pub',
	identityKey: 'me',
	signature: 'sig',
	closesAt: Date.UTC(2027, 0, 1)
};
const privateKey = (
	await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])
).privateKey;
const box = (n: number) => `box-${n}`.padEnd(100, '.');

function setup(answers: Result<{ week: string; ciphertext: string }[], SurveyHttpError>) {
	let cache: OpenedCache = {};
	const opened: string[][] = [];
	const saves: OpenedCache[] = [];
	const deps = {
		http: { answers: () => Promise.resolve(answers) },
		opened: {
			read: () => Promise.resolve(cache),
			save: (_surveyId: string, next: OpenedCache) => {
				saves.push(next);
				cache = next;
				return Promise.resolve(true);
			}
		},
		openBallots: (boxes: readonly string[]) => {
			opened.push([...boxes]);
			return Promise.resolve(boxes.map(() => null));
		}
	};
	const run = () => campaignResultsWith(deps, { campaign, privateKey }, questionnaire);
	return { run, opened, saves };
}

describe('campaign results', () => {
	it('opens only the answers not opened before, and keeps them in one write', async () => {
		const week = '2026-11-30';
		const answers = [1, 2, 3].map((n) => ({ week, ciphertext: box(n) }));
		const { run, opened, saves } = setup(ok(answers));
		const first = await run();
		expect(first.ok && first.value.campaign).toEqual(campaign);
		expect(opened).toEqual([[box(1), box(2), box(3)]]);
		expect(saves).toHaveLength(1);
		expect(Object.keys(saves[0] ?? {})).toHaveLength(3);
		await run();
		expect(opened).toHaveLength(1);
		expect(saves).toHaveLength(1);
	});

	it('writes nothing when the server cannot be reached', async () => {
		const { run, opened, saves } = setup(err({ type: 'offline' }));
		expect(await run()).toEqual(err({ type: 'offline' }));
		expect(opened).toEqual([]);
		expect(saves).toEqual([]);
	});
});
