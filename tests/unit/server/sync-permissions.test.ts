// Who may read and write what in a circle (server/sync/permissions.ts), and the sync epoch
// (server/sync/epoch.ts), on an in-memory SQLite database: fast enough for mutation testing
// (issue 17). The same rules run on both databases in tests/integration/circle-matrix.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../../src/lib/domain/categories';
import { SERVER_SECRET_NAME, createServerSecret } from '../../../server/auth/server-secret';
import { EPOCH_NAME, createEpoch } from '../../../server/sync/epoch';
import {
	canRead,
	canWrite,
	createPermissions,
	type TeamAccess
} from '../../../server/sync/permissions';
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

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('loadAccess', () => {
	it('gives the owner every category, settings included', async () => {
		const { handle } = database;
		const { circleId, ownerId } = await seedCircle(handle);
		const access = await createPermissions({ db: handle, now: () => NOW }).loadAccess(
			ownerId,
			circleId
		);
		expect(access).toEqual({
			circleId,
			accountId: ownerId,
			role: 'owner',
			readable: new Set(CATEGORIES),
			writable: new Set(CATEGORIES)
		});
	});

	it('refuses (null) an account that is not a member, even the owner of another circle', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const other = await seedCircle(handle);
		const stranger = await seedAccount(handle);
		const permissions = createPermissions({ db: handle, now: () => NOW });
		expect(await permissions.loadAccess(stranger, circleId)).toBeNull();
		expect(await permissions.loadAccess(other.ownerId, circleId)).toBeNull();
	});

	it('gives a member exactly their active grants: read, write, expired', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const claire = await seedMember(handle, circleId, {
			grants: [
				{ category: 'notes', access: 'read', until: null },
				{ category: 'symptoms', access: 'write', until: NOW + 1 },
				{ category: 'plan', access: 'write', until: NOW }
			]
		});
		const access = await createPermissions({ db: handle, now: () => NOW }).loadAccess(
			claire,
			circleId
		);
		expect(access?.role).toBe('member');
		expect(access?.circleId).toBe(circleId);
		expect(access?.accountId).toBe(claire);
		expect(access?.throughTeam).toBeUndefined();
		expect(sorted(access?.readable ?? new Set())).toEqual(['notes', 'symptoms']);
		expect(sorted(access?.writable ?? new Set())).toEqual(['symptoms']);
		if (access === null) throw new Error('no access');
		expect(canRead(access, 'notes')).toBe(true);
		expect(canRead(access, 'plan')).toBe(false);
		expect(canWrite(access, 'symptoms')).toBe(true);
		expect(canWrite(access, 'notes')).toBe(false);
	});

	it('reads only this member’s grants in this circle', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const elsewhere = await seedCircle(handle);
		const claire = await seedMember(handle, circleId, {
			grants: [{ category: 'notes', access: 'read', until: null }]
		});
		// The same account in another circle, with more there; another member here with more.
		await seedMember(
			handle,
			elsewhere.circleId,
			{ grants: [{ category: 'goals', access: 'write', until: null }] },
			claire
		);
		await seedMember(handle, circleId, {
			grants: [{ category: 'plan', access: 'write', until: null }]
		});
		const access = await createPermissions({ db: handle, now: () => NOW }).loadAccess(
			claire,
			circleId
		);
		expect(sorted(access?.readable ?? new Set())).toEqual(['notes']);
		expect(sorted(access?.writable ?? new Set())).toEqual([]);
	});

	it('gives nothing to a pending member, one with an unknown care role, or without details', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const grants = [{ category: 'notes', access: 'write', until: null }] as const;
		const pending = await seedMember(handle, circleId, { status: 'pending', grants });
		const unknownRole = await seedMember(handle, circleId, { careRole: 'boss', grants });
		const noDetails = await seedMember(handle, circleId, { details: false, grants });
		const permissions = createPermissions({ db: handle, now: () => NOW });
		for (const account of [pending, unknownRole, noDetails]) {
			const access = await permissions.loadAccess(account, circleId);
			expect(access?.role).toBe('member');
			expect(access?.readable.size).toBe(0);
			expect(access?.writable.size).toBe(0);
		}
	});

	it('drops a stored grant row that does not parse and keeps the others', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const claire = await seedMember(handle, circleId, {
			grants: [
				{ category: 'notes', access: 'admin', until: null },
				{ category: 'settings', access: 'write', until: null },
				{ category: 'goals', access: 'read', until: null }
			]
		});
		const access = await createPermissions({ db: handle, now: () => NOW }).loadAccess(
			claire,
			circleId
		);
		expect(sorted(access?.readable ?? new Set())).toEqual(['goals']);
		expect(access?.writable.size).toBe(0);
	});

	it('reads the clock at each request: a grant ends at its `until`', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const until = NOW + 1000;
		const claire = await seedMember(handle, circleId, {
			grants: [{ category: 'notes', access: 'write', until }]
		});
		let now = until - 1;
		const permissions = createPermissions({ db: handle, now: () => now });
		expect((await permissions.loadAccess(claire, circleId))?.writable.has('notes')).toBe(true);
		now = until;
		expect((await permissions.loadAccess(claire, circleId))?.readable.size).toBe(0);
	});
});

describe('loadAccess through a care team', () => {
	const teamOf = (entries: [Category, string][]) => new Map<Category, string>(entries);

	it('gives an account outside the circle its team’s access, naming the team', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const nurse = await seedAccount(handle);
		const asked: [string, string][] = [];
		const teamAccess: TeamAccess = (accountId, circle) => {
			asked.push([accountId, circle]);
			return Promise.resolve({
				readable: new Set(['notes', 'plan'] as const),
				writable: new Set(['plan'] as const),
				teamOf: teamOf([
					['notes', 'team-1'],
					['plan', 'team-1']
				])
			});
		};
		const access = await createPermissions({ db: handle, now: () => NOW, teamAccess }).loadAccess(
			nurse,
			circleId
		);
		expect(asked).toEqual([[nurse, circleId]]);
		expect(access).toEqual({
			circleId,
			accountId: nurse,
			role: 'member',
			readable: new Set(['notes', 'plan']),
			writable: new Set(['plan']),
			throughTeam: new Map([
				['notes', 'team-1'],
				['plan', 'team-1']
			])
		});
	});

	it('refuses an account outside the circle whose teams give nothing', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const nurse = await seedAccount(handle);
		const permissions = createPermissions({
			db: handle,
			now: () => NOW,
			teamAccess: () => Promise.resolve(null)
		});
		expect(await permissions.loadAccess(nurse, circleId)).toBeNull();
	});

	it('adds a member’s team access to their own, naming the team only where it alone gives read', async () => {
		const { handle } = database;
		const { circleId } = await seedCircle(handle);
		const claire = await seedMember(handle, circleId, {
			grants: [{ category: 'notes', access: 'read', until: null }]
		});
		const teamAccess: TeamAccess = () =>
			Promise.resolve({
				readable: new Set(['notes', 'goals'] as const),
				writable: new Set(['notes'] as const),
				teamOf: teamOf([
					['notes', 'team-1'],
					['goals', 'team-2']
				])
			});
		const access = await createPermissions({ db: handle, now: () => NOW, teamAccess }).loadAccess(
			claire,
			circleId
		);
		expect(access?.role).toBe('member');
		expect(sorted(access?.readable ?? new Set())).toEqual(['goals', 'notes']);
		expect(sorted(access?.writable ?? new Set())).toEqual(['notes']);
		expect(access?.throughTeam).toEqual(new Map([['goals', 'team-2']]));
	});

	it('keeps a member’s own access when their teams give nothing, and never asks for the owner', async () => {
		const { handle } = database;
		const { circleId, ownerId } = await seedCircle(handle);
		const claire = await seedMember(handle, circleId, {
			grants: [{ category: 'notes', access: 'read', until: null }]
		});
		const asked: string[] = [];
		const teamAccess: TeamAccess = (accountId) => {
			asked.push(accountId);
			return Promise.resolve(null);
		};
		const permissions = createPermissions({ db: handle, now: () => NOW, teamAccess });
		const access = await permissions.loadAccess(claire, circleId);
		expect(access).toEqual({
			circleId,
			accountId: claire,
			role: 'member',
			readable: new Set(['notes']),
			writable: new Set()
		});
		expect((await permissions.loadAccess(ownerId, circleId))?.role).toBe('owner');
		expect(asked).toEqual([claire]);
	});
});

describe('sync epoch', () => {
	it('creates one epoch per database on first read and keeps it', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			let n = 0;
			const epoch = createEpoch({ db: fresh.handle, now: () => NOW, newId: () => `e${++n}` });
			expect(await epoch.current()).toBe('e1');
			expect(await epoch.current()).toBe('e1');
			const other = createEpoch({ db: fresh.handle, now: () => NOW, newId: () => 'other' });
			expect(await other.current()).toBe('e1');
			const row = await fresh.handle.db
				.selectFrom('server_secrets' as never)
				.selectAll()
				.execute();
			expect(row).toEqual([{ name: EPOCH_NAME, value: 'e1', created_at: NOW }]);
		} finally {
			await fresh.cleanup();
		}
	});

	it('keeps its row under the name existing databases use, beside the server secret', async () => {
		// Renaming the row would give every device a new epoch (a full reset) after an upgrade.
		expect(EPOCH_NAME).toBe('sync-epoch');
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			await fresh.handle.db
				.insertInto('server_secrets' as never)
				.values({ name: 'sync-epoch', value: 'from-before', created_at: 1 })
				.execute();
			const secret = createServerSecret({
				db: fresh.handle,
				now: () => NOW,
				randomBytes: (length) => new Uint8Array(length).fill(1)
			});
			await secret();
			const epoch = createEpoch({ db: fresh.handle, now: () => NOW, newId: () => 'new' });
			expect(await epoch.current()).toBe('from-before');
			expect(SERVER_SECRET_NAME).not.toBe(EPOCH_NAME);
		} finally {
			await fresh.cleanup();
		}
	});

	it('renews to a new value that every instance then reads', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			let n = 0;
			let now = NOW;
			const epoch = createEpoch({ db: fresh.handle, now: () => now, newId: () => `e${++n}` });
			const other = createEpoch({ db: fresh.handle, now: () => now, newId: () => 'never' });
			const first = await epoch.current();
			now = NOW + 5;
			const renewed = await epoch.renew();
			expect(renewed).not.toBe(first);
			expect(await other.current()).toBe(renewed);
			const row = await fresh.handle.db
				.selectFrom('server_secrets' as never)
				.selectAll()
				.execute();
			expect(row).toEqual([{ name: EPOCH_NAME, value: renewed, created_at: NOW + 5 }]);
			// A renewal before any read stores its value too.
			const empty = await createTestDatabase('sqlite', { inMemory: true });
			try {
				const e = createEpoch({ db: empty.handle, now: () => NOW, newId: () => 'first' });
				expect(await e.renew()).toBe('first');
				expect(await e.current()).toBe('first');
			} finally {
				await empty.cleanup();
			}
		} finally {
			await fresh.cleanup();
		}
	});
});
