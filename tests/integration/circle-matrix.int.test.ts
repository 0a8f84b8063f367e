// The authorization matrix, generated: every care role × shareable category × action × grant
// state, against the real handlers on SQLite and PostgreSQL. The expected table is written out
// here independently of src/lib/domain/circle (read/list/export need a read or write grant;
// write/delete need a write grant; grant is the person's alone), so a bug in the rule fails it.
// Each member also tries another person's circle with the same ids: 0 records may leak.
// Each member is granted only half of the categories (a different half for the next member), so
// every read, list and write cell is checked per category: a pull that ignored the category
// filter, or a push that checked "some grant" instead of this category's, fails the table.
import { expect, it } from 'vitest';
import { myKeysResponseSchema } from '../../src/lib/contracts/circle';
import { pullResponseSchema, pushResponseSchema } from '../../src/lib/contracts/sync';
import { CARE_ROLES, type CareRole, type Grant } from '../../src/lib/domain/circle';
import { SHAREABLE_CATEGORIES } from '../../src/lib/domain/categories';
import { apiRequest, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, pushBody } from '../fixtures/server/people';
import {
	call,
	createCircleTestApp,
	join,
	participant,
	type Participant
} from '../fixtures/circle/app';

const ACTIONS = ['read', 'list', 'write', 'grant', 'export', 'delete'] as const;
const STATES = ['granted-read', 'granted-write', 'not-granted', 'expired', 'revoked'] as const;
type State = (typeof STATES)[number];
type Action = (typeof ACTIONS)[number];
const HOUR = 3_600_000;
type Shareable = (typeof SHAREABLE_CATEGORIES)[number];

const expected = (state: State, action: Action): boolean =>
	(state === 'granted-read' && ['read', 'list', 'export'].includes(action)) ||
	(state === 'granted-write' && action !== 'grant');

const grantsFor = (state: State, now: number, shared: readonly Shareable[]): Grant[] =>
	state === 'not-granted'
		? []
		: shared.map((category) => ({
				category,
				access: state === 'granted-read' ? 'read' : 'write',
				until: state === 'expired' ? now + HOUR : null
			}));

async function pulled(app: TestApp, who: Participant, circleId: string) {
	const res = await app.fetch(
		apiRequest('GET', `/api/sync/pull?circle=${circleId}&limit=1000`, { cookie: who.cookie })
	);
	return res.status === 200 ? pullResponseSchema.parse(await res.json()).envelopes : [];
}

async function pushed(app: TestApp, who: Participant, circleId: string, deleted: boolean) {
	const envs = SHAREABLE_CATEGORIES.map((category) => envelope({ category, deleted }));
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie: who.cookie, body: pushBody(circleId, envs) })
	);
	const acks = res.status === 200 ? pushResponseSchema.parse(await res.json()).acks : [];
	return new Set(
		envs.filter((e) => acks.some((a) => a.id === e.id && 'seq' in a)).map((e) => e.category)
	);
}

forEachDatabase('circle authorization matrix', (get) => {
	it('allows exactly the granted cells and leaks nothing across circles', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const paul = await participant(app);
		const people: {
			role: CareRole;
			state: State;
			who: Participant;
			shared: readonly Shareable[];
		}[] = [];
		for (const role of CARE_ROLES) {
			for (const state of STATES) {
				const who = await participant(app);
				const shared = SHAREABLE_CATEGORIES.filter((_, i) => (i + people.length) % 2 === 0);
				await join(app, marie, who, grantsFor(state, app.now(), shared), role);
				if (state === 'revoked') {
					const res = await call(
						app,
						'PUT',
						`/api/circles/${marie.circleId}/members/${who.accountId}/grants`,
						marie.cookie,
						{ grants: [] }
					);
					expect(res.status).toBe(200);
				}
				people.push({ role, state, who, shared });
			}
		}
		await pushed(app, marie, marie.circleId, false);
		await pushed(app, paul, paul.circleId, false);
		app.advance(2 * HOUR);

		const actual: Record<string, boolean> = {};
		const want: Record<string, boolean> = {};
		let leaked = 0;
		for (const { role, state, who, shared } of people) {
			const read = new Set((await pulled(app, who, marie.circleId)).map((e) => e.category));
			const keys = myKeysResponseSchema.safeParse(
				(await call(app, 'GET', `/api/circles/${marie.circleId}/keys`, who.cookie)).json
			);
			const list = new Set(keys.success ? keys.data.keys.map((k) => k.category) : []);
			const write = await pushed(app, who, marie.circleId, false);
			const del = await pushed(app, who, marie.circleId, true);
			for (const category of SHAREABLE_CATEGORIES) {
				const grant = await call(
					app,
					'PUT',
					`/api/circles/${marie.circleId}/members/${who.accountId}/grants`,
					who.cookie,
					{
						grants: [{ category, access: 'write', until: null }]
					}
				);
				const exported = await call(
					app,
					'POST',
					`/api/circles/${marie.circleId}/audit`,
					who.cookie,
					{ action: 'exported', category }
				);
				const cells: Record<Action, boolean> = {
					read: read.has(category),
					list: list.has(category),
					write: write.has(category),
					delete: del.has(category),
					grant: grant.status === 200,
					export: exported.status === 204
				};
				for (const action of ACTIONS) {
					const key = `${role}|${category}|${action}|${state}`;
					actual[key] = cells[action];
					want[key] = shared.includes(category) && expected(state, action);
				}
			}
			leaked += (await pulled(app, who, paul.circleId)).length;
			leaked += (await pushed(app, who, paul.circleId, false)).size;
		}
		expect(Object.keys(actual)).toHaveLength(
			CARE_ROLES.length * SHAREABLE_CATEGORIES.length * ACTIONS.length * STATES.length
		);
		expect(actual).toEqual(want);
		expect(Object.values(want).some(Boolean)).toBe(true);
		expect(leaked).toBe(0);
		expect(await pulled(app, paul, paul.circleId)).toHaveLength(SHAREABLE_CATEGORIES.length);
	}, 180_000); // ~1,500 requests; PostgreSQL on a busy two-core machine needs more than a minute
});
