// Reading a person's circle through a care team in the app (issue 14 §1), on SQLite and
// PostgreSQL, with real vaults (fake-indexeddb) and the REAL device code on every side: the person
// writes in three categories and invites a team (Anne, her own nurse, and Bruno) to read symptoms;
// Anne's device vouches for her when it lists the team's people;
// Bruno's device lists her among the people his teams serve and opens her circle through the member
// circle (`openMemberCircleWith` + `teamReachOf`: team key, vouched identity, her signatures) and
// reads exactly the symptoms; the access log names Bruno and the team; removed, his next pull is
// refused, his cached copy deleted, and no new key reaches him, while the person's device, after
// checking the rotated team key, rotates symptoms for future records and re-wraps so Anne still
// reads old and new; a false team key served by a lying server is refused and nothing is sent.
// Offline, a team member reads from the team key her device keeps sealed (vault/team-key-cache.ts)
// after one online opening, and a removed member's kept key is gone on her next contact; the
// person's background sync (state/team-rewrap.ts) re-wraps to a rotated team key without her
// circle page; removing a direct member rotates the category keys and the team gets them too.
import { IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { circleTeamListSchema } from '../../src/lib/contracts/teams';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../src/lib/crypto/identity';
import { exportPublicKey } from '../../src/lib/crypto/sharing';
import { generateTeamKeyPair, signTeamKey } from '../../src/lib/crypto/team-key';
import { describeAuditEntry, type AuditMember } from '../../src/lib/domain/audit';
import type { Category } from '../../src/lib/domain/categories';
import { teamCircleRows, teamReachOf } from '../../src/lib/state/team-reading';
import { createTeamRewrap, withTeamRewrap } from '../../src/lib/state/team-rewrap';
import { createSyncEngine } from '../../src/lib/sync/client';
import { createHttpTransport } from '../../src/lib/sync/transport-http';
import { summaryRecordsOf } from '../../src/lib/vault/people-digest';
import { readTeamKey } from '../../src/lib/vault/team-key-cache';
import { auditLineText } from '../../src/lib/ui/circle/labels';
import { memberDbName } from '../../src/lib/vault/member-db';
import type { MemberCircle } from '../../src/lib/vault/member-circle';
import { openMemberCircleWith } from '../../src/lib/vault/member-circle';
import { ownerPin } from '../../src/lib/vault/pins';
import {
	extractableCategoryKey,
	sharingIdentity,
	signingIdentity
} from '../../src/lib/vault/sharing-keys';
import {
	commandsFor,
	device,
	joinWithCommands,
	syncOwner,
	type Device
} from '../fixtures/circle/devices';
import type { TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';
import { createTeamTestApp } from '../fixtures/teams/app';
import {
	professionalDevice,
	teamCommandsFor,
	value,
	type TeamDeviceCommands
} from '../fixtures/teams/devices';

const ORIGIN = 'https://cercle.test';
const T = Date.UTC(2025, 0, 6, 9);
const TEAM_LABEL = 'Infirmières du Port';

const symptom = (at: number, severity: number) =>
	({
		type: 'put',
		kind: 'symptom',
		category: 'symptoms',
		at,
		body: { kind: 'symptom', symptom: 'pain', severity, note: '' }
	}) as const;
const measurement = (at: number, v: number) =>
	({
		type: 'put',
		kind: 'measurement',
		category: 'measurements',
		at,
		body: { kind: 'measurement', type: 'weight', value: v, unit: 'kg' }
	}) as const;
const note = (at: number, text: string) =>
	({ type: 'put', kind: 'note', category: 'notes', at, body: { kind: 'note', text } }) as const;

interface Scene {
	readonly app: TestApp;
	readonly person: Device;
	readonly anne: Device;
	readonly bruno: Device;
	readonly teamId: string;
	readonly p: TeamDeviceCommands;
	readonly a: TeamDeviceCommands;
	readonly b: TeamDeviceCommands;
}

/**
 * Marie writes symptoms, a weight and a note; Anne (her own nurse, no grants of her own) creates
 * the team and brings Bruno in by link; Marie adds the team for symptoms (read); Anne vouches.
 */
async function scene(app: TestApp): Promise<Scene> {
	const person = await device(app, marie);
	const anne = await professionalDevice(app);
	const bruno = await professionalDevice(app);
	await joinWithCommands(person, anne, [], 'Anne');
	const [p, a, b] = [teamCommandsFor(person), teamCommandsFor(anne), teamCommandsFor(bruno)];
	expect(
		(
			await person.vault.commit([
				symptom(T, 4),
				symptom(T + 1000, 6),
				measurement(T + 2000, 71.5),
				note(T + 3000, 'rendez-vous cardiologue')
			])
		).ok
	).toBe(true);
	await syncOwner(person);

	const teamId = value(
		await a.createTeam({ name: 'SSIAD du Port', kind: 'home-nursing', label: 'Anne' })
	);
	const link = value(await a.inviteColleague(teamId, 'member', ORIGIN));
	const secret = link.slice(link.indexOf('#') + 1);
	const preview = value(await b.previewTeamInvite(secret));
	value(await b.acceptTeamInvite(secret, preview, 'Bruno'));
	const waiting = value(await a.loadTeam(teamId)).invitations.find((i) => i.acceptance !== null);
	if (waiting === undefined) throw new Error('no acceptance');
	value(await a.confirmColleague(teamId, waiting.id));
	value(
		await p.addTeamToCircle(person.circleId, teamId, TEAM_LABEL, [
			{ category: 'symptoms', access: 'read', until: null }
		])
	);
	// Before anyone vouched for Marie, Bruno's device trusts none of her wraps.
	const early = await teamReachOf(b, person.circleId);
	expect(early.ok ? 'ok' : early.error.type).toBe('owner-unverified');
	// Anne's device lists the people her team serves and, knowing Marie, vouches for her.
	expect((await teamCircleRows(a))?.map((r) => r.circleId)).toEqual([person.circleId]);
	return { app, person, anne, bruno, teamId, p, a, b };
}

/** A team member's device opens the circle as the app does (state/member-circle.svelte.ts). */
async function openThroughTeam(member: Device, commands: TeamDeviceCommands, circleId: string) {
	const identity = await sharingIdentity(member.vault);
	if (identity === null) throw new Error('locked');
	return openMemberCircleWith({
		circleId,
		accountId: member.accountId,
		ownerName: null,
		identity,
		signingKey: (await signingIdentity(member.vault))?.privateKey ?? null,
		ownerIdentityKey: (await ownerPin(member.vault, circleId))?.identityKey ?? null,
		fetch: member.fetch,
		deviceId: member.deviceId,
		indexedDB: member.idb,
		IDBKeyRange,
		autoSync: false,
		teamReach: () => teamReachOf(commands, circleId)
	});
}

function opened<T>(result: { ok: true; value: T } | { ok: false; error: { type: string } }): T {
	if (!result.ok) throw new Error(`open failed: ${result.error.type}`);
	return result.value;
}

const severities = async (view: MemberCircle) =>
	(await view.records.query({ category: 'symptoms' }))
		.map((r) => (r.body as { severity: number }).severity)
		.sort();

const readableOf = (view: MemberCircle): Category[] =>
	(['symptoms', 'measurements', 'medications', 'notes'] as const).filter((c) => view.canRead(c));

const pullAs = (s: Scene, who: Device) =>
	who.fetch(`/api/sync/pull?circle=${s.person.circleId}&since=0`);

forEachDatabase('team reading', (get) => {
	it('reads exactly what the person granted the team, and the log names the individual and the team', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));

		// Bruno's "My people": the person his team serves, by the name she gave herself to Anne.
		const rows = await teamCircleRows(s.b);
		expect(rows).toEqual([
			{ circleId: s.person.circleId, name: 'Maman', teams: ['SSIAD du Port'] }
		]);

		// Bruno never met her: her identity comes from Anne's vouching, checked against his pin.
		expect(await ownerPin(s.bruno.vault, s.person.circleId)).toBeNull();
		const view = opened(await openThroughTeam(s.bruno, s.b, s.person.circleId));
		expect(readableOf(view)).toEqual(['symptoms']);
		expect(await severities(view)).toEqual([4, 6]);
		expect(await view.records.query({ category: 'measurements' })).toEqual([]);
		expect(await view.records.query({ category: 'notes' })).toEqual([]);
		expect(view.canWrite('symptoms')).toBe(false);
		expect(view.grants().map((g) => g.category)).toEqual(['symptoms']);
		view.close();

		// Anne is in the circle herself with no grants: she reads symptoms through the team only.
		const anneView = opened(await openThroughTeam(s.anne, s.a, s.person.circleId));
		expect(readableOf(anneView)).toEqual(['symptoms']);
		expect(await severities(anneView)).toEqual([4, 6]);
		anneView.close();

		// The server gave them only symptoms, and logged each pull under the individual and the team.
		const log = value(await commandsFor(s.person).loadAccessLog(s.person.circleId));
		expect(log.check.ok).toBe(true);
		const pulls = log.log.entries.filter((e) => e.action === 'pulled');
		expect(pulls.map((e) => [e.actor, e.category, e.target]).sort()).toEqual(
			[
				[s.anne.accountId, 'symptoms', s.teamId],
				[s.bruno.accountId, 'symptoms', s.teamId]
			].sort()
		);
		const members = new Map<string, AuditMember>(
			log.log.members.map((m): [string, AuditMember] => [m.accountId, m])
		);
		const brunoLine = pulls
			.filter((e) => e.actor === s.bruno.accountId)
			.map((e) => describeAuditEntry(e, members))[0];
		expect(brunoLine?.actorName).toBe('Bruno');
		expect(brunoLine?.actorTeam).toBe(TEAM_LABEL);
		if (brunoLine === undefined) return;
		expect(auditLineText(brunoLine)).toContain(`Bruno (${TEAM_LABEL})`);
		// Anne keeps the name Marie gave her as her nurse; the entry still names the team.
		const anneLine = pulls
			.filter((e) => e.actor === s.anne.accountId)
			.map((e) => describeAuditEntry(e, members))[0];
		expect(anneLine?.actorName).toBe('Anne');
		expect(anneLine?.actorTeam).toBe(TEAM_LABEL);
	});

	it('refuses a removed member at once, rotates for future records, and the rest of the team reads on', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		const view = opened(await openThroughTeam(s.bruno, s.b, s.person.circleId));
		expect(await severities(view)).toEqual([4, 6]);
		const cached = async () =>
			(await s.bruno.idb.databases()).some((d) => d.name === memberDbName(s.person.circleId));
		expect(await cached()).toBe(true);
		const before = await extractableCategoryKey(s.person.vault, 'symptoms');

		// Anne removes Bruno; her device rotates the team key to the pinned remaining members.
		value(await s.a.removeFromTeam(s.teamId, s.bruno.accountId, true));
		expect((await pullAs(s, s.bruno)).status).toBe(403);
		const next = await view.sync();
		expect(next.ok ? 'ok' : next.error.type).toBe('removed');
		expect(await cached()).toBe(false);
		const again = await openThroughTeam(s.bruno, s.b, s.person.circleId);
		expect(again.ok ? 'ok' : again.error.type).toBe('removed');
		expect(await teamCircleRows(s.b)).toEqual([]);

		// Until the person's device re-wraps, Anne is told so (never an empty summary).
		const early = await openThroughTeam(s.anne, s.a, s.person.circleId);
		expect(early.ok ? 'ok' : early.error.type).toBe('team-key-waiting');

		// The person's next visit: the new team key checks (Anne signed it), symptoms rotate for
		// future records, and every symptoms key goes to the new team key.
		const teams = circleTeamListSchema.parse(
			await (await s.person.fetch(`/api/circles/${s.person.circleId}/teams`)).json()
		).teams;
		expect(teams[0]?.team.keyVersion).toBe(2);
		expect(value(await s.p.rewrapTeams(s.person.circleId))).toBe(1);
		const after = await extractableCategoryKey(s.person.vault, 'symptoms');
		expect(after?.keyId).toBeDefined();
		expect(after?.keyId).not.toBe(before?.keyId);
		expect((await s.person.vault.commit([symptom(T + 60_000, 9)])).ok).toBe(true);
		await syncOwner(s.person);

		// No new key reaches Bruno by any route; the server refuses him everything.
		for (const path of [
			`/api/teams/${s.teamId}`,
			`/api/teams/${s.teamId}/circles`,
			`/api/circles/${s.person.circleId}/keys`
		])
			expect((await s.bruno.fetch(path)).status).toBe(403);
		const brunoReach = await teamReachOf(s.b, s.person.circleId);
		expect(brunoReach.ok ? 'ok' : brunoReach.error.type).toBe('removed');

		// Anne reads the old records and the one written with the new key.
		const anneView = opened(await openThroughTeam(s.anne, s.a, s.person.circleId));
		expect(await severities(anneView)).toEqual([4, 6, 9]);
		anneView.close();

		// The refusal is in the person's log under Bruno.
		const log = value(await commandsFor(s.person).loadAccessLog(s.person.circleId));
		expect(
			log.log.entries.some((e) => e.action === 'refused' && e.actor === s.bruno.accountId)
		).toBe(true);
	});

	it('refuses a false team key served by the server, and sends the team nothing', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		const forger = await generateIdentityKeyPair();
		const fake = await generateTeamKeyPair();
		const fakePublic = await exportPublicKey(fake.publicKey);
		const honest = s.person.server;
		const sent: string[] = [];
		// A lying server: the team "rotated" to a key it made, signed by an identity it made, and
		// claims Anne (whom the person pinned) signed it.
		s.person.server = async (input, init) => {
			const method = init?.method ?? 'GET';
			if (method !== 'GET') sent.push(`${method} ${input}`);
			const response = await honest(input, init);
			if (method !== 'GET' || input !== `/api/circles/${s.person.circleId}/teams`) return response;
			const list = circleTeamListSchema.parse(await response.json());
			const teams = await Promise.all(
				list.teams.map(async (t) => {
					const keyVersion = t.team.keyVersion + 1;
					return {
						...t,
						team: {
							...t.team,
							keyVersion,
							publicKey: fakePublic,
							keySignerIdentityKey: await exportIdentityPublicKey(forger.publicKey),
							keySignature: await signTeamKey(forger.privateKey, {
								teamId: t.teamId,
								keyVersion,
								publicKey: fakePublic
							})
						}
					};
				})
			);
			return Response.json({ teams });
		};
		const refused = await s.p.rewrapTeams(s.person.circleId);
		expect(refused.ok ? 'ok' : refused.error.type).toBe('key-changed');
		if (!refused.ok && refused.error.type === 'key-changed')
			expect(refused.error.members.map((m) => m.label)).toEqual([TEAM_LABEL]);
		// Nothing was wrapped, rotated or sent.
		expect(sent).toEqual([]);
	});
	it('opens offline from the team key kept sealed after one online opening; a removed member loses it on next contact', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		// Online once, as "My people" and the summary do: the team key and circles are kept.
		expect((await teamCircleRows(s.b))?.map((r) => r.circleId)).toEqual([s.person.circleId]);
		const first = opened(await openThroughTeam(s.bruno, s.b, s.person.circleId));
		expect(await severities(first)).toEqual([4, 6]);
		first.close();
		expect((await readTeamKey(s.bruno.vault, s.teamId))?.keyVersion).toBe(1);

		// Offline: "My people" lists her through the team, and her circle and summary open.
		s.bruno.online = false;
		expect(await teamCircleRows(s.b)).toEqual([
			{ circleId: s.person.circleId, name: 'Maman', teams: ['SSIAD du Port'] }
		]);
		const offline = opened(await openThroughTeam(s.bruno, s.b, s.person.circleId));
		expect(offline.offline()).toBe(true);
		expect(readableOf(offline)).toEqual(['symptoms']);
		expect(await severities(offline)).toEqual([4, 6]);
		const summary = await summaryRecordsOf(offline, T + 86_400_000);
		expect(summary.readable).toEqual(['symptoms']);
		expect(summary.records.map((r) => r.category)).toEqual(['symptoms', 'symptoms']);
		offline.close();
		s.bruno.online = true;

		// Anne removes Bruno and rotates. Bruno's next contact deletes what his device kept.
		value(await s.a.removeFromTeam(s.teamId, s.bruno.accountId, true));
		expect(await teamCircleRows(s.b)).toEqual([]);
		expect(await readTeamKey(s.bruno.vault, s.teamId)).toBeNull();
		const gone = await openThroughTeam(s.bruno, s.b, s.person.circleId);
		expect(gone.ok ? 'ok' : gone.error.type).toBe('removed');
		s.bruno.online = false;
		const after = await openThroughTeam(s.bruno, s.b, s.person.circleId);
		expect(after.ok).toBe(false);
		expect(await teamCircleRows(s.b)).toEqual([]);
	});

	it('a removed member who last opened the circle through the team loses the kept key on her first request', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		opened(await openThroughTeam(s.bruno, s.b, s.person.circleId)).close();
		expect(await readTeamKey(s.bruno.vault, s.teamId)).not.toBeNull();
		value(await s.a.removeFromTeam(s.teamId, s.bruno.accountId, false));
		// Opening the circle asks the team first: refused (403), the kept key goes.
		const reach = await teamReachOf(s.b, s.person.circleId);
		expect(reach.ok ? 'ok' : reach.error.type).toBe('removed');
		expect(await readTeamKey(s.bruno.vault, s.teamId)).toBeNull();
	});

	it("the person's background sync re-wraps to a rotated team key without her circle page", async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		opened(await openThroughTeam(s.anne, s.a, s.person.circleId)).close();
		value(await s.a.removeFromTeam(s.teamId, s.bruno.accountId, true));
		const waiting = await openThroughTeam(s.anne, s.a, s.person.circleId);
		expect(waiting.ok ? 'ok' : waiting.error.type).toBe('team-key-waiting');
		// Anne's device replaced the key it kept with the new version.
		expect((await readTeamKey(s.anne.vault, s.teamId))?.keyVersion).toBe(2);

		// The person's sync engine as the app wires it (state/sync.svelte.ts): re-wrap, then sync.
		const v = s.person.vault;
		let asked = 0;
		const rewrap = createTeamRewrap({
			rewrap: (circleId) => {
				asked += 1;
				return s.p.rewrapTeams(circleId);
			},
			circleId: () => Promise.resolve(s.person.circleId),
			now: () => Date.now()
		});
		const engine = withTeamRewrap(
			createSyncEngine({
				outbox: v.sync.outbox,
				checkpoints: v.sync.checkpoints,
				restore: v.sync.restore,
				applyRemote: v.sync.applyRemote,
				transport: createHttpTransport({ fetch: s.person.fetch, deviceId: s.person.deviceId }),
				clock: { receive: () => undefined },
				circles: () => Promise.resolve([s.person.circleId])
			}),
			rewrap
		);
		const before = await extractableCategoryKey(v, 'symptoms');
		await engine.sync();
		const teams = circleTeamListSchema.parse(
			await (await s.person.fetch(`/api/circles/${s.person.circleId}/teams`)).json()
		).teams;
		expect(teams.map((t) => [t.wrappedForVersion, t.team.keyVersion])).toEqual([[2, 2]]);
		expect((await extractableCategoryKey(v, 'symptoms'))?.keyId).not.toBe(before?.keyId);

		// Her next entry syncs with the new key; the server is not asked about teams again so soon.
		expect((await v.commit([symptom(T + 60_000, 9)])).ok).toBe(true);
		await engine.sync();
		expect(asked).toBe(1);
		expect(await v.sync.outbox.pending(10)).toEqual([]);

		const anneView = opened(await openThroughTeam(s.anne, s.a, s.person.circleId));
		expect(await severities(anneView)).toEqual([4, 6, 9]);
		anneView.close();
	});

	it('a rotation that could not reach the teams is wrapped to them at the next background sync', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		const daughter = await device(s.app, claire);
		await joinWithCommands(s.person, daughter, [
			{ category: 'symptoms', access: 'read', until: null }
		]);
		const person = commandsFor(s.person);
		const circle = value(await person.loadCircle(s.person.circleId));
		const member = circle.members.find((m) => m.accountId === daughter.accountId);
		if (member === undefined) throw new Error('no daughter');
		// The connection drops just as her device asks for the circle's teams.
		const honest = s.person.server;
		const teamsPath = `/api/circles/${s.person.circleId}/teams`;
		s.person.server = (input, init) =>
			input === teamsPath && (init?.method ?? 'GET') === 'GET'
				? Promise.reject(new TypeError('Failed to fetch'))
				: honest(input, init);
		value(await person.removeMember(s.person.circleId, member, circle.members));
		s.person.server = honest;
		expect((await s.person.vault.commit([symptom(T + 60_000, 9)])).ok).toBe(true);
		await syncOwner(s.person);
		const before = opened(await openThroughTeam(s.anne, s.a, s.person.circleId));
		expect(await severities(before)).toEqual([4, 6]);
		before.close();

		// Her next sync's re-wrap sends the kept categories to the team.
		const rewrap = createTeamRewrap({
			rewrap: s.p.rewrapTeams,
			circleId: () => Promise.resolve(s.person.circleId),
			now: () => Date.now()
		});
		expect(await rewrap.run()).toEqual({ ok: true, value: 0 });
		const after = opened(await openThroughTeam(s.anne, s.a, s.person.circleId));
		expect(await severities(after)).toEqual([4, 6, 9]);
		after.close();
	});

	it('the team still reads what the person writes after she removes a direct member', async () => {
		const s = await scene(createTeamTestApp(get().handle, Date.now()));
		const daughter = await device(s.app, claire);
		await joinWithCommands(s.person, daughter, [
			{ category: 'symptoms', access: 'read', until: null }
		]);
		const person = commandsFor(s.person);
		const circle = value(await person.loadCircle(s.person.circleId));
		const member = circle.members.find((m) => m.accountId === daughter.accountId);
		if (member === undefined) throw new Error('no daughter');
		const before = await extractableCategoryKey(s.person.vault, 'symptoms');
		value(await person.removeMember(s.person.circleId, member, circle.members));
		const after = await extractableCategoryKey(s.person.vault, 'symptoms');
		expect(after?.keyId).not.toBe(before?.keyId);

		expect((await s.person.vault.commit([symptom(T + 60_000, 9)])).ok).toBe(true);
		await syncOwner(s.person);
		for (const [who, commands] of [
			[s.anne, s.a],
			[s.bruno, s.b]
		] as const) {
			const view = opened(await openThroughTeam(who, commands, s.person.circleId));
			expect(await severities(view)).toEqual([4, 6, 9]);
			expect(view.unreadable()).toBe(0);
			view.close();
		}
	});
});
