// Erasure of an account (server/auth/erase.ts) called directly on an in-memory SQLite database:
// fast enough for mutation testing (issue 17). What it pins: afterwards no row of any table holds
// the account id, its login or the id of a circle it owned (every table is scanned); other
// people's rows stay, the envelopes it wrote in their circles included; in their access logs the
// account is one pseudonym per erasure and each chain verifies again. The HTTP path (passphrase
// check, cookie) runs in tests/integration.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, readAudit } from '../../../server/audit/log';
import { createErase } from '../../../server/auth/erase';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { seedAccount, seedCircle, seedMember } from '../../fixtures/server/seed';

let database: TestDatabase;
let ids = 0;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

const erase = () =>
	createErase({
		db: database.handle,
		newId: () => {
			ids += 1;
			return `former-${ids}`;
		}
	});

const run = (query: ReturnType<typeof sql>) => query.execute(database.handle.db);

/** Every row of every table, as text, for a search of the erased ids. */
async function everyRow(): Promise<{ table: string; row: string }[]> {
	const tables = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
		database.handle.db
	);
	const out: { table: string; row: string }[] = [];
	for (const { name } of tables.rows) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
			database.handle.db
		);
		for (const row of rows.rows) out.push({ table: name, row: JSON.stringify(row) });
	}
	return out;
}

const log = (circleId: string, fields: Omit<Parameters<typeof appendAudit>[1], 'circleId'>) =>
	database.handle.db.transaction().execute((trx) => appendAudit(trx, { circleId, ...fields }));

const envelope = (circleId: string, seq: number, device: string) =>
	database.handle.db
		.insertInto('envelopes')
		.values({
			circle_id: circleId,
			seq,
			record_id: `rec-${circleId}-${seq}`,
			hlc: `hlc-${seq}`,
			category: 'notes',
			key_id: 'k1',
			device_id: device,
			iv: 'iv',
			ciphertext: 'c',
			deleted: 0,
			received_at: 1
		})
		.execute();

/** Rows of `account` in every table erase knows, under its own circle and in `others`' circle. */
async function seedEverything(account: string, ownCircle: string, others: string) {
	const { db } = database.handle;
	// Row ids of its own that do not contain the account id (opaque, as in production).
	const tag = randomUUID();
	const other = await seedCircle(database.handle, others);
	await seedMember(
		database.handle,
		other.circleId,
		{ grants: [{ category: 'notes', access: 'read', until: null }] },
		account
	);
	await db
		.insertInto('circle_key_wraps')
		.values({
			circle_id: other.circleId,
			account_id: account,
			category: 'notes',
			key_id: 'k1',
			wrapped: 'w',
			created_at: 1
		})
		.execute();
	await db
		.insertInto('circle_invitations')
		.values({
			id: `inv-${tag}`,
			circle_id: other.circleId,
			lookup_hash: `lh-${tag}`,
			server_key: 'sk',
			care_role: 'carer',
			label: 'Claire',
			proposed_grants: '[]',
			created_at: 1,
			expires_at: 2,
			failure_count: 0,
			used_at: 1,
			accepted_by: account,
			accepted_public_key: 'pk',
			accepted_identity_key: null,
			owner_identity_key: 'oik',
			owner_proof: 'op',
			accepted_proof: 'p',
			confirmed_at: 1,
			revoked_at: null
		})
		.execute();
	await db
		.insertInto('devices')
		.values({ id: `dev-${tag}`, account_id: account, created_at: 1 })
		.execute();
	// Device ids are opaque: the one in the other circle's envelope stays with the envelope.
	await envelope(other.circleId, 1, `dev-${randomUUID()}`);
	await envelope(ownCircle, 1, `dev-${tag}`);
	// The other circle's log names the account as actor, subject of nothing, and target.
	await log(other.circleId, {
		actor: others,
		subject: others,
		target: account,
		category: 'notes',
		action: 'granted',
		at: 10
	});
	await log(other.circleId, {
		actor: account,
		subject: others,
		category: 'notes',
		action: 'pulled',
		at: 11
	});
	await log(other.circleId, {
		actor: others,
		subject: others,
		category: null,
		action: 'invited',
		at: 12
	});
	await log(ownCircle, {
		actor: account,
		subject: account,
		category: null,
		action: 'invited',
		at: 1
	});
	await db
		.insertInto('sessions')
		.values({
			id: `s-${account}`,
			account_id: account,
			created_at: 1,
			expires_at: 2,
			last_seen_at: 1,
			user_agent: 'ua'
		})
		.execute();
	await db
		.insertInto('account_sharing_keys')
		.values({ account_id: account, public_key: 'pk', identity_key: 'ik', updated_at: 1 })
		.execute();
	await run(sql`insert into push_subscriptions (id, account_id, endpoint, p256dh, auth, locale, created_at)
		values (${`ps-${tag}`}, ${account}, ${`https://push.test/${tag}`}, 'p', 'a', 'fr', 1)`);
	await run(sql`insert into push_jobs (id, account_id, opaque_id, fire_at, state, next_attempt_at, created_at)
		values (${`pj-${tag}`}, ${account}, 'o', 1, 'pending', 1, 1)`);
	await run(sql`insert into calendar_feeds (account_id, token_hash, events, locale, created_at, updated_at)
		values (${account}, ${`th-${tag}`}, '[]', 'fr', 1, 1)`);
	const survey = `survey-${tag}`;
	await run(sql`insert into survey_campaigns (id, publisher_account_id, questionnaire_id, public_key, identity_key, signature, closes_at, created_at)
		values (${survey}, ${account}, 'phq9', 'pk', 'ik', 'sig', 9, 1)`);
	await run(sql`insert into survey_updates (id, survey_id, published_at, en, fr, signature)
		values (${`su-${tag}`}, ${survey}, 1, 'en', 'fr', 'sig')`);
	await run(sql`insert into survey_tokens (token_hash, survey_id, expires_at)
		values (${`st-${tag}`}, ${survey}, 9)`);
	await run(sql`insert into survey_answers (id, survey_id, week, ciphertext)
		values (${`sa-${tag}`}, ${survey}, '2025-W01', 'c')`);
	// The team is the other person's; only the account's membership of it goes.
	const team = `team-${randomUUID()}`;
	await run(sql`insert into teams (id, name, kind, created_by, key_version, public_key, key_signature, key_signer, created_at)
		values (${team}, 'Équipe', 'care', ${others}, 1, 'pk', 'sig', ${others}, 1)`);
	await run(sql`insert into team_members (team_id, account_id, role, label, identity_key, sharing_key, joined_at)
		values (${team}, ${account}, 'member', 'Claire', 'ik', 'sk', 1)`);
	await run(sql`insert into team_key_wraps (team_id, account_id, key_version, wrapped, sealed_by, created_at)
		values (${team}, ${account}, 1, 'w', ${others}, 1)`);
	await run(sql`insert into team_invitations (id, team_id, lookup_hash, server_key, role, invited_by, inviter_proof, created_at, expires_at, accepted_by)
		values (${`ti-${tag}`}, ${team}, ${`tl-${tag}`}, 'sk', 'member', ${others}, 'p', 1, 2, ${account})`);
	await run(sql`insert into account_totp (account_id, secret, confirmed, last_step, created_at)
		values (${account}, 'ab', 1, null, 1)`);
	await run(
		sql`insert into account_recovery_codes (account_id, code_hash) values (${account}, ${`rc-${tag}`})`
	);
	await run(sql`insert into account_kinds (account_id, kind) values (${account}, 'professional')`);
	return { circleId: other.circleId, tag };
}

describe('erase', () => {
	it('leaves no row holding the account id, its login or its circle id; other people’s rows stay', async () => {
		const marie = await seedAccount(database.handle);
		const paul = await seedAccount(database.handle);
		const { circleId: own } = await seedCircle(database.handle, marie);
		const claire = await seedMember(database.handle, own, {
			grants: [{ category: 'notes', access: 'write', until: null }]
		});
		await envelope(own, 2, `dev-${claire}`);
		const { circleId: paulsCircle, tag } = await seedEverything(marie, own, paul);
		// Paul has the same kinds of rows; none of them may go.
		const { circleId: paulOwnSecond } = await seedCircle(database.handle);
		const { circleId: paulsRows } = await seedEverything(paul, paulOwnSecond, claire);
		// Paul's rows that do not name Marie (his log aside, rewritten where she is named).
		const before = (await everyRow()).filter(
			(r) =>
				(r.row.includes(paul) || r.row.includes(paulsRows)) &&
				!r.row.includes(marie) &&
				!r.table.startsWith('audit_')
		);
		expect(before.length).toBeGreaterThan(20);
		await erase()(marie);

		const after = await everyRow();
		// `tag` names Marie's own rows that do not hold her id (her survey's tokens and answers...).
		for (const needle of [marie, `${marie}@example.org`, own, tag])
			expect(after.filter((r) => r.row.includes(needle))).toEqual([]);
		// Claire's membership of the erased circle went with it.
		expect(after.filter((r) => r.row.includes(claire) && r.row.includes(own))).toEqual([]);
		// Every one of them is still there, unchanged.
		expect(after).toEqual(expect.arrayContaining(before));
		// The envelope Marie wrote in Paul's circle is part of his journal.
		const kept = await database.handle.db
			.selectFrom('envelopes')
			.select('record_id')
			.where('circle_id', '=', paulsCircle)
			.execute();
		expect(kept).toEqual([{ record_id: `rec-${paulsCircle}-1` }]);
	});

	it('names the account by one pseudonym per erasure in every other log, whose chain verifies', async () => {
		const marie = await seedAccount(database.handle);
		const paul = await seedAccount(database.handle);
		const jeanne = await seedAccount(database.handle);
		const { circleId: own } = await seedCircle(database.handle, marie);
		const { circleId: first } = await seedEverything(marie, own, paul);
		const second = (await seedCircle(database.handle, jeanne)).circleId;
		await log(second, { actor: marie, subject: jeanne, category: 'plan', action: 'pulled', at: 5 });
		await log(second, { actor: jeanne, subject: jeanne, category: null, action: 'invited', at: 6 });
		const untouched = (await seedCircle(database.handle)).circleId;
		await log(untouched, { actor: paul, subject: paul, category: null, action: 'invited', at: 1 });
		const untouchedBefore = await readAudit(database.handle.db, untouched);

		await erase()(marie);
		const pseudonym = `former-${ids}`;

		const firstLog = await readAudit(database.handle.db, first);
		expect(firstLog.check.ok).toBe(true);
		expect(
			firstLog.entries.map((e) => [e.actor, e.subject, e.target ?? null, e.category, e.action])
		).toEqual([
			[paul, paul, pseudonym, 'notes', 'granted'],
			[pseudonym, paul, null, 'notes', 'pulled'],
			[paul, paul, null, null, 'invited']
		]);
		expect(firstLog.head).toEqual({
			seq: 3,
			hash: firstLog.entries[2]?.hash
		});
		const secondLog = await readAudit(database.handle.db, second);
		expect(secondLog.check.ok).toBe(true);
		expect(secondLog.entries.map((e) => e.actor)).toEqual([pseudonym, jeanne]);
		expect(secondLog.head.hash).toBe(secondLog.entries[1]?.hash);
		// A log that never named the account is not rewritten.
		expect(await readAudit(database.handle.db, untouched)).toEqual(untouchedBefore);
	});

	it('takes the account id out of every row of a log, also past a row it cannot read', async () => {
		const marie = await seedAccount(database.handle);
		const jeanne = await seedAccount(database.handle);
		const { circleId } = await seedCircle(database.handle, jeanne);
		await log(circleId, {
			actor: marie,
			subject: jeanne,
			category: 'plan',
			action: 'pulled',
			at: 5
		});
		await log(circleId, {
			actor: jeanne,
			subject: jeanne,
			category: null,
			action: 'invited',
			at: 6
		});
		await log(circleId, {
			actor: marie,
			subject: jeanne,
			category: 'notes',
			action: 'pulled',
			at: 7
		});
		// A row written by a newer server (an action this one does not know), then Marie again.
		await run(
			sql`update audit_entries set action = ${'from-the-future'} where circle_id = ${circleId} and seq = 2`
		);
		const headBefore = await readAudit(database.handle.db, circleId);

		await erase()(marie);

		const rows = (await everyRow()).filter(
			(r) => r.table === 'audit_entries' && r.row.includes(circleId)
		);
		expect(rows).toHaveLength(3);
		expect(rows.filter((r) => r.row.includes(marie))).toEqual([]);
		expect(rows.filter((r) => r.row.includes(`former-${ids}`))).toHaveLength(2);
		// The head still points at the last row, so the next entry takes the next seq.
		expect((await readAudit(database.handle.db, circleId)).head.seq).toBe(headBefore.head.seq);
	});

	it('leaves the hash of a row whose category it cannot read, and of the rows after it', async () => {
		const marie = await seedAccount(database.handle);
		const jeanne = await seedAccount(database.handle);
		const { circleId } = await seedCircle(database.handle, jeanne);
		for (const [category, at] of [
			['plan', 5],
			['notes', 6],
			['plan', 7]
		] as const) {
			await log(circleId, { actor: marie, subject: jeanne, category, action: 'pulled', at });
		}
		// A known action on a category this server does not know (written by a newer one).
		await run(
			sql`update audit_entries set category = ${'from-the-future'} where circle_id = ${circleId} and seq = 2`
		);
		const hashes = () =>
			sql<{
				seq: number;
				hash: string;
			}>`select seq, hash from audit_entries where circle_id = ${circleId} order by seq`
				.execute(database.handle.db)
				.then((result) => result.rows.map((r) => [r.seq, r.hash]));
		const before = await hashes();

		await erase()(marie);

		const after = await hashes();
		expect(after[0]?.[1]).not.toBe(before[0]?.[1]);
		expect(after.slice(1)).toEqual(before.slice(1));
		const rows = (await everyRow()).filter(
			(r) => r.table === 'audit_entries' && r.row.includes(circleId)
		);
		expect(rows.filter((r) => r.row.includes(marie))).toEqual([]);
	});

	it('erases an account with nothing but its row', async () => {
		const lone = await seedAccount(database.handle);
		await erase()(lone);
		expect((await everyRow()).filter((r) => r.row.includes(lone))).toEqual([]);
	});
});
