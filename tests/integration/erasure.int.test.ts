// "Delete my account" on SQLite and PostgreSQL (issue 12, item 11): after the passphrase, one
// transaction erases everything of the account. Afterwards no row of ANY table (listed from the
// database itself, not from a list in the code) holds the account id, its login or the id of its
// circle; its members lose the circle at once; other people's logs still verify.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { auditLogResponseSchema } from '../../src/lib/contracts/circle';
import type { CalendarDatabase } from '../../server/calendar/schema';
import { apiRequest, type TestApp } from '../fixtures/server/app';
import { forEachDatabase, type TestDatabase } from '../fixtures/server/databases';
import { envelope, marie as mariePerson, pushBody, randomAuthKey } from '../fixtures/server/people';
import {
	accept,
	call,
	createCircleTestApp,
	daughter,
	invite,
	join,
	participant,
	type Participant
} from '../fixtures/circle/app';

async function everyRow(database: TestDatabase): Promise<{ table: string; row: string }[]> {
	const { db, dialect } = database.handle;
	const tables =
		dialect === 'sqlite'
			? await sql<{
					name: string;
				}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
					db
				)
			: await sql<{
					name: string;
				}>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
					db
				);
	const out: { table: string; row: string }[] = [];
	for (const { name } of tables.rows) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
		for (const row of rows.rows) out.push({ table: name, row: JSON.stringify(row) });
	}
	return out;
}

async function pushAs(app: TestApp, who: Participant, circleId: string) {
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', {
			cookie: who.cookie,
			body: pushBody(circleId, [envelope({ category: 'measurements' })])
		})
	);
	expect(res.status).toBe(200);
}

const pullStatus = async (app: TestApp, who: Participant, circleId: string) =>
	(await app.fetch(apiRequest('GET', `/api/sync/pull?circle=${circleId}`, { cookie: who.cookie })))
		.status;

forEachDatabase('account erasure', (get) => {
	it('erases every row naming the account or its circle, in one go, after the passphrase', async () => {
		const app = createCircleTestApp(get().handle);
		const person = mariePerson();
		const marie = await participant(app, person);
		const claire = await daughter(app);
		const paul = await participant(app);
		const write = [{ category: 'measurements' as const, access: 'write' as const, until: null }];
		// Claire is in Marie's circle and writes there; Marie is in Claire's circle and reads there;
		// Marie accepted Paul's invitation, not confirmed yet.
		await join(app, marie, claire, write);
		await join(app, claire, marie, write);
		await pushAs(app, marie, marie.circleId);
		await pushAs(app, claire, marie.circleId);
		await pushAs(app, claire, claire.circleId);
		await pushAs(app, marie, claire.circleId);
		expect(await pullStatus(app, marie, claire.circleId)).toBe(200);
		expect((await accept(app, marie, await invite(app, paul))).status).toBe(200);
		await invite(app, marie);
		const { db } = get().handle;
		await db
			.insertInto('push_subscriptions')
			.values({
				id: crypto.randomUUID(),
				account_id: marie.accountId,
				endpoint: 'https://fcm.googleapis.com/fcm/send/marie',
				p256dh: 'p',
				auth: 'a',
				locale: 'fr',
				created_at: app.now(),
				last_success_at: null,
				failure_count: 0
			})
			.execute();
		await db
			.insertInto('push_jobs')
			.values({
				id: crypto.randomUUID(),
				account_id: marie.accountId,
				opaque_id: 'o'.repeat(22),
				fire_at: app.now(),
				state: 'pending',
				attempts: 0,
				next_attempt_at: app.now(),
				locked_by: null,
				locked_until: null,
				created_at: app.now(),
				sent_at: null
			})
			.execute();
		await db
			.$extendTables<CalendarDatabase>()
			.insertInto('calendar_feeds')
			.values({
				account_id: marie.accountId,
				token_hash: 'f'.repeat(64),
				events: '[]',
				locale: 'fr',
				created_at: app.now(),
				updated_at: app.now()
			})
			.execute();
		const names = [marie.accountId, marie.circleId, person.login];
		const naming = async () =>
			(await everyRow(get())).filter((r) => names.some((n) => r.row.includes(n)));
		expect((await naming()).length).toBeGreaterThan(10);

		const wrong = await app.fetch(
			apiRequest('POST', '/api/account/delete', {
				cookie: marie.cookie,
				body: { authKey: randomAuthKey() }
			})
		);
		expect(wrong.status).toBe(401);
		expect((await naming()).length).toBeGreaterThan(10);

		const erased = await app.fetch(
			apiRequest('POST', '/api/account/delete', {
				cookie: marie.cookie,
				body: { authKey: person.authKey }
			})
		);
		expect(erased.status).toBe(204);
		expect(erased.headers.get('clear-site-data')).toBe('"cookies"');
		expect(erased.headers.get('set-cookie')).toMatch(/Max-Age=0/);
		expect(await naming()).toEqual([]);

		// The session is gone, the circle is gone for its member, nobody can log in as Marie.
		expect(
			(await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: marie.cookie }))).status
		).toBe(401);
		expect(await pullStatus(app, claire, marie.circleId)).toBe(403);
		const login = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: person.login, authKey: person.authKey }
			})
		);
		expect(login.status).toBe(401);
		// Claire's own circle keeps her data and a log that still verifies.
		expect(await pullStatus(app, claire, claire.circleId)).toBe(200);
		const log = auditLogResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${claire.circleId}/audit`, claire.cookie)).json
		);
		expect(log.verified).toBe(true);
		expect(log.entries.some((e) => e.action === 'pulled')).toBe(true);
	});

	it('forget this device: the session ends on the server, the old cookie gets 401, site data is cleared', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const forgot = await app.fetch(
			apiRequest('POST', '/api/auth/forget', { cookie: marie.cookie })
		);
		expect(forgot.status).toBe(204);
		expect(forgot.headers.get('clear-site-data')).toBe('"cache", "cookies"');
		expect(forgot.headers.get('set-cookie')).toMatch(/Max-Age=0/);
		const replay = await app.fetch(
			apiRequest('GET', '/api/auth/session', { cookie: marie.cookie })
		);
		expect(replay.status).toBe(401);
		const { db } = get().handle;
		const sessions = await db
			.selectFrom('sessions')
			.select('id')
			.where('account_id', '=', marie.accountId)
			.execute();
		expect(sessions).toEqual([]);
	});
});
