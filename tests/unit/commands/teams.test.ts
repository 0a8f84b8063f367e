// The care-team commands (commands/teams.ts, commands/team-circle.ts), one error path each: a
// refusal is a typed `CircleError` and what must not happen does not (nothing sent, no key sealed
// to an unpinned colleague, no rotation after a refused removal, a team key nobody pinned gets
// nothing). Real vaults (fake-indexeddb) and the real key work (state/circle-crypto.ts); the server
// is a fake that records what it was asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeamCircleCommands } from '$lib/commands/team-circle';
import { createTeamCommands, type VerifiedTeamPreview } from '$lib/commands/teams';
import type { TeamDetail, TeamPublic } from '$lib/contracts/teams';
import type { TeamKind } from '$lib/domain/care-team/teams';
import { ok } from '$lib/domain/circle/errors';
import { circleCrypto } from '$lib/state/circle-crypto';
import { createTeamHttp } from '$lib/sync/team-http';
import type { Vault } from '$lib/vault/vault';
import { errorBody, fakeServer, type FakeServer } from '../../fixtures/circle/fake-server';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2026, 11, 7, 12);
const T = '/api/teams/t1';
const C = '/api/circles/c1';

let unlocked: Vault;
beforeAll(async () => {
	unlocked = makeVault();
	await unlocked.create(PASSPHRASE);
});

const teamsOn = (vault: Vault, server: FakeServer) =>
	createTeamCommands({
		vault: () => vault,
		now: () => NOW,
		http: createTeamHttp(server.fetch),
		crypto: circleCrypto,
		accountId: () => 'me'
	});

function teamCircleOn(vault: Vault, server: FakeServer) {
	const rotations: string[][] = [];
	return {
		rotations,
		...createTeamCircleCommands({
			vault: () => vault,
			now: () => NOW,
			http: createTeamHttp(server.fetch),
			crypto: circleCrypto,
			rotateCategories: (_circleId, categories) => {
				rotations.push([...categories]);
				return Promise.resolve(ok(null));
			}
		})
	};
}

const team: TeamPublic = {
	teamId: 't1',
	name: 'SSIAD du Port',
	kind: 'home-nursing',
	keyVersion: 2,
	publicKey: 'team-public',
	keySignature: 'S'.repeat(86),
	keySignerAccountId: 'bruno',
	keySignerIdentityKey: 'bruno-identity'
};

const detail: TeamDetail = {
	...team,
	myRole: 'admin',
	myWrap: null,
	myWrapSignerAccountId: null,
	members: [
		{
			accountId: 'bruno',
			role: 'member',
			label: 'Bruno',
			identityKey: 'bruno-identity',
			sharingKey: 'bruno-sharing',
			joinedAt: NOW - 1000
		}
	],
	invitations: [],
	rotationPending: true
};

describe('team commands refuse, as data', () => {
	it('createTeam: an empty name is invalid-input, and nothing is sent', async () => {
		const server = fakeServer();
		const result = await teamsOn(unlocked, server).createTeam({
			name: '  ',
			kind: 'practice',
			label: 'Claire'
		});
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('createTeam: a kind that does not parse is invalid-input', async () => {
		const server = fakeServer();
		const result = await teamsOn(unlocked, server).createTeam({
			name: 'Cabinet',
			kind: 'hospital' as TeamKind,
			label: 'Claire'
		});
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('inviteColleague: a locked journal is locked, and nothing is sent', async () => {
		const server = fakeServer();
		const result = await teamsOn(makeVault(), server).inviteColleague(
			't1',
			'member',
			'https://cercle.test'
		);
		expect(result).toEqual({ ok: false, error: { type: 'locked' } });
		expect(server.calls).toEqual([]);
	});

	it('acceptTeamInvite: an empty name for myself is invalid-input, and nothing is sent', async () => {
		const server = fakeServer();
		const verified: VerifiedTeamPreview = {
			lookupId: 'l1',
			preview: {
				invitationId: 'i1',
				team,
				role: 'member',
				expiresAt: NOW + 1000,
				inviterAccountId: 'bruno',
				inviterIdentityKey: 'bruno-identity',
				inviterSharingKey: 'bruno-sharing',
				inviterProof: 'proof'
			}
		};
		const result = await teamsOn(unlocked, server).acceptTeamInvite(
			circleCrypto.newInvitationSecret(),
			verified,
			''
		);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('confirmColleague: without the invitation’s secret on this device nothing is sealed', async () => {
		const server = fakeServer();
		const result = await teamsOn(unlocked, server).confirmColleague('t1', 'unknown');
		expect(result).toEqual({ ok: false, error: { type: 'secret-missing' } });
		expect(server.calls).toEqual([]);
	});

	it('rotateTeamKey: a colleague whose keys I never pinned stops the rotation', async () => {
		const server = fakeServer({ [`GET ${T}`]: [200, detail] });
		const result = await teamsOn(unlocked, server).rotateTeamKey('t1');
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: 'bruno', label: 'Bruno' }] }
		});
		expect(server.calls).toEqual([`GET ${T}`]);
	});

	it('removeFromTeam: refused by the server, nothing is rotated', async () => {
		const server = fakeServer({ [`DELETE ${T}/members/bruno`]: [409, errorBody('last-admin')] });
		const result = await teamsOn(unlocked, server).removeFromTeam('t1', 'bruno', true);
		expect(result).toEqual({ ok: false, error: { type: 'http', code: 'last-admin' } });
		expect(server.calls).toEqual([`DELETE ${T}/members/bruno`]);
	});
});

describe('a team in the person’s circle: commands refuse, as data', () => {
	it('addTeamToCircle: a team key nobody she pinned signed gets nothing', async () => {
		const server = fakeServer({ [`GET ${T}/public`]: [200, team] });
		const result = await teamCircleOn(unlocked, server).addTeamToCircle('c1', 't1', 'SSIAD', [
			{ category: 'symptoms', access: 'read', until: null }
		]);
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: 'bruno', label: 'SSIAD du Port' }] }
		});
		expect(server.calls).toEqual([`GET ${T}/public`]);
	});

	it('addTeamToCircle: a grant that does not parse is invalid-input, and nothing is sent', async () => {
		const server = fakeServer();
		const result = await teamCircleOn(unlocked, server).addTeamToCircle('c1', 't1', 'SSIAD', [
			{ category: 'settings' as 'symptoms', access: 'read', until: null }
		]);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-input' } });
		expect(server.calls).toEqual([]);
	});

	it('wrapForTeams: offline, the rotated categories wait and go with the next call', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const server = fakeServer({ [`GET ${C}/teams`]: [200, { teams: [] }] });
		const commands = teamCircleOn(vault, server);
		server.offline = true;
		expect(await commands.wrapForTeams('c1', ['symptoms'])).toEqual({
			ok: false,
			error: { type: 'offline' }
		});
		server.offline = false;
		server.calls.length = 0;
		// Nothing newly rotated, yet the waiting categories make it ask for the teams again.
		expect(await commands.wrapForTeams('c1', [])).toEqual({ ok: true, value: [] });
		expect(server.calls).toEqual([`GET ${C}/teams`]);
		server.calls.length = 0;
		expect(await commands.wrapForTeams('c1', [])).toEqual({ ok: true, value: [] });
		expect(server.calls).toEqual([]);
	});

	it('rewrapTeams: a new team key nobody she pinned signed: nothing rotated, nothing sent', async () => {
		const server = fakeServer({
			[`GET ${C}/teams`]: [
				200,
				{
					teams: [
						{
							teamId: 't1',
							label: 'SSIAD',
							grants: [{ category: 'symptoms', access: 'read', until: null }],
							wrappedForVersion: 1,
							team
						}
					]
				}
			]
		});
		const commands = teamCircleOn(unlocked, server);
		const result = await commands.rewrapTeams('c1');
		expect(result).toEqual({
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: 'bruno', label: 'SSIAD' }] }
		});
		expect(commands.rotations).toEqual([]);
		expect(server.calls).toEqual([`GET ${C}/teams`]);
	});

	it('vouchForOwner: without a pin of the person, nothing is vouched', async () => {
		const server = fakeServer();
		const result = await teamCircleOn(unlocked, server).vouchForOwner('t1', 'c1');
		expect(result).toEqual({ ok: false, error: { type: 'owner-unverified' } });
		expect(server.calls).toEqual([]);
	});
});
