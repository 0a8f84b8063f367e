// The circle roster store and the circle helpers (server/circle/roster.ts, common.ts) on an
// in-memory SQLite database: fast enough for mutation testing (issue 17). What they pin: only the
// owner writes the roster, only with a higher version and for this circle; only the owner and
// members read it; a stored row that no longer parses reads as none; grant and wrap rows are
// written and read back per (circle, account). The API path runs in circle-roster.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedRoster } from '../../../src/lib/domain/circle/roster';
import {
	circleOwner,
	insertGrants,
	insertWraps,
	memberGrants
} from '../../../server/circle/common';
import { createRosters } from '../../../server/circle/roster';
import { createPermissions } from '../../../server/sync/permissions';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { seedAccount, seedCircle, seedMember } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 5, 1);
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

function rosters(now = () => NOW) {
	const db = database.handle;
	return createRosters({ db, now, permissions: createPermissions({ db, now }) });
}

const signed = (circleId: string, version: number, label = 'Claire'): SignedRoster => ({
	roster: {
		circleId,
		version,
		issuedAt: NOW,
		members: [{ accountId: 'acc-1', role: 'carer', label, identityKey: 'key-1', until: null }]
	},
	signature: `sig-${version}`
});

async function storedRow(circleId: string) {
	return database.handle.db
		.selectFrom('circle_rosters')
		.selectAll()
		.where('circle_id', '=', circleId)
		.execute();
}

describe('roster', () => {
	it('reads none before the owner writes one, then the stored list, to owner and members', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId);
		const store = rosters();
		expect(await store.read(ownerId, circleId)).toEqual({ ok: true, value: { signed: null } });
		expect(await store.write(ownerId, circleId, { signed: signed(circleId, 1) })).toEqual({
			ok: true,
			value: null
		});
		const expected = { ok: true, value: { signed: signed(circleId, 1) } };
		expect(await store.read(ownerId, circleId)).toEqual(expected);
		expect(await store.read(claire, circleId)).toEqual(expected);
		expect(await storedRow(circleId)).toEqual([
			{
				circle_id: circleId,
				version: 1,
				signed: JSON.stringify(signed(circleId, 1)),
				updated_at: NOW
			}
		]);
	});

	it('refuses to read to an outsider, and reads only this circle’s roster', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const other = await seedCircle(database.handle);
		const stranger = await seedAccount(database.handle);
		await rosters().write(other.ownerId, other.circleId, { signed: signed(other.circleId, 4) });
		expect(await rosters().read(stranger, circleId)).toEqual({
			ok: false,
			error: { type: 'forbidden' }
		});
		expect(await rosters().read(ownerId, circleId)).toEqual({ ok: true, value: { signed: null } });
	});

	it('lets only the owner write, and only a roster of this circle', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const claire = await seedMember(database.handle, circleId, {
			grants: [{ category: 'notes', access: 'write', until: null }]
		});
		const other = await seedCircle(database.handle);
		const forbidden = { ok: false, error: { type: 'forbidden' } };
		expect(await rosters().write(claire, circleId, { signed: signed(circleId, 1) })).toEqual(
			forbidden
		);
		expect(await rosters().write(other.ownerId, circleId, { signed: signed(circleId, 1) })).toEqual(
			forbidden
		);
		expect(
			await rosters().write(ownerId, 'no-such-circle', { signed: signed('no-such-circle', 1) })
		).toEqual(forbidden);
		expect(await rosters().write(ownerId, circleId, { signed: signed(other.circleId, 1) })).toEqual(
			{
				ok: false,
				error: {
					type: 'invalid-body',
					issues: [{ path: ['signed', 'roster', 'circleId'], message: 'another circle' }]
				}
			}
		);
		expect(await storedRow(circleId)).toEqual([]);
	});

	it('keeps only a strictly higher version: an equal or older one is roster-stale', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		let now = NOW;
		const store = rosters(() => now);
		expect((await store.write(ownerId, circleId, { signed: signed(circleId, 2) })).ok).toBe(true);
		const stale = { ok: false, error: { type: 'roster-stale' } };
		now = NOW + 1;
		expect(await store.write(ownerId, circleId, { signed: signed(circleId, 2, 'Other') })).toEqual(
			stale
		);
		expect(await store.write(ownerId, circleId, { signed: signed(circleId, 1) })).toEqual(stale);
		expect((await store.read(ownerId, circleId)).ok && (await storedRow(circleId))[0]).toEqual({
			circle_id: circleId,
			version: 2,
			signed: JSON.stringify(signed(circleId, 2)),
			updated_at: NOW
		});
		now = NOW + 2;
		expect(await store.write(ownerId, circleId, { signed: signed(circleId, 3, 'Dr M') })).toEqual({
			ok: true,
			value: null
		});
		expect(await storedRow(circleId)).toEqual([
			{
				circle_id: circleId,
				version: 3,
				signed: JSON.stringify(signed(circleId, 3, 'Dr M')),
				updated_at: NOW + 2
			}
		]);
	});

	it('reads a stored row that is not JSON, or not a signed roster, as none', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		await database.handle.db
			.insertInto('circle_rosters')
			.values({ circle_id: circleId, version: 1, signed: '{not json', updated_at: NOW })
			.execute();
		expect(await rosters().read(ownerId, circleId)).toEqual({ ok: true, value: { signed: null } });
		await database.handle.db
			.updateTable('circle_rosters')
			.set({ signed: JSON.stringify({ roster: { circleId }, signature: 's' }) })
			.where('circle_id', '=', circleId)
			.execute();
		expect(await rosters().read(ownerId, circleId)).toEqual({ ok: true, value: { signed: null } });
	});
});

describe('circle helpers', () => {
	it('circleOwner names the owner, or null for an unknown circle', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		expect(await circleOwner(database.handle.db, circleId)).toBe(ownerId);
		expect(await circleOwner(database.handle.db, 'unknown')).toBeNull();
	});

	it('writes grants for one member and reads back only theirs in this circle', async () => {
		const { circleId } = await seedCircle(database.handle);
		const other = await seedCircle(database.handle);
		const claire = await seedAccount(database.handle);
		const paul = await seedAccount(database.handle);
		const grants = [
			{ category: 'notes', access: 'read', until: null },
			{ category: 'plan', access: 'write', until: NOW + 5 }
		] as const;
		await insertGrants(database.handle.db, circleId, claire, grants, NOW);
		await insertGrants(database.handle.db, circleId, paul, [grants[0]], NOW);
		await insertGrants(
			database.handle.db,
			other.circleId,
			claire,
			[{ ...grants[0], category: 'goals' }],
			NOW
		);
		await insertGrants(database.handle.db, circleId, paul, [], NOW);
		expect(await memberGrants(database.handle.db, circleId, claire)).toEqual(grants);
		expect(await memberGrants(database.handle.db, circleId, paul)).toEqual([grants[0]]);
		const rows = await database.handle.db
			.selectFrom('circle_grants')
			.select(['account_id', 'created_at'])
			.where('circle_id', '=', circleId)
			.where('account_id', '=', claire)
			.execute();
		expect(rows).toEqual([
			{ account_id: claire, created_at: NOW },
			{ account_id: claire, created_at: NOW }
		]);
	});

	it('writes key wraps, replacing the wrap of the same (category, key id)', async () => {
		const { circleId } = await seedCircle(database.handle);
		const claire = await seedAccount(database.handle);
		await insertWraps(
			database.handle.db,
			circleId,
			claire,
			[
				{ category: 'notes', keyId: 'k1', wrapped: 'w1' },
				{ category: 'notes', keyId: 'k2', wrapped: 'w2' }
			],
			NOW
		);
		await insertWraps(
			database.handle.db,
			circleId,
			claire,
			[{ category: 'notes', keyId: 'k1', wrapped: 'w1-new' }],
			NOW + 1
		);
		const rows = await database.handle.db
			.selectFrom('circle_key_wraps')
			.selectAll()
			.where('circle_id', '=', circleId)
			.orderBy('key_id')
			.execute();
		expect(rows).toEqual([
			{
				circle_id: circleId,
				account_id: claire,
				category: 'notes',
				key_id: 'k1',
				wrapped: 'w1-new',
				created_at: NOW + 1
			},
			{
				circle_id: circleId,
				account_id: claire,
				category: 'notes',
				key_id: 'k2',
				wrapped: 'w2',
				created_at: NOW
			}
		]);
	});
});
