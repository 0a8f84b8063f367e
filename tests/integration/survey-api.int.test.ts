// The survey API on SQLite and PostgreSQL, through the real handlers and the Origin guard: a
// publisher (session) publishes a campaign and registers token hashes; a person's device posts a
// sealed ballot with NO cookie and no account or circle id; the token counts once under 50 parallel
// posts; missing, malformed, reused or unknown tokens are refused; only the publisher reads the
// sealed answers and posts "you said, we did"; notices are readable by survey id alone. The stored
// answer row and everything the server writes to its logs hold no account, session, circle or IP.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	answersResponseSchema,
	campaignListResponseSchema,
	updatesResponseSchema,
	type Campaign
} from '../../src/lib/contracts/surveys';
import type { SurveyBallotDatabase } from '../../server/surveys/schema';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie } from '../fixtures/server/people';

const DAY = 86_400_000;
const token = () => randomBytes(24).toString('base64url');
const hash = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const b64 = (n: number) => randomBytes(n).toString('base64url');

function campaign(closesAt: number): Campaign {
	return {
		id: randomUUID(),
		questionnaireId: 'coordination',
		publicKey: b64(65),
		identityKey: b64(65),
		signature: b64(64),
		closesAt
	};
}

const PERSON_IP = '192.0.2.77';

forEachDatabase('survey API', (get) => {
	let logged: string[] = [];
	beforeEach(() => {
		logged = [];
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
			logged.push(String(chunk));
			return true;
		});
		vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
			logged.push(args.map(String).join(' '));
		});
	});
	afterEach(() => {
		vi.restoreAllMocks();
	});

	async function publish(app: TestApp) {
		const publisher = await signUpAs(app, marie());
		const c = campaign(app.now() + 30 * DAY);
		const created = await app.fetch(
			apiRequest('POST', '/api/surveys/campaigns', { body: c, cookie: publisher.cookie })
		);
		expect(created.status).toBe(201);
		return { publisher, c };
	}

	async function issue(app: TestApp, cookie: string, surveyId: string, tokens: readonly string[]) {
		return app.fetch(
			apiRequest('POST', `/api/surveys/campaigns/${surveyId}/tokens`, {
				body: { tokenHashes: tokens.map(hash) },
				cookie
			})
		);
	}

	const ballot = (app: TestApp, body: unknown) =>
		app.fetch(apiRequest('POST', '/api/surveys/ballots', { body }), PERSON_IP);

	it('a ballot without a session counts once under 50 parallel posts; the row and logs hold nobody', async () => {
		const app = createTestApp(get().handle, Date.now());
		const { publisher, c } = await publish(app);
		const person = await signUpAs(app, marie());
		const t = token();
		expect((await issue(app, publisher.cookie, c.id, [t])).status).toBe(201);
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				ballot(app, { surveyId: c.id, token: t, ciphertext: b64(100 + i) })
			)
		);
		expect(results.filter((r) => r.status === 204)).toHaveLength(1);
		const refused = results.filter((r) => r.status === 410);
		expect(refused).toHaveLength(49);
		const body = apiErrorBodySchema.parse(await refused[0]?.json());
		expect(body.error.code).toBe('survey-token-refused');

		const db = get().handle.db.$extendTables<SurveyBallotDatabase>();
		const rows = await db
			.selectFrom('survey_answers')
			.selectAll()
			.where('survey_id', '=', c.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['ciphertext', 'id', 'survey_id', 'week']);
		const everything = JSON.stringify(rows) + logged.join('\n');
		for (const secret of [
			person.accountId,
			person.circleId,
			publisher.accountId,
			publisher.circleId,
			publisher.cookie.split('=')[1] ?? '-',
			PERSON_IP,
			t,
			hash(t)
		]) {
			expect(everything).not.toContain(secret);
		}
	});

	it('refuses missing, malformed, unknown and expired tokens, and ballots for another survey', async () => {
		const app = createTestApp(get().handle, Date.now());
		const { publisher, c } = await publish(app);
		const other = await publish(app);
		const t = token();
		await issue(app, publisher.cookie, c.id, [t]);
		expect((await ballot(app, { surveyId: c.id, ciphertext: b64(40) })).status).toBe(400);
		expect(
			(await ballot(app, { surveyId: c.id, token: 'short', ciphertext: b64(40) })).status
		).toBe(400);
		expect(
			(await ballot(app, { surveyId: c.id, token: token(), ciphertext: b64(40) })).status
		).toBe(410);
		expect(
			(await ballot(app, { surveyId: other.c.id, token: t, ciphertext: b64(40) })).status
		).toBe(410);
		expect((await ballot(app, { surveyId: c.id, token: t, ciphertext: '' })).status).toBe(400);
		// A cross-site page cannot post ballots either (the Origin guard).
		const foreign = await app.fetch(
			apiRequest('POST', '/api/surveys/ballots', {
				body: { surveyId: c.id, token: t, ciphertext: b64(40) },
				origin: 'https://evil.example'
			})
		);
		expect(foreign.status).toBe(403);
		app.advance(31 * DAY);
		expect((await ballot(app, { surveyId: c.id, token: t, ciphertext: b64(40) })).status).toBe(410);
	});

	it('only the publisher registers tokens, reads answers and posts notices; anyone with the id reads notices', async () => {
		const app = createTestApp(get().handle, Date.now());
		const { publisher, c } = await publish(app);
		const stranger = await signUpAs(app, marie());
		expect((await issue(app, stranger.cookie, c.id, [token()])).status).toBe(404);
		expect(
			(
				await app.fetch(
					apiRequest('POST', `/api/surveys/campaigns/${c.id}/tokens`, {
						body: { tokenHashes: [hash('x')] }
					})
				)
			).status
		).toBe(401);
		const t = token();
		await issue(app, publisher.cookie, c.id, [t]);
		await ballot(app, { surveyId: c.id, token: t, ciphertext: 'sealed' });
		const forStranger = await app.fetch(
			apiRequest('GET', `/api/surveys/campaigns/${c.id}/answers`, { cookie: stranger.cookie })
		);
		expect(forStranger.status).toBe(404);
		const mine = await app.fetch(
			apiRequest('GET', `/api/surveys/campaigns/${c.id}/answers`, { cookie: publisher.cookie })
		);
		expect(mine.status).toBe(200);
		const answers = answersResponseSchema.parse(await mine.json()).answers;
		expect(answers.map((a) => a.ciphertext)).toEqual(['sealed']);

		const list = campaignListResponseSchema.parse(
			await (
				await app.fetch(apiRequest('GET', '/api/surveys/campaigns', { cookie: publisher.cookie }))
			).json()
		);
		expect(list.campaigns.map((x) => x.id)).toEqual([c.id]);

		const update = {
			id: randomUUID(),
			publishedAt: app.now(),
			en: 'We now call you back within a day.',
			fr: 'Nous vous rappelons sous un jour.',
			signature: b64(64)
		};
		expect(
			(
				await app.fetch(
					apiRequest('POST', `/api/surveys/campaigns/${c.id}/updates`, {
						body: update,
						cookie: stranger.cookie
					})
				)
			).status
		).toBe(404);
		expect(
			(
				await app.fetch(
					apiRequest('POST', `/api/surveys/campaigns/${c.id}/updates`, {
						body: update,
						cookie: publisher.cookie
					})
				)
			).status
		).toBe(201);
		const read = await app.fetch(apiRequest('GET', `/api/surveys/campaigns/${c.id}/updates`));
		expect(updatesResponseSchema.parse(await read.json()).updates).toEqual([update]);
		expect(
			(await app.fetch(apiRequest('GET', '/api/surveys/campaigns/not-an-id/updates'))).status
		).toBe(404);
	});

	it('refuses a campaign that is already closed or whose id is taken', async () => {
		const app = createTestApp(get().handle, Date.now());
		const { publisher, c } = await publish(app);
		const again = await app.fetch(
			apiRequest('POST', '/api/surveys/campaigns', { body: c, cookie: publisher.cookie })
		);
		expect(again.status).toBe(409);
		const closed = await app.fetch(
			apiRequest('POST', '/api/surveys/campaigns', {
				body: campaign(app.now() - 1),
				cookie: publisher.cookie
			})
		);
		expect(closed.status).toBe(409);
	});
});
