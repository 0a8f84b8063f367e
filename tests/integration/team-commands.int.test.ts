// The REAL team commands (src/lib/state/team-commands.ts, team-circle-commands.ts) on real vaults (fake-indexeddb) against
// the real server, on SQLite and PostgreSQL: Anne creates a team and invites Bruno by link (keys
// proved both ways, pinned), confirms him only after his proof checks; Marie, who invited Anne
// herself, adds the team to her circle (the team key must be signed by someone she pinned: a team
// only Bruno signed is refused); Anne vouches for Marie; Bruno's device opens the very category key
// Marie's vault holds; Anne removes Bruno, her device rotates the key to the pinned remaining
// members, Bruno opens nothing any more, and Marie's device re-wraps to the new team key.
import { expect, it } from 'vitest';

import { createTeamCircleCommands, createTeamCommands } from '../../src/lib/state/team-commands';
import { createTeamHttp } from '../../src/lib/sync/team-http';
import { extractableCategoryKey } from '../../src/lib/vault/sharing-keys';
import { device, joinWithCommands, type Device } from '../fixtures/circle/devices';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie } from '../fixtures/server/people';
import { createTeamTestApp } from '../fixtures/teams/app';
import { professionalDevice, value } from '../fixtures/teams/devices';

const ORIGIN = 'https://cercle.test';

const commands = (d: Device) => {
	const base = {
		vault: () => d.vault,
		now: () => Date.now(),
		http: createTeamHttp((input, init) => d.fetch(input, init))
	};
	return {
		...createTeamCommands({ ...base, accountId: () => d.accountId }),
		...createTeamCircleCommands(base)
	};
};

async function sameKey(a: CryptoKey, b: CryptoKey): Promise<boolean> {
	const iv = new Uint8Array(12);
	const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, a, new Uint8Array([1, 2, 3]));
	try {
		await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, b, sealed);
		return true;
	} catch {
		return false;
	}
}

forEachDatabase('team commands', (get) => {
	it('runs the whole team journey on real devices, key checks included', async () => {
		const app = createTeamTestApp(get().handle, Date.now());
		const person = await device(app, marie);
		const anne = await professionalDevice(app);
		const bruno = await professionalDevice(app);
		await joinWithCommands(person, anne, [], 'Anne');
		const [p, a, b] = [commands(person), commands(anne), commands(bruno)];

		const teamId = value(
			await a.createTeam({ name: 'SSIAD du Port', kind: 'home-nursing', label: 'Anne' })
		);
		const link = value(await a.inviteColleague(teamId, 'member', ORIGIN));
		expect(link.startsWith(`${ORIGIN}/teams/join#`)).toBe(true);
		const secret = link.slice(link.indexOf('#') + 1);
		const preview = value(await b.previewTeamInvite(secret));
		expect(preview.preview.team.name).toBe('SSIAD du Port');
		expect(value(await b.acceptTeamInvite(secret, preview, 'Bruno'))).toBe(teamId);
		const waiting = value(await a.loadTeam(teamId)).invitations.find((i) => i.acceptance !== null);
		expect(waiting).toBeDefined();
		if (waiting === undefined) return;
		value(await a.confirmColleague(teamId, waiting.id));
		expect(
			value(await a.loadTeam(teamId))
				.members.map((m) => m.label)
				.sort()
		).toEqual(['Anne', 'Bruno']);

		// A team whose key only Bruno signed: Marie never pinned Bruno, so nothing is shared.
		const brunoTeam = value(await b.createTeam({ name: 'Autre', kind: 'other', label: 'Bruno' }));
		const refused = await p.addTeamToCircle(person.circleId, brunoTeam, 'Autre', [
			{ category: 'symptoms', access: 'read', until: null }
		]);
		expect(refused.ok ? 'ok' : refused.error.type).toBe('key-changed');

		value(
			await p.addTeamToCircle(person.circleId, teamId, 'Infirmières', [
				{ category: 'symptoms', access: 'read', until: null }
			])
		);
		// Before anyone vouches for Marie, Bruno's device refuses to trust the wraps.
		const early = await b.teamCircleKeys(teamId, person.circleId);
		expect(early.ok ? 'ok' : early.error.type).toBe('owner-unverified');
		value(await a.vouchForOwner(teamId, person.circleId));

		const marieKey = await extractableCategoryKey(person.vault, 'symptoms');
		if (marieKey === null) throw new Error('no key');
		const brunoKeys = value(await b.teamCircleKeys(teamId, person.circleId));
		const opened = brunoKeys.get(marieKey.keyId);
		expect(opened).toBeDefined();
		if (opened === undefined) return;
		expect(await sameKey(marieKey.key, opened)).toBe(true);
		expect([...brunoKeys.keys()]).toEqual([marieKey.keyId]);

		// Anne removes Bruno; her device rotates to the remaining (pinned) members at once.
		value(await a.removeFromTeam(teamId, bruno.accountId, true));
		const after = value(await a.loadTeam(teamId));
		expect(after.keyVersion).toBe(2);
		expect(after.rotationPending).toBe(false);
		const gone = await b.teamCircleKeys(teamId, person.circleId);
		expect(gone.ok ? 'ok' : gone.error.type).toBe('http');
		// The person's wraps still target version 1 until her device re-wraps: Anne is told so.
		const stale = await a.teamCircleKeys(teamId, person.circleId);
		expect(stale.ok ? 'ok' : stale.error.type).toBe('http');
		// Marie's device, at her next visit, checks the new key (signed by Anne) and re-wraps.
		expect(value(await p.rewrapTeams(person.circleId))).toBe(1);
		expect(value(await p.rewrapTeams(person.circleId))).toBe(0);
		const anneKeys = value(await a.teamCircleKeys(teamId, person.circleId));
		const anneOpened = anneKeys.get(marieKey.keyId);
		expect(anneOpened !== undefined && (await sameKey(marieKey.key, anneOpened))).toBe(true);
	});
});
