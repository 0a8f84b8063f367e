// The person's circle commands (commands/circle.ts, circle-invitations.ts), one error path each:
// a refusal is a typed `CircleError` and what must not happen does not (nothing sent, nothing
// wrapped, no rotation after a refused removal). Real vaults (fake-indexeddb) and the real key work
// (state/circle-crypto.ts); the server is a fake that records what it was asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCircleCommands } from '$lib/commands/circle';
import { INVITATION_SECRET_KIND, type VerifiedPreview } from '$lib/commands/circle-invitations';
import type { Invitation, Member } from '$lib/contracts/circle';
import type { CareRole } from '$lib/domain/circle';
import { ok } from '$lib/domain/circle/errors';
import { circleCrypto } from '$lib/state/circle-crypto';
import { createCircleHttp } from '$lib/sync/circle-http';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { keptRoster } from '$lib/vault/roster-pin';
import type { Vault } from '$lib/vault/vault';
import { errorBody, fakeServer, type FakeServer } from '../../fixtures/circle/fake-server';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2026, 11, 7, 12);
const C = '/api/circles/c1';

let unlocked: Vault;
beforeAll(async () => {
	unlocked = makeVault();
	await unlocked.create(PASSPHRASE);
});

function commandsOn(vault: Vault, server: FakeServer) {
	const teamCalls: string[][] = [];
	return {
		teamCalls,
		...createCircleCommands({
			vault: () => vault,
			now: () => NOW,
			http: createCircleHttp(server.fetch),
			crypto: circleCrypto,
			publishNewKeys: () => Promise.resolve(),
			wrapForTeams: (_circleId, categories) => {
				teamCalls.push([...categories]);
				return Promise.resolve(ok([]));
			}
		})
	};
}

const claire = (over: Partial<Member> = {}): Member => ({
	accountId: 'claire',
	role: 'carer',
	label: 'Claire',
	status: 'active',
	joinedAt: NOW - 1000,
	publicKey: 'claire-sharing',
	identityKey: 'claire-identity',
	grants: [{ category: 'symptoms', access: 'read', until: null }],
	...over
});

describe('circle commands refuse, as data', () => {
	it('createInvitation: a role that does not parse is invalid-input, and nothing is sent', async () => {
		const server = fakeServer();
		const result = await commandsOn(unlocked, server).createInvitation(
			'c1',
			{ role: 'boss' as CareRole, label: 'Claire', grants: [] },
			'https://cercle.test'
		);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('createInvitation: a locked journal is locked, and nothing is sent', async () => {
		const server = fakeServer();
		const result = await commandsOn(makeVault(), server).createInvitation(
			'c1',
			{ role: 'carer', label: 'Claire', grants: [] },
			'https://cercle.test'
		);
		expect(result).toEqual({ ok: false, error: { type: 'locked' } });
		expect(server.calls).toEqual([]);
	});

	it('cancelInvitation: the server’s refusal is its code', async () => {
		const server = fakeServer({
			[`DELETE ${C}/invitations/inv0`]: [404, errorBody('not-found')]
		});
		const result = await commandsOn(unlocked, server).cancelInvitation('c1', 'inv0');
		expect(result).toEqual({ ok: false, error: { type: 'http', code: 'not-found' } });
	});

	it('confirmInvitation: a proof that does not verify wraps nothing and cancels the invitation', async () => {
		const secret = circleCrypto.newInvitationSecret();
		await unlocked.commit([
			{
				type: 'put',
				kind: INVITATION_SECRET_KIND,
				category: 'settings',
				at: NOW,
				body: { invitationId: 'inv1', secret }
			}
		]);
		const server = fakeServer({ [`DELETE ${C}/invitations/inv1`]: [204, null] });
		// A real sharing key: a wrap to it would succeed, so only the proof check stops it.
		const claireSharing = await circleCrypto.exportPublicKey(
			(await circleCrypto.generateTeamKeyPair()).publicKey
		);
		const invitation: Invitation = {
			id: 'inv1',
			circleId: 'c1',
			role: 'carer',
			label: 'Claire',
			grants: [],
			createdAt: NOW - 10,
			expiresAt: NOW + 1000,
			status: 'accepted',
			acceptance: {
				accountId: 'claire',
				publicKey: claireSharing,
				identityKey: 'claire-identity',
				proof: 'A'.repeat(43),
				at: NOW - 5
			}
		};
		const result = await commandsOn(unlocked, server).confirmInvitation('c1', invitation, [
			{ category: 'symptoms', access: 'read', until: null }
		]);
		expect(result).toEqual({ ok: false, error: { type: 'proof-invalid' } });
		expect(server.calls).toEqual([`DELETE ${C}/invitations/inv1`]);
	});

	it('acceptInvitation: a name for the circle over 80 characters is invalid-input, nothing sent', async () => {
		const server = fakeServer();
		const verified: VerifiedPreview = {
			lookupId: 'l1',
			safetyCode: '1234',
			preview: {
				invitationId: 'inv1',
				circleId: 'c1',
				role: 'carer',
				label: 'Claire',
				grants: [],
				expiresAt: NOW + 1000,
				ownerPublicKey: 'owner-sharing',
				ownerIdentityKey: 'owner-identity',
				ownerProof: 'proof'
			}
		};
		const result = await commandsOn(unlocked, server).acceptInvitation(
			circleCrypto.newInvitationSecret(),
			verified,
			'M'.repeat(81)
		);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('updateGrants: a new category for a member whose keys were never pinned wraps nothing', async () => {
		const server = fakeServer();
		const member = claire();
		const result = await commandsOn(unlocked, server).updateGrants(
			'c1',
			member,
			[
				{ category: 'symptoms', access: 'read', until: null },
				{ category: 'medications', access: 'read', until: null }
			],
			[member]
		);
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: 'claire', label: 'Claire' }] }
		});
		expect(server.calls).toEqual([]);
	});

	it('removeMember: refused by the server, nothing is rotated', async () => {
		const server = fakeServer({ [`DELETE ${C}/members/claire`]: [403, errorBody('forbidden')] });
		const commands = commandsOn(unlocked, server);
		const member = claire();
		const result = await commands.removeMember('c1', member, [member]);
		expect(result).toEqual({ ok: false, error: { type: 'http', code: 'forbidden' } });
		expect(server.calls).toEqual([`DELETE ${C}/members/claire`]);
		expect(commands.teamCalls).toEqual([]);
	});

	it('rotate: a locked journal is locked, nothing is sent', async () => {
		const server = fakeServer();
		const result = await commandsOn(makeVault(), server).rotate('c1', ['symptoms'], []);
		expect(result).toEqual({ ok: false, error: { type: 'locked' } });
		expect(server.calls).toEqual([]);
	});

	it('confirmMemberKeys: a member listed without keys cannot be re-verified', async () => {
		const server = fakeServer();
		const result = await commandsOn(unlocked, server).confirmMemberKeys(
			'c1',
			claire({ identityKey: null })
		);
		expect(result).toEqual({ ok: false, error: { type: 'proof-invalid' } });
		expect(server.calls).toEqual([]);
	});

	it('publishRoster: offline is offline, and no list is kept as published', async () => {
		const server = fakeServer();
		server.offline = true;
		const result = await commandsOn(unlocked, server).publishRoster('c1');
		expect(result).toEqual({ ok: false, error: { type: 'offline' } });
		expect(await keptRoster(unlocked, 'c1')).toBeNull();
	});
});

describe('confirmOwnerKeys: the member pins the person’s keys after the codes matched in person', () => {
	const keys = { identityKey: 'anna-identity', sharingKey: 'anna-sharing' };

	it('pins exactly the keys shown as the owner’s, in person, at the command’s time; nothing is sent', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const server = fakeServer();
		const result = await commandsOn(vault, server).confirmOwnerKeys('c2', keys);
		expect(result).toEqual({ ok: true, value: null });
		expect(await ownerPin(vault, 'c2')).toEqual({
			circleId: 'c2',
			accountId: null,
			role: 'owner',
			...keys,
			source: 'in-person',
			pinnedAt: NOW
		});
		expect(server.calls).toEqual([]);
	});

	it('replaces an earlier owner pin of the circle in the same commit (one pin in force)', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const commands = commandsOn(vault, fakeServer());
		await commands.confirmOwnerKeys('c2', {
			identityKey: 'old-identity',
			sharingKey: 'old-sharing'
		});
		await commands.confirmOwnerKeys('c2', keys);
		const pins = await pinsOf(vault, 'c2');
		expect(pins.map((p) => p.identityKey)).toEqual(['anna-identity']);
	});

	it('keys that do not parse are invalid-input, and nothing is pinned', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const result = await commandsOn(vault, fakeServer()).confirmOwnerKeys('c2', {
			identityKey: '',
			sharingKey: 'anna-sharing'
		});
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(await ownerPin(vault, 'c2')).toBeNull();
	});

	it('a locked journal is locked', async () => {
		const result = await commandsOn(makeVault(), fakeServer()).confirmOwnerKeys('c2', keys);
		expect(result).toEqual({ ok: false, error: { type: 'locked' } });
	});
});
