// The circle's HTTP handlers (server/circle/api.ts) called directly with plain Requests on an
// in-memory SQLite database, the session check replaced by a header naming the account: fast
// enough for mutation testing (issue 17). What they pin: each handler's status and body, a
// malformed id in the path is a 404 before any lookup, bodies go through their schema, an
// unexpected error is a bare 500, the access log's names (current members, former invitees, care
// teams) and who may read or append to it. The full HTTP path runs in tests/integration.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation
} from '../../../src/lib/crypto/invitation';
import type { AuthedHandler } from '../../../server/api/session';
import type { Handler } from '../../../server/api/types';
import type { ValidSession } from '../../../server/auth/sessions';
import { createCircleApi } from '../../../server/circle/api';
import type { DbHandle } from '../../../server/db';
import { errorResponse } from '../../../server/http/errors';
import { createPermissions, type Permissions } from '../../../server/sync/permissions';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { auditRows, seedAccount, seedCircle, seedMember } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 4, 2, 12);
const KEY = 'A'.repeat(87);
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

const requireSession =
	(handler: AuthedHandler): Handler =>
	async (req) => {
		const id = req.request.headers.get('x-account');
		if (id === null) return errorResponse({ type: 'unauthenticated' });
		return handler(req, { account: { id } } as unknown as ValidSession);
	};

/** The test database, counting every query started through it. */
function countingDb(): { handle: DbHandle; queries: () => number } {
	let queries = 0;
	const real = database.handle;
	const db = new Proxy(real.db, {
		get(target, property, receiver) {
			const value: unknown = Reflect.get(target, property, receiver);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				if (
					typeof property === 'string' &&
					/^(select|insert|update|delete|transaction)/.test(property)
				)
					queries += 1;
				return (value as (...a: unknown[]) => unknown).apply(target, args);
			};
		}
	});
	return { handle: { ...real, db }, queries: () => queries };
}

function api(
	options: {
		db?: DbHandle;
		permissions?: Permissions;
		teamLogNames?: Parameters<typeof createCircleApi>[0]['teamLogNames'];
	} = {}
) {
	const db = options.db ?? database.handle;
	const now = () => NOW;
	return createCircleApi({
		db,
		now,
		newId: randomUUID,
		permissions: options.permissions ?? createPermissions({ db, now }),
		requireSession,
		teamLogNames: options.teamLogNames
	});
}

async function call(
	handler: Handler,
	account: string | null,
	params: Record<string, string>,
	body?: unknown
): Promise<{ status: number; json: unknown }> {
	const headers = new Headers();
	if (account !== null) headers.set('x-account', account);
	if (body !== undefined) headers.set('content-type', 'application/json');
	const request = new Request('https://cercle.test/api', {
		method: body === undefined ? 'GET' : 'POST',
		headers,
		body: body === undefined ? null : JSON.stringify(body)
	});
	const response = await handler({ request, url: new URL(request.url), ip: '10.0.0.1', params });
	const text = await response.text();
	return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

const error = (code: string) => ({ error: { code } });

async function invitationBody(label = 'Infirmière') {
	const secret = newInvitationSecret();
	const lookupId = (await invitationLookupId(secret)) ?? '';
	return {
		secret,
		lookupId,
		body: {
			lookupId,
			serverKey: (await invitationServerKey(secret)) ?? '',
			ownerPublicKey: KEY,
			ownerIdentityKey: KEY,
			ownerProof: lookupId,
			role: 'nurse',
			label,
			grants: [{ category: 'notes', access: 'read', until: null }]
		}
	};
}

async function acceptBody(secret: string, invitationId: string) {
	const proofs = await proveInvitation(secret, invitationId, {
		invitee: { identityKey: KEY, sharingKey: KEY },
		owner: { identityKey: KEY, sharingKey: KEY }
	});
	return {
		publicKey: KEY,
		identityKey: KEY,
		proof: proofs?.proof,
		serverProof: proofs?.serverProof,
		circleLabel: 'Maman'
	};
}

/** An owner's circle with one invitation created, accepted and (unless told) confirmed, through the handlers. */
async function joined(label = 'Infirmière', confirm = true) {
	const { circleId, ownerId } = await seedCircle(database.handle);
	const a = api();
	const inv = await invitationBody(label);
	const created = await call(a.createInvitation, ownerId, { circleId }, inv.body);
	const invitationId = (created.json as { invitation: { id: string } }).invitation.id;
	const member = await seedAccount(database.handle);
	const accepted = await call(
		a.acceptInvitation,
		member,
		{ lookupId: inv.lookupId },
		await acceptBody(inv.secret, invitationId)
	);
	if (confirm)
		await call(
			a.confirmInvitation,
			ownerId,
			{ circleId, invitationId },
			{ grants: [{ category: 'notes', access: 'read', until: null }], wraps: [] }
		);
	return { circleId, ownerId, member, invitationId, inv, created, accepted };
}

describe('invitations', () => {
	it('creates (201), lists, previews, accepts (pending), confirms (the member) and revokes (204)', async () => {
		const { circleId, ownerId, member, invitationId, inv, created, accepted } = await joined(
			'Infirmière',
			false
		);
		expect(created.status).toBe(201);
		expect(created.json).toEqual({
			invitation: expect.objectContaining({ id: invitationId, circleId, status: 'open' }) as unknown
		});
		expect(accepted).toEqual({
			status: 200,
			json: { circleId, invitationId, status: 'pending' }
		});
		const listed = await call(api().listInvitations, ownerId, { circleId });
		expect(listed.status).toBe(200);
		expect(listed.json).toEqual({
			invitations: [expect.objectContaining({ id: invitationId, status: 'accepted' })]
		});
		const confirmed = await call(
			api().confirmInvitation,
			ownerId,
			{ circleId, invitationId },
			{ grants: [{ category: 'notes', access: 'read', until: null }], wraps: [] }
		);
		expect(confirmed).toEqual({
			status: 200,
			json: {
				member: expect.objectContaining({
					accountId: member,
					status: 'active',
					grants: [{ category: 'notes', access: 'read', until: null }]
				}) as unknown
			}
		});
		// Used: the preview now answers 409.
		expect(await call(api().previewInvitation, member, { lookupId: inv.lookupId })).toEqual({
			status: 409,
			json: error('invitation-used')
		});
		const other = await invitationBody();
		const second = await call(api().createInvitation, ownerId, { circleId }, other.body);
		const secondId = (second.json as { invitation: { id: string } }).invitation.id;
		expect(await call(api().previewInvitation, member, { lookupId: other.lookupId })).toEqual({
			status: 200,
			json: expect.objectContaining({
				invitationId: secondId,
				circleId,
				ownerPublicKey: KEY
			}) as unknown
		});
		expect(
			await call(api().revokeInvitation, ownerId, { circleId, invitationId: secondId })
		).toEqual({ status: 204, json: null });
	});

	it('answers each refusal with its error', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const stranger = await seedAccount(database.handle);
		const inv = await invitationBody();
		const a = api();
		expect(await call(a.createInvitation, stranger, { circleId }, inv.body)).toEqual({
			status: 403,
			json: error('forbidden')
		});
		expect(
			(await call(a.createInvitation, ownerId, { circleId }, { ...inv.body, role: 'king' })).status
		).toBe(400);
		expect(await call(a.listInvitations, stranger, { circleId })).toEqual({
			status: 403,
			json: error('forbidden')
		});
		const invitationId = randomUUID();
		expect(
			await call(
				a.confirmInvitation,
				ownerId,
				{ circleId, invitationId },
				{ grants: [], wraps: [] }
			)
		).toEqual({ status: 404, json: error('not-found') });
		expect(
			(await call(a.confirmInvitation, ownerId, { circleId, invitationId }, { grants: 'all' }))
				.status
		).toBe(400);
		expect(await call(a.revokeInvitation, ownerId, { circleId, invitationId })).toEqual({
			status: 404,
			json: error('not-found')
		});
		expect(await call(a.previewInvitation, stranger, { lookupId: inv.lookupId })).toEqual({
			status: 404,
			json: error('not-found')
		});
		const accept = await acceptBody(inv.secret, invitationId);
		expect(await call(a.acceptInvitation, stranger, { lookupId: inv.lookupId }, accept)).toEqual({
			status: 404,
			json: error('not-found')
		});
		expect(
			(await call(a.acceptInvitation, stranger, { lookupId: inv.lookupId }, { publicKey: 1 }))
				.status
		).toBe(400);
	});

	it('answers 404 for a malformed id or lookup id, before anything is read', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const loadAccess = vi.fn<Permissions['loadAccess']>(() => Promise.resolve(null));
		const counted = countingDb();
		const a = api({ db: counted.handle, permissions: { loadAccess } });
		const notFound = { status: 404, json: error('not-found') };
		const body = (await invitationBody()).body;
		expect(await call(a.createInvitation, ownerId, { circleId: 'x' }, body)).toEqual(notFound);
		expect(await call(a.listMembers, ownerId, { circleId: 'nope' })).toEqual(notFound);
		expect(await call(a.listMembers, ownerId, {})).toEqual(notFound);
		const bad = { circleId, invitationId: 'x', accountId: 'x', lookupId: 'short' };
		expect(await call(a.confirmInvitation, ownerId, bad, { grants: [], wraps: [] })).toEqual(
			notFound
		);
		expect(await call(a.revokeInvitation, ownerId, bad)).toEqual(notFound);
		expect(await call(a.previewInvitation, ownerId, bad)).toEqual(notFound);
		expect(await call(a.acceptInvitation, ownerId, bad, {})).toEqual(notFound);
		expect(await call(a.updateGrants, ownerId, bad, { grants: [] })).toEqual(notFound);
		expect(await call(a.removeMember, ownerId, bad)).toEqual(notFound);
		expect(loadAccess).not.toHaveBeenCalled();
		expect(counted.queries()).toBe(0);
		// The counter does count: a well-formed request queries.
		await call(a.revokeInvitation, ownerId, { circleId, invitationId: randomUUID() });
		expect(counted.queries()).toBeGreaterThan(0);
		expect(await call(a.listMembers, null, { circleId })).toEqual({
			status: 401,
			json: error('unauthenticated')
		});
	});

	it('answers 404 after a confirmation when the member list cannot be read', async () => {
		const { circleId, ownerId, invitationId } = await joined('Infirmière', false);
		const blind = api({ permissions: { loadAccess: () => Promise.resolve(null) } });
		expect(
			await call(
				blind.confirmInvitation,
				ownerId,
				{ circleId, invitationId },
				{ grants: [], wraps: [] }
			)
		).toEqual({ status: 404, json: error('not-found') });
	});

	it('answers a bare 500 for an unexpected error, and logs no message', async () => {
		const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		try {
			const { circleId, ownerId } = await seedCircle(database.handle);
			const a = api({
				permissions: { loadAccess: () => Promise.reject(new Error('secret@example.org')) }
			});
			expect(await call(a.listMembers, ownerId, { circleId })).toEqual({
				status: 500,
				json: error('internal')
			});
			expect(write).toHaveBeenCalledWith(expect.stringContaining('in listMembers'));
			expect(String(write.mock.calls[0]?.[0])).not.toContain('secret@example.org');
			const failing = createCircleApi({
				db: database.handle,
				now: () => NOW,
				newId: () => {
					throw new Error('no id');
				},
				permissions: createPermissions({ db: database.handle, now: () => NOW }),
				requireSession
			});
			const inv = await invitationBody();
			expect(await call(failing.createInvitation, ownerId, { circleId }, inv.body)).toEqual({
				status: 500,
				json: error('internal')
			});
			expect(
				await call(failing.previewInvitation, ownerId, {
					lookupId: 'A'.repeat(43)
				})
			).toEqual({ status: 404, json: error('not-found') });
		} finally {
			write.mockRestore();
		}
	});
});

describe('members and keys', () => {
	it('lists members, updates grants, rotates a key, gives my keys and removes a member', async () => {
		const { circleId, ownerId, member } = await joined();
		const a = api();
		const list = await call(a.listMembers, member, { circleId });
		expect(list.status).toBe(200);
		expect(
			(list.json as { members: { accountId: string }[] }).members.map((m) => m.accountId)
		).toEqual([ownerId, member]);
		const grants = [{ category: 'plan', access: 'write', until: null }];
		expect(
			await call(a.updateGrants, ownerId, { circleId, accountId: member }, { grants })
		).toEqual({ status: 200, json: { grants } });
		expect(
			(await call(a.updateGrants, member, { circleId, accountId: member }, { grants })).status
		).toBe(403);
		expect(
			(await call(a.updateGrants, ownerId, { circleId, accountId: member }, { grants: 1 })).status
		).toBe(400);
		const wrapped = 'W'.repeat(60);
		const rotation = { category: 'plan', keyId: 'k2', wraps: [{ accountId: member, wrapped }] };
		expect(await call(a.rotateKey, ownerId, { circleId }, rotation)).toEqual({
			status: 200,
			json: { category: 'plan', keyId: 'k2' }
		});
		expect(await call(a.rotateKey, ownerId, { circleId }, { ...rotation, wraps: [] })).toEqual({
			status: 409,
			json: error('rotation-incomplete')
		});
		expect((await call(a.rotateKey, ownerId, { circleId }, { category: 'x' })).status).toBe(400);
		expect(await call(a.myKeys, member, { circleId })).toEqual({
			status: 200,
			json: expect.objectContaining({
				ownerAccountId: ownerId,
				keys: [{ category: 'plan', keyId: 'k2', wrapped, createdAt: NOW }]
			}) as unknown
		});
		const stranger = await seedAccount(database.handle);
		expect((await call(a.myKeys, stranger, { circleId })).status).toBe(403);
		expect((await call(a.listMembers, stranger, { circleId })).status).toBe(403);
		expect(await call(a.myCircles, member, {})).toEqual({
			status: 200,
			json: {
				circles: [expect.objectContaining({ id: circleId, role: 'member', status: 'active' })]
			}
		});
		expect(await call(a.removeMember, stranger, { circleId, accountId: member })).toEqual({
			status: 403,
			json: error('forbidden')
		});
		expect(await call(a.removeMember, ownerId, { circleId, accountId: member })).toEqual({
			status: 204,
			json: null
		});
	});

	it('reads and writes the roster through the handlers', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const signed = {
			roster: { circleId, version: 1, issuedAt: NOW, members: [] },
			signature: 'S'.repeat(86)
		};
		const a = api();
		expect(await call(a.roster, ownerId, { circleId })).toEqual({
			status: 200,
			json: { signed: null }
		});
		expect((await call(a.putRoster, ownerId, { circleId }, { signed: {} })).status).toBe(400);
		const put = await call(a.putRoster, ownerId, { circleId }, { signed });
		expect(put).toEqual({ status: 204, json: null });
		expect(await call(a.roster, ownerId, { circleId })).toEqual({ status: 200, json: { signed } });
		expect((await call(a.putRoster, ownerId, { circleId }, { signed })).status).toBe(409);
		const stranger = await seedAccount(database.handle);
		expect((await call(a.roster, stranger, { circleId })).status).toBe(403);
	});
});

describe('access log', () => {
	it('names current members, former invitees by their invitation and care teams, owner only', async () => {
		const { circleId, ownerId, member } = await joined('Infirmière');
		// A former member, invited twice: the newest invitation's label wins.
		const left = await seedAccount(database.handle);
		for (const [label, at, role] of [
			['Old name', 1, 'carer'],
			['Kiné', 2, 'not-a-role']
		] as const)
			await database.handle.db
				.insertInto('circle_invitations')
				.values({
					id: randomUUID(),
					circle_id: circleId,
					lookup_hash: randomUUID(),
					server_key: 'sk',
					care_role: role,
					label,
					proposed_grants: '[]',
					created_at: at,
					expires_at: at + 1,
					failure_count: 0,
					used_at: at,
					accepted_by: left,
					accepted_public_key: KEY,
					accepted_identity_key: null,
					owner_identity_key: KEY,
					owner_proof: 'p',
					accepted_proof: 'p',
					confirmed_at: null,
					revoked_at: at
				})
				.execute();
		const teams = vi.fn(() =>
			Promise.resolve([
				{ accountId: 'team-nurse', label: 'Équipe', role: 'nurse' as const },
				{ accountId: member, label: 'duplicate', role: 'nurse' as const },
				{ accountId: left, label: 'duplicate', role: 'nurse' as const }
			])
		);
		const result = await call(api({ teamLogNames: teams }).auditLog, ownerId, { circleId });
		expect(result.status).toBe(200);
		const body = result.json as {
			entries: { action: string }[];
			head: { seq: number };
			verified: boolean;
			members: unknown[];
		};
		expect(teams).toHaveBeenCalledWith(circleId);
		expect(body.verified).toBe(true);
		expect(body.entries.map((e) => e.action)).toEqual([
			'invited',
			'invitation-accepted',
			'granted'
		]);
		expect(body.head.seq).toBe(3);
		expect(body.members).toEqual([
			{ accountId: ownerId, label: '', role: 'owner' },
			{ accountId: member, label: 'Infirmière', role: 'nurse' },
			{ accountId: left, label: 'Kiné', role: 'other' },
			{ accountId: 'team-nurse', label: 'Équipe', role: 'nurse' }
		]);
		// Without team names: the members alone.
		const plain = await call(api().auditLog, ownerId, { circleId });
		expect((plain.json as { members: unknown[] }).members).toHaveLength(3);
	});

	it('refuses a member (logged) and a stranger (not logged)', async () => {
		const { circleId, ownerId, member } = await joined();
		const stranger = await seedAccount(database.handle);
		const before = (await auditRows(database.handle, circleId)).length;
		expect(await call(api().auditLog, member, { circleId })).toEqual({
			status: 403,
			json: error('forbidden')
		});
		expect(await call(api().auditLog, stranger, { circleId })).toEqual({
			status: 403,
			json: error('forbidden')
		});
		expect((await auditRows(database.handle, circleId)).slice(before)).toEqual([
			{ action: 'refused', actor: member, subject: ownerId, category: null, target: null }
		]);
	});

	it('records an export by a reader of the category, refuses (and logs) one without read', async () => {
		const { circleId, ownerId } = await seedCircle(database.handle);
		const reader = await seedMember(database.handle, circleId, {
			grants: [{ category: 'notes', access: 'read', until: null }]
		});
		const stranger = await seedAccount(database.handle);
		const a = api();
		expect(
			await call(a.recordAudit, reader, { circleId }, { action: 'exported', category: 'notes' })
		).toEqual({ status: 204, json: null });
		expect(
			await call(a.recordAudit, reader, { circleId }, { action: 'exported', category: 'plan' })
		).toEqual({ status: 403, json: error('forbidden') });
		expect(
			await call(a.recordAudit, stranger, { circleId }, { action: 'exported', category: 'notes' })
		).toEqual({ status: 403, json: error('forbidden') });
		expect(
			(await call(a.recordAudit, reader, { circleId }, { action: 'deleted', category: 'notes' }))
				.status
		).toBe(400);
		expect(await auditRows(database.handle, circleId)).toEqual([
			{ action: 'exported', actor: reader, subject: ownerId, category: 'notes', target: null },
			{ action: 'refused', actor: reader, subject: ownerId, category: 'plan', target: null }
		]);
		const at = await database.handle.db
			.selectFrom('audit_entries')
			.select('at')
			.where('circle_id', '=', circleId)
			.execute();
		expect(at.map((r) => r.at)).toEqual([NOW, NOW]);
	});
});
