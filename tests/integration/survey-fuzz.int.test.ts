// Fuzz of the survey endpoints (issue 15): FUZZ_RUNS malformed requests per endpoint (see
// tests/fixtures/server/fuzz.ts), built from each zod contract's valid body and a real campaign,
// sent to the real handlers. Never a 5xx, and every error body follows the contract. Fuzzed here:
//   POST /api/surveys/campaigns, POST /api/surveys/campaigns/[id]/tokens,
//   POST /api/surveys/campaigns/[id]/updates, POST /api/surveys/ballots (no session)
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
	ballotRequestSchema,
	createCampaignRequestSchema,
	issueTokensRequestSchema,
	postUpdateRequestSchema
} from '../../src/lib/contracts/surveys';
import { CHEAP_ARGON2, apiRequest, createTestApp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { fuzzEndpoint, fuzzRuns, type FuzzTarget } from '../fixtures/server/fuzz';
import { marie } from '../fixtures/server/people';

const b64 = (n: number) => randomBytes(n).toString('base64url');

forEachDatabase(
	'survey endpoints fuzz',
	(get, dialect) => {
		const runs = fuzzRuns(dialect);
		it(`never answers ${runs} malformed requests per survey endpoint with a 5xx`, async () => {
			const app = createTestApp(get().handle, Date.now(), { argon2: CHEAP_ARGON2 });
			const publisher = await signUpAs(app, marie());
			const campaign = {
				id: randomUUID(),
				questionnaireId: 'coordination',
				publicKey: b64(65),
				identityKey: b64(65),
				signature: b64(64),
				closesAt: Date.now() + 86_400_000
			};
			const created = await app.fetch(
				apiRequest('POST', '/api/surveys/campaigns', { body: campaign, cookie: publisher.cookie })
			);
			expect(created.status).toBe(201);
			const survey = { id: campaign.id };
			const targets: readonly FuzzTarget[] = [
				{
					method: 'POST',
					route: '/api/surveys/campaigns',
					handler: app.api.surveyCampaignCreate,
					contract: createCampaignRequestSchema,
					valid: { ...campaign, id: randomUUID() },
					cookie: publisher.cookie
				},
				{
					method: 'POST',
					route: '/api/surveys/campaigns/:id/tokens',
					handler: app.api.surveyTokensIssue,
					params: survey,
					contract: issueTokensRequestSchema,
					valid: { tokenHashes: ['a'.repeat(64)] },
					cookie: publisher.cookie
				},
				{
					method: 'POST',
					route: '/api/surveys/campaigns/:id/updates',
					handler: app.api.surveyUpdatePost,
					params: survey,
					contract: postUpdateRequestSchema,
					valid: {
						id: randomUUID(),
						publishedAt: Date.now(),
						en: 'We changed',
						fr: 'Nous avons changé',
						signature: b64(64)
					},
					cookie: publisher.cookie
				},
				{
					method: 'POST',
					route: '/api/surveys/ballots',
					handler: app.api.surveyBallot,
					contract: ballotRequestSchema,
					valid: { surveyId: campaign.id, token: b64(32), ciphertext: b64(200) },
					cookie: undefined
				}
			];
			for (const target of targets) expect(await fuzzEndpoint(target, runs)).toBe(runs);
		}, 600_000);
	},
	{ inMemory: true }
);
