// Push and pull (server/sync/push.ts, pull.ts) called directly on an in-memory SQLite database:
// fast enough for mutation testing (issue 17). What they pin: idempotence by (id, hlc), seq
// order, a record id pinned to one circle and one category, the HLC horizon, the device claim,
// the permission check on every envelope, the access-log entries (refused, pulled) and pull's
// paging and restore detection. The API path runs on both databases in tests/integration.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HLC_MAX_DRIFT_MS } from '../../../src/lib/contracts/hlc';
import { PULL_MAX_BYTES, type PushAck } from '../../../src/lib/contracts/sync';
import type { Category } from '../../../src/lib/domain/categories';
import { createPermissions, type Permissions } from '../../../server/sync/permissions';
import { createPull } from '../../../server/sync/pull';
import { createPush, type PushEnvelope } from '../../../server/sync/push';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { hlc } from '../../fixtures/server/people';
import { auditRows, seedAccount, seedCircle, seedMember } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 0, 6, 9);
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

const env = (overrides: Partial<PushEnvelope> = {}): PushEnvelope => ({
	id: randomUUID(),
	hlc: hlc(NOW),
	category: 'symptoms',
	keyId: 'k1',
	iv: 'iv-1',
	ciphertext: 'cipher-1',
	deleted: false,
	...overrides
});

function services(now = () => NOW, permissions?: Permissions) {
	const db = database.handle;
	const perms = permissions ?? createPermissions({ db, now });
	return {
		push: createPush({ db, now, permissions: perms }),
		pull: createPull({ db, now, permissions: perms })
	};
}

async function pushOk(
	accountId: string,
	circleId: string,
	envelopes: readonly PushEnvelope[],
	deviceId = `dev-${accountId}`
): Promise<readonly PushAck[]> {
	const result = await services().push(accountId, { circleId, deviceId, envelopes });
	if (!result.ok) throw new Error('push refused');
	return result.value;
}

async function stored(circleId: string) {
	return database.handle.db
		.selectFrom('envelopes')
		.selectAll()
		.where('circle_id', '=', circleId)
		.orderBy('seq')
		.execute();
}

async function circleSeq(circleId: string): Promise<number> {
	const row = await database.handle.db
		.selectFrom('circles')
		.select('seq')
		.where('id', '=', circleId)
		.executeTakeFirstOrThrow();
	return row.seq;
}

describe('push', () => {
	it('stores a batch with consecutive seqs, every field as sent, and bumps the circle', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const a = env({ ciphertext: 'aaa', iv: 'iv-a', keyId: 'k7' });
		const b = env({ category: 'notes', deleted: true });
		const acks = await pushOk(ownerId, circleId, [a, b], 'device-1');
		expect(acks).toEqual([
			{ id: a.id, hlc: a.hlc, seq: 1 },
			{ id: b.id, hlc: b.hlc, seq: 2 }
		]);
		expect(await circleSeq(circleId)).toBe(2);
		expect(await stored(circleId)).toEqual([
			{
				circle_id: circleId,
				seq: 1,
				record_id: a.id,
				hlc: a.hlc,
				category: 'symptoms',
				key_id: 'k7',
				device_id: 'device-1',
				iv: 'iv-a',
				ciphertext: 'aaa',
				deleted: 0,
				received_at: NOW
			},
			{
				circle_id: circleId,
				seq: 2,
				record_id: b.id,
				hlc: b.hlc,
				category: 'notes',
				key_id: 'k1',
				device_id: 'device-1',
				iv: 'iv-1',
				ciphertext: 'cipher-1',
				deleted: 1,
				received_at: NOW
			}
		]);
		const next = env();
		expect(await pushOk(ownerId, circleId, [next], 'device-1')).toEqual([
			{ id: next.id, hlc: next.hlc, seq: 3 }
		]);
		expect(await circleSeq(circleId)).toBe(3);
	});

	it('is idempotent by (id, hlc): a duplicate in the batch and a replay get the first seq', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const a = env();
		const later = env({ id: a.id, hlc: hlc(NOW, 1) });
		expect(await pushOk(ownerId, circleId, [a, a, later])).toEqual([
			{ id: a.id, hlc: a.hlc, seq: 1 },
			{ id: a.id, hlc: a.hlc, seq: 1 },
			{ id: a.id, hlc: later.hlc, seq: 2 }
		]);
		const fresh = env();
		expect(await pushOk(ownerId, circleId, [later, fresh, a])).toEqual([
			{ id: a.id, hlc: later.hlc, seq: 2 },
			{ id: fresh.id, hlc: fresh.hlc, seq: 3 },
			{ id: a.id, hlc: a.hlc, seq: 1 }
		]);
		expect((await stored(circleId)).map((r) => r.seq)).toEqual([1, 2, 3]);
		// A replay alone stores nothing and leaves the circle's seq where it was.
		expect(await pushOk(ownerId, circleId, [a])).toEqual([{ id: a.id, hlc: a.hlc, seq: 1 }]);
		expect(await circleSeq(circleId)).toBe(3);
	});

	it('keeps a record id in its first circle (id-conflict) and its first category (category-conflict)', async () => {
		const mine = await seedCircle(database.handle);
		const theirs = await seedCircle(database.handle);
		const a = env({ category: 'notes' });
		await pushOk(theirs.ownerId, theirs.circleId, [a]);
		const moved = env({ id: a.id, hlc: hlc(NOW, 2), category: 'notes' });
		const own = env({ category: 'notes' });
		const recategorised = env({ id: own.id, hlc: hlc(NOW, 3), category: 'goals' });
		expect(await pushOk(mine.ownerId, mine.circleId, [moved, own, recategorised])).toEqual([
			{ id: a.id, hlc: moved.hlc, error: 'id-conflict' },
			{ id: own.id, hlc: own.hlc, seq: 1 },
			{ id: own.id, hlc: recategorised.hlc, error: 'category-conflict' }
		]);
		// Later too, once the first version is stored.
		const again = env({ id: own.id, hlc: hlc(NOW, 4), category: 'plan' });
		expect(await pushOk(mine.ownerId, mine.circleId, [again])).toEqual([
			{ id: own.id, hlc: again.hlc, error: 'category-conflict' }
		]);
		expect((await stored(mine.circleId)).map((r) => [r.record_id, r.category])).toEqual([
			[own.id, 'notes']
		]);
		expect((await stored(theirs.circleId)).length).toBe(1);
		const log = await auditRows(database.handle, mine.circleId);
		expect(log.map((e) => [e.action, e.category])).toEqual([
			['refused', 'goals'],
			['refused', 'plan']
		]);
	});

	it('refuses an HLC beyond now + drift and accepts one at the bound', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const atBound = env({ hlc: hlc(NOW + HLC_MAX_DRIFT_MS) });
		const beyond = env({ hlc: hlc(NOW + HLC_MAX_DRIFT_MS + 1) });
		expect(await pushOk(ownerId, circleId, [beyond, atBound])).toEqual([
			{ id: beyond.id, hlc: beyond.hlc, error: 'hlc-future' },
			{ id: atBound.id, hlc: atBound.hlc, seq: 1 }
		]);
		// hlc-future is not a permission refusal: nothing in the access log.
		expect(await auditRows(database.handle, circleId)).toEqual([]);
	});

	it('refuses an outsider with forbidden, stores nothing and logs one refusal', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const stranger = await seedAccount(database.handle);
		const result = await services().push(stranger, {
			circleId,
			deviceId: 'dev-x',
			envelopes: [env()]
		});
		expect(result).toEqual({ ok: false, error: { type: 'forbidden' } });
		expect(await stored(circleId)).toEqual([]);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'refused', actor: stranger, subject: ownerId, category: null, target: null }
		]);
		// The refused outsider did not claim the device either.
		const device = await database.handle.db
			.selectFrom('devices')
			.selectAll()
			.where('id', '=', 'dev-x')
			.execute();
		expect(device).toEqual([]);
	});

	it('registers a device to its first account and refuses it to any other', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [{ category: 'symptoms', access: 'write', until: null }]
		});
		const deviceId = randomUUID();
		await pushOk(ownerId, circleId, [env()], deviceId);
		expect(
			await database.handle.db
				.selectFrom('devices')
				.selectAll()
				.where('id', '=', deviceId)
				.execute()
		).toEqual([{ id: deviceId, account_id: ownerId, created_at: NOW }]);
		await pushOk(ownerId, circleId, [env()], deviceId);
		const result = await services().push(claire, { circleId, deviceId, envelopes: [env()] });
		expect(result).toEqual({ ok: false, error: { type: 'forbidden' } });
		expect((await stored(circleId)).length).toBe(2);
	});

	it('claims a device in a race: a lost insert reads the winner’s row, twice lost is refused', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const real = database.handle;
		const other = await seedAccount(real);
		// The device row exists already, but this request's first look(s) did not see it yet.
		let hidden = 0;
		const racing = {
			...real,
			db: new Proxy(real.db, {
				get(target, property, receiver) {
					if (property === 'selectFrom')
						return (table: string) => {
							if (table === 'devices' && hidden > 0) {
								hidden -= 1;
								const none = {
									select: () => none,
									where: () => none,
									executeTakeFirst: () => Promise.resolve(undefined)
								};
								return none;
							}
							return target.selectFrom(table as never);
						};
					const value: unknown = Reflect.get(target, property, receiver);
					return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
				}
			})
		};
		const permissions = createPermissions({ db: real, now: () => NOW });
		const push = createPush({ db: racing, now: () => NOW, permissions });
		await pushOk(ownerId, circleId, [env()], 'mine');
		await real.db
			.insertInto('devices')
			.values({ id: 'theirs', account_id: other, created_at: NOW })
			.execute();
		hidden = 1;
		const a = env();
		expect(await push(ownerId, { circleId, deviceId: 'mine', envelopes: [a] })).toEqual({
			ok: true,
			value: [{ id: a.id, hlc: a.hlc, seq: 2 }]
		});
		hidden = 1;
		expect(await push(ownerId, { circleId, deviceId: 'theirs', envelopes: [env()] })).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		hidden = 2;
		expect(await push(ownerId, { circleId, deviceId: 'mine', envelopes: [env()] })).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(hidden).toBe(0);
		// Another error than a lost race is not swallowed (here: a device for an unknown account).
		const ghost = createPush({
			db: real,
			now: () => NOW,
			permissions: {
				loadAccess: (accountId, circle) =>
					Promise.resolve({
						circleId: circle,
						accountId,
						role: 'owner',
						readable: new Set(),
						writable: new Set()
					})
			}
		});
		await expect(
			ghost('no-such-account', { circleId, deviceId: 'ghost-device', envelopes: [] })
		).rejects.toThrow();
		expect((await stored(circleId)).length).toBe(2);
	});

	it('stores only the categories a member may write; one refusal per refused category', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [
				{ category: 'symptoms', access: 'write', until: null },
				{ category: 'notes', access: 'read', until: null }
			]
		});
		const ok1 = env();
		const readOnly = env({ category: 'notes' });
		const readOnly2 = env({ category: 'notes' });
		const none = env({ category: 'plan' });
		const settings = env({ category: 'settings' });
		expect(await pushOk(claire, circleId, [readOnly, ok1, none, readOnly2, settings])).toEqual([
			{ id: readOnly.id, hlc: readOnly.hlc, error: 'forbidden-category' },
			{ id: ok1.id, hlc: ok1.hlc, seq: 1 },
			{ id: none.id, hlc: none.hlc, error: 'forbidden-category' },
			{ id: readOnly2.id, hlc: readOnly2.hlc, error: 'forbidden-category' },
			{ id: settings.id, hlc: settings.hlc, error: 'forbidden-category' }
		]);
		expect((await stored(circleId)).map((r) => r.record_id)).toEqual([ok1.id]);
		expect(await auditRows(database.handle, circleId)).toEqual(
			['notes', 'plan', 'settings'].map((category) => ({
				action: 'refused',
				actor: claire,
				subject: ownerId,
				category,
				target: null
			}))
		);
	});

	it('refuses every envelope of a member without write and stores nothing', async () => {
		const { circleId } = await seedCircle(database.handle);
		const reader = await seedMember(database.handle, circleId, {
			grants: [{ category: 'symptoms', access: 'read', until: null }]
		});
		const a = env();
		expect(await pushOk(reader, circleId, [a])).toEqual([
			{ id: a.id, hlc: a.hlc, error: 'forbidden-category' }
		]);
		expect(await stored(circleId)).toEqual([]);
		expect(await circleSeq(circleId)).toBe(0);
	});

	it('takes no lock on the circle when nothing is allowed (a circle erased after the check)', async () => {
		// The permission check still saw the circle; it is gone by the time of the store. A batch
		// with nothing to store answers its refusals and never reads the circle row (which would
		// throw here); PostgreSQL would also refuse the empty `record_id in ()` of an empty store.
		const owner = await seedAccount(database.handle);
		const stillThere: Permissions = {
			loadAccess: (accountId, circle) =>
				Promise.resolve({
					circleId: circle,
					accountId,
					role: 'member',
					readable: new Set<Category>(['notes']),
					writable: new Set<Category>()
				})
		};
		const { push } = services(() => NOW, stillThere);
		const a = env({ category: 'notes' });
		const future = env({ hlc: hlc(NOW + HLC_MAX_DRIFT_MS + 1) });
		const input = { circleId: 'erased-circle', deviceId: `dev-${owner}` };
		expect(await push(owner, { ...input, envelopes: [a, future] })).toEqual({
			ok: true,
			value: [
				{ id: a.id, hlc: a.hlc, error: 'forbidden-category' },
				{ id: future.id, hlc: future.hlc, error: 'hlc-future' }
			]
		});
		expect(await push(owner, { ...input, envelopes: [] })).toEqual({ ok: true, value: [] });
	});

	it('an empty batch is acknowledged with nothing and logs nothing', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		expect(await pushOk(ownerId, circleId, [])).toEqual([]);
		expect(await auditRows(database.handle, circleId)).toEqual([]);
	});

	it('retries a unique violation (a concurrent push) and gives up after four attempts', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const real = database.handle;
		let failures = 0;
		let attempts = 0;
		const uniqueViolation = Object.assign(new Error('UNIQUE constraint failed'), {
			code: 'SQLITE_CONSTRAINT_PRIMARYKEY'
		});
		const flaky = {
			...real,
			db: new Proxy(real.db, {
				get(target, property, receiver) {
					if (property === 'transaction')
						return () => ({
							execute: async (fn: (trx: unknown) => Promise<unknown>) => {
								attempts += 1;
								if (failures > 0) {
									failures -= 1;
									throw uniqueViolation;
								}
								return target.transaction().execute(fn);
							}
						});
					const value: unknown = Reflect.get(target, property, receiver);
					return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
				}
			})
		};
		const permissions = createPermissions({ db: real, now: () => NOW });
		const push = createPush({ db: flaky, now: () => NOW, permissions });
		const a = env();
		failures = 3;
		const result = await push(ownerId, { circleId, deviceId: 'dev-r', envelopes: [a] });
		expect(result).toEqual({ ok: true, value: [{ id: a.id, hlc: a.hlc, seq: 1 }] });
		expect(attempts).toBe(4);
		failures = 4;
		attempts = 0;
		await expect(push(ownerId, { circleId, deviceId: 'dev-r', envelopes: [env()] })).rejects.toBe(
			uniqueViolation
		);
		expect(attempts).toBe(4);
		// Any other error is not retried.
		const other = new Error('disk full');
		const broken = createPush({
			db: {
				...real,
				db: new Proxy(real.db, {
					get(target, property, receiver) {
						if (property === 'transaction')
							return () => ({
								execute: () => {
									attempts += 1;
									return Promise.reject(other);
								}
							});
						const value: unknown = Reflect.get(target, property, receiver);
						return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
					}
				})
			},
			now: () => NOW,
			permissions
		});
		attempts = 0;
		await expect(broken(ownerId, { circleId, deviceId: 'dev-r', envelopes: [env()] })).rejects.toBe(
			other
		);
		expect(attempts).toBe(1);
	});
});

describe('pull', () => {
	async function pullOk(
		accountId: string,
		circle: string,
		since = 0,
		limit = 100,
		sinceId?: string
	) {
		const result = await services().pull(accountId, { circle, since, limit, sinceId });
		if (!result.ok) throw new Error('pull refused');
		return result.value;
	}

	it('pages by seq with a checkpoint and hasMore, each envelope exactly once', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const sent = [env(), env({ deleted: true }), env(), env(), env()];
		await pushOk(ownerId, circleId, sent, 'device-p');
		const first = await pullOk(ownerId, circleId, 0, 2);
		expect(first.envelopes).toEqual([
			{
				id: sent[0]?.id,
				hlc: sent[0]?.hlc,
				seq: 1,
				category: 'symptoms',
				keyId: 'k1',
				deviceId: 'device-p',
				iv: 'iv-1',
				ciphertext: 'cipher-1',
				deleted: false
			},
			expect.objectContaining({ id: sent[1]?.id, seq: 2, deleted: true })
		]);
		expect(first).toMatchObject({ checkpoint: 2, hasMore: true, reset: false });
		const second = await pullOk(ownerId, circleId, 2, 2);
		expect(second.envelopes.map((e) => e.seq)).toEqual([3, 4]);
		expect(second).toMatchObject({ checkpoint: 4, hasMore: true, reset: false });
		const last = await pullOk(ownerId, circleId, 4, 2);
		expect(last.envelopes.map((e) => e.id)).toEqual([sent[4]?.id]);
		expect(last).toMatchObject({ checkpoint: 5, hasMore: false, reset: false });
		const exact = await pullOk(ownerId, circleId, 3, 2);
		expect(exact).toMatchObject({ checkpoint: 5, hasMore: false });
		const nothing = await pullOk(ownerId, circleId, 5, 2);
		expect(nothing).toEqual({ envelopes: [], checkpoint: 5, hasMore: false, reset: false });
	});

	it('gives a member only the categories they may read and logs one `pulled` per category', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [
				{ category: 'symptoms', access: 'read', until: null },
				{ category: 'notes', access: 'write', until: null }
			]
		});
		const a = env();
		const hidden = env({ category: 'plan' });
		const b = env({ category: 'notes' });
		const c = env();
		await pushOk(ownerId, circleId, [a, hidden, b, c]);
		const page = await services(() => NOW + 7).pull(claire, {
			circle: circleId,
			since: 0,
			limit: 10
		});
		if (!page.ok) throw new Error('refused');
		expect(page.value.envelopes.map((e) => e.id)).toEqual([a.id, b.id, c.id]);
		expect(page.value.checkpoint).toBe(4);
		const log = await database.handle.db
			.selectFrom('audit_entries')
			.select(['action', 'actor_account_id', 'subject_account_id', 'category', 'at'])
			.where('circle_id', '=', circleId)
			.orderBy('seq')
			.execute();
		expect(log).toEqual([
			{
				action: 'pulled',
				actor_account_id: claire,
				subject_account_id: ownerId,
				category: 'symptoms',
				at: NOW + 7
			},
			{
				action: 'pulled',
				actor_account_id: claire,
				subject_account_id: ownerId,
				category: 'notes',
				at: NOW + 7
			}
		]);
		// An empty page, and the owner's own pulls, log nothing.
		await pullOk(claire, circleId, 4);
		await pullOk(ownerId, circleId);
		expect((await auditRows(database.handle, circleId)).length).toBe(2);
	});

	it('names the team in the `pulled` entry for a category read through a care team', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const nurse = await seedAccount(database.handle);
		await pushOk(ownerId, circleId, [env(), env({ category: 'notes' })]);
		const permissions = createPermissions({
			db: database.handle,
			now: () => NOW,
			teamAccess: (accountId) =>
				Promise.resolve(
					accountId === nurse
						? {
								readable: new Set<Category>(['symptoms', 'notes']),
								writable: new Set<Category>(),
								teamOf: new Map<Category, string>([['notes', 'team-9']])
							}
						: null
				)
		});
		const page = await services(() => NOW, permissions).pull(nurse, {
			circle: circleId,
			since: 0,
			limit: 10
		});
		expect(page.ok && page.value.envelopes.length).toBe(2);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'pulled', actor: nurse, subject: ownerId, category: 'symptoms', target: null },
			{ action: 'pulled', actor: nurse, subject: ownerId, category: 'notes', target: 'team-9' }
		]);
	});

	it('a member who may read nothing gets an empty page at their checkpoint', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const pending = await seedMember(database.handle, circleId, {
			status: 'pending',
			grants: [{ category: 'symptoms', access: 'read', until: null }]
		});
		await pushOk(ownerId, circleId, [env(), env()]);
		expect(await pullOk(pending, circleId, 1)).toEqual({
			envelopes: [],
			checkpoint: 1,
			hasMore: false,
			reset: false
		});
		expect(await auditRows(database.handle, circleId)).toEqual([]);
	});

	it('refuses an outsider with forbidden and logs the refusal', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const stranger = await seedAccount(database.handle);
		await pushOk(ownerId, circleId, [env()]);
		const result = await services(() => NOW + 3).pull(stranger, {
			circle: circleId,
			since: 0,
			limit: 10
		});
		expect(result).toEqual({ ok: false, error: { type: 'forbidden' } });
		const log = await database.handle.db
			.selectFrom('audit_entries')
			.select(['action', 'actor_account_id', 'category', 'at'])
			.where('circle_id', '=', circleId)
			.execute();
		expect(log).toEqual([
			{ action: 'refused', actor_account_id: stranger, category: null, at: NOW + 3 }
		]);
	});

	it('answers reset for a checkpoint beyond the circle or a sinceId that is not the stored record', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const a = env();
		const b = env();
		await pushOk(ownerId, circleId, [a, b]);
		const reset = { envelopes: [], checkpoint: 0, hasMore: true, reset: true };
		expect(await pullOk(ownerId, circleId, 3)).toEqual(reset);
		expect(await pullOk(ownerId, circleId, 1, 10, b.id)).toEqual(reset);
		// At the newest seq, with the right id: no reset.
		expect(await pullOk(ownerId, circleId, 2, 10, b.id)).toEqual({
			envelopes: [],
			checkpoint: 2,
			hasMore: false,
			reset: false
		});
		const ok = await pullOk(ownerId, circleId, 1, 10, a.id);
		expect(ok.reset).toBe(false);
		expect(ok.envelopes.map((e) => e.id)).toEqual([b.id]);
		// Checkpoint 0 is never a reset, whatever sinceId says.
		expect((await pullOk(ownerId, circleId, 0, 10, 'anything')).reset).toBe(false);
		// A missing row at `since` (compacted away) is not a reset.
		await database.handle.db
			.deleteFrom('envelopes')
			.where('circle_id', '=', circleId)
			.where('seq', '=', 1)
			.execute();
		const compacted = await pullOk(ownerId, circleId, 1, 10, a.id);
		expect(compacted.reset).toBe(false);
		expect(compacted.envelopes.map((e) => e.id)).toEqual([b.id]);
	});

	it('answers reset when the circle is gone after the permission check (erased meanwhile)', async () => {
		const owner = await seedAccount(database.handle);
		const stillThere: Permissions = {
			loadAccess: (accountId, circle) =>
				Promise.resolve({
					circleId: circle,
					accountId,
					role: 'owner',
					readable: new Set<Category>(['notes']),
					writable: new Set<Category>(['notes'])
				})
		};
		const result = await services(() => NOW, stillThere).pull(owner, {
			circle: 'erased-circle',
			since: 4,
			limit: 10
		});
		expect(result).toEqual({
			ok: true,
			value: { envelopes: [], checkpoint: 0, hasMore: true, reset: true }
		});
	});

	it('gives a member an empty first page, without reset or log, of a circle erased meanwhile', async () => {
		const member = await seedAccount(database.handle);
		const stillThere: Permissions = {
			loadAccess: (accountId, circle) =>
				Promise.resolve({
					circleId: circle,
					accountId,
					role: 'member',
					readable: new Set<Category>(['notes']),
					writable: new Set<Category>()
				})
		};
		// Checkpoint 0 is never a reset; and no `pulled` entry is written for an empty page (the
		// circle's owner is not even looked up).
		expect(
			await services(() => NOW, stillThere).pull(member, {
				circle: 'erased-circle-2',
				since: 0,
				limit: 10
			})
		).toEqual({
			ok: true,
			value: { envelopes: [], checkpoint: 0, hasMore: false, reset: false }
		});
	});

	it('answers reset on the same seq of another circle holding that id', async () => {
		const mine = await seedCircle(database.handle);
		const theirs = await seedCircle(database.handle);
		const a = env();
		const other = env();
		await pushOk(mine.ownerId, mine.circleId, [a]);
		await pushOk(theirs.ownerId, theirs.circleId, [other]);
		// seq 1 of my circle is `a`, whatever seq 1 of the other circle holds.
		expect((await pullOk(mine.ownerId, mine.circleId, 1, 10, a.id)).reset).toBe(false);
		expect((await pullOk(mine.ownerId, mine.circleId, 1, 10, other.id)).reset).toBe(true);
	});

	it('stops a page before PULL_MAX_BYTES of ciphertext, but always gives at least one row', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const half = 'x'.repeat(PULL_MAX_BYTES / 2);
		const big = 'y'.repeat(PULL_MAX_BYTES + 1);
		await pushOk(ownerId, circleId, [
			env({ ciphertext: big }),
			env({ ciphertext: half }),
			env({ ciphertext: half }),
			env({ ciphertext: 'z' })
		]);
		const first = await pullOk(ownerId, circleId, 0, 10);
		expect(first.envelopes.map((e) => e.seq)).toEqual([1]);
		expect(first).toMatchObject({ checkpoint: 1, hasMore: true });
		// Exactly PULL_MAX_BYTES fits; one more byte does not.
		const second = await pullOk(ownerId, circleId, 1, 10);
		expect(second.envelopes.map((e) => e.seq)).toEqual([2, 3]);
		expect(second).toMatchObject({ checkpoint: 3, hasMore: true });
		const third = await pullOk(ownerId, circleId, 3, 10);
		expect(third.envelopes.map((e) => e.seq)).toEqual([4]);
		expect(third).toMatchObject({ checkpoint: 4, hasMore: false });
	});
});
