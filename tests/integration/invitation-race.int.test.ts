// One invitation link, two accounts accepting it at the same moment (issue 17, hole 5), on SQLite
// and PostgreSQL: the claim `used_at is null` lets exactly one of them in; the other gets
// `invitation-used` and no membership. Both requests have read the still-unused invitation before
// either claims it (the proof check awaits WebCrypto), so only the claim itself can refuse one.
import { expect, it } from 'vitest';
import { memberListResponseSchema } from '../../src/lib/contracts/circle';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	accept,
	call,
	createCircleTestApp,
	daughter,
	invite,
	participant
} from '../fixtures/circle/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire } from '../fixtures/server/people';

forEachDatabase('invitation accepted twice at once', (get) => {
	it('lets exactly one of two accounts in', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const first = await daughter(app);
		const second = await participant(
			app,
			claire({ login: `cousin.${first.accountId}@example.org` })
		);
		const invited = await invite(app, marie);

		const answers = await Promise.all([accept(app, first, invited), accept(app, second, invited)]);

		expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
		const refused = answers.find((a) => a.status !== 200);
		expect(apiErrorBodySchema.parse(refused?.json).error.code).toBe('invitation-used');
		const members = memberListResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${marie.circleId}/members`, marie.cookie)).json
		).members;
		const winner = answers[0].status === 200 ? first : second;
		expect(members.filter((m) => m.role !== 'owner').map((m) => m.accountId)).toEqual([
			winner.accountId
		]);
	});
});
