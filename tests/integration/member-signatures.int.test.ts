// Per-record identity signatures over the real server on SQLite and PostgreSQL (issue 14, trust
// between members). Bruno (a nurse) and Léa (a carer) both write notes in Monique's circle, so both
// hold the notes key. Bruno's own note reaches Monique's device as his, checked against the key she
// pinned for him. Then Bruno's device, holding the category key, writes a note that claims Léa as
// author (signed with his own key) and one that claims her without any signature: the server
// relays both (it cannot read them), and Monique's device shows them as "could not check who
// wrote this", never as Léa's. Léa's own device reads Bruno's note as his through the roster
// Monique signed. When Monique removes Bruno, the new roster commits the statements of his she
// held, so his note still reads as his, on her device and on Léa's.
// Second journey (the three limits closed): Monique's own writes are signed and her roster carries
// the time signing began, so a note with NO author that Bruno's device pushes (unsigned, or signed
// with his key) is not read as hers, on her device nor on Léa's; a claim naming Léa that Bruno
// signs holds nothing on the board; a note Bruno wrote while a member that Monique's device pulls
// only after removing him reads as his, dated by his own clock, not "after leaving".
// Third: an unsigned measurement with no author that Bruno (write on measurements) pushes after
// her marker is not hers on Léa's device, nor on Monique's own once her device has received the
// member list with his write grant (`loadCircle`), and still not after she removes him.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createCircleWriteCommands } from '../../src/lib/commands/circle-writes';
import { sha256Text, signFields } from '../../src/lib/crypto/framed-signature';
import { memberWritesOf } from '../../src/lib/domain/care-team/circle-writes';
import { splitOwnChecked } from '../../src/lib/domain/care-team/own-checked';
import { readShared } from '../../src/lib/domain/care-team/shared-records';
import type { CircleView } from '../../src/lib/domain/circle-view';
import { OWNER_AUTHOR, statementFieldsOf } from '../../src/lib/domain/circle/record-signature';
import { recordsToStates, taskOp } from '../../src/lib/domain/plan/board';
import type { Category } from '../../src/lib/domain/categories';
import { METRIC_UNITS } from '../../src/lib/domain/journal/measurements';
import { createClock } from '../../src/lib/sync/hlc';
import { createHttpTransport } from '../../src/lib/sync/transport-http';
import { checkAuthorsIn } from '../../src/lib/state/record-authors';
import type { StoredRecord } from '../../src/lib/vault/buckets';
import { sealEnvelope } from '../../src/lib/vault/envelope';
import type { MemberCircle } from '../../src/lib/vault/member-circle';
import { extractableCategoryKey, signingIdentity } from '../../src/lib/vault/sharing-keys';
import { createCircleTestApp } from '../fixtures/circle/app';
import {
	commandsFor,
	device,
	joinWithCommands,
	openAsMember,
	syncOwner,
	type Device
} from '../fixtures/circle/devices';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';

const NOTES = { category: 'notes', access: 'write', until: null } as const;

function opened(result: Awaited<ReturnType<typeof openAsMember>>): MemberCircle {
	if (!result.ok) throw new Error(`open failed: ${result.error.type}`);
	return result.value;
}

const ownerView = (owner: Device): CircleView => ({
	circleId: owner.circleId,
	me: owner.accountId,
	ownerId: owner.accountId,
	isOwner: true,
	ownerName: 'you',
	canRead: () => true,
	canWrite: () => true,
	records: owner.vault,
	nameOf: () => null
});

/**
 * Bruno's device, holding the notes key, writes a note claiming `claimed` as author: signed with
 * his own identity key (`signed`), or not at all. The notes key is the one every writer of the
 * category holds (taken here from Monique's vault: it is the same key).
 */
async function forgeNote(
	owner: Device,
	forger: Device,
	claimed: string,
	text: string,
	signed: boolean
): Promise<void> {
	const key = await extractableCategoryKey(owner.vault, 'notes');
	const identity = await signingIdentity(forger.vault);
	if (key === null || identity === null) throw new Error('locked');
	const clock = createClock({ now: () => Date.now(), nodeId: 'f0f0f0f0f0f0f0f0' });
	if (!clock.ok) throw new Error('clock');
	const at = Date.now();
	const record: StoredRecord = {
		id: randomUUID(),
		kind: 'note',
		at,
		hlc: clock.value.tick(),
		deleted: false,
		author: claimed,
		body: { kind: 'note', at, text }
	};
	const fields = await statementFieldsOf(
		{ ...record, author: claimed, circleId: owner.circleId, category: 'notes' },
		sha256Text
	);
	const version = signed
		? { ...record, signature: await signFields(identity.privateKey, fields) }
		: record;
	const envelope = await sealEnvelope(key.key, key.keyId, owner.circleId, 'notes', version);
	const transport = createHttpTransport({ fetch: forger.fetch, deviceId: forger.deviceId });
	const pushed = await transport.push({ circleId: owner.circleId, envelopes: [envelope] });
	if (!pushed.ok) throw new Error(`push: ${pushed.error.type}`);
	// The server relays it: it cannot read who the record claims, nor check a signature inside.
	expect(pushed.value.acks.map((a) => 'seq' in a)).toEqual([true]);
}

/**
 * Bruno's device pushes a version in `category` under the key every writer of it holds: with the
 * given `author` (none: passing itself off as the person's), signed with his key or not at all.
 */
async function forge(
	owner: Device,
	forger: Device,
	input: {
		readonly category: Category & ('notes' | 'plan' | 'measurements');
		readonly kind: string;
		readonly body: { readonly at?: number } & Record<string, unknown>;
		readonly author?: string;
		readonly signed: boolean;
		readonly id?: string;
	}
): Promise<void> {
	const key = await extractableCategoryKey(owner.vault, input.category);
	const identity = await signingIdentity(forger.vault);
	if (key === null || identity === null) throw new Error('locked');
	const clock = createClock({ now: () => Date.now(), nodeId: 'f0f0f0f0f0f0f0f1' });
	if (!clock.ok) throw new Error('clock');
	const at = Date.now();
	const record: StoredRecord = {
		id: input.id ?? randomUUID(),
		kind: input.kind,
		at,
		hlc: clock.value.tick(),
		deleted: false,
		...(input.author === undefined ? {} : { author: input.author }),
		body: input.body
	};
	const fields = await statementFieldsOf(
		{
			...record,
			author: input.author ?? OWNER_AUTHOR,
			circleId: owner.circleId,
			category: input.category
		},
		sha256Text
	);
	const version = input.signed
		? { ...record, signature: await signFields(identity.privateKey, fields) }
		: record;
	const envelope = await sealEnvelope(key.key, key.keyId, owner.circleId, input.category, version);
	const transport = createHttpTransport({ fetch: forger.fetch, deviceId: forger.deviceId });
	const pushed = await transport.push({ circleId: owner.circleId, envelopes: [envelope] });
	if (!pushed.ok) throw new Error(`push: ${pushed.error.type}`);
}

/** What Monique's device shows under "Written by your circle", each writer checked on it. */
async function writesOnOwner(owner: Device) {
	await syncOwner(owner);
	const notes = await owner.vault.query({ category: 'notes', kinds: ['note'] });
	const checked = await checkAuthorsIn(owner.vault, ownerView(owner), notes);
	return memberWritesOf(checked, owner.accountId);
}

forEachDatabase('member record signatures', (get) => {
	it('a note claiming another member is shown as not verified; the real writer is named', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const monique = await device(app, marie);
		const bruno = await device(app, claire);
		const lea = await device(app, claire);
		await syncOwner(monique);
		await joinWithCommands(monique, bruno, [NOTES], 'Bruno');
		await joinWithCommands(monique, lea, [NOTES], 'Léa');

		const view = opened(await openAsMember(bruno, monique));
		const commands = createCircleWriteCommands({
			view: () => view,
			now: () => Date.now(),
			preferences: () => METRIC_UNITS
		});
		expect(await commands.writeCircleNote({ text: 'Pansement refait, RAS.' })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await view.sync()).toMatchObject({ ok: true, value: { pushed: 1, rejected: 0 } });
		await forgeNote(monique, bruno, lea.accountId, 'Léa says: stop the diuretic.', true);
		await forgeNote(monique, bruno, lea.accountId, 'Léa: no visit needed.', false);

		const writes = await writesOnOwner(monique);
		const byText = (text: string) =>
			writes.find((w) => w.type === 'note' && w.text === text)?.writer;
		expect(byText('Pansement refait, RAS.')).toEqual({
			type: 'verified',
			accountId: bruno.accountId
		});
		expect(byText('Léa says: stop the diuretic.')).toEqual({
			type: 'not-verified',
			accountId: lea.accountId,
			reason: 'bad-signature'
		});
		expect(byText('Léa: no visit needed.')).toEqual({
			type: 'not-verified',
			accountId: lea.accountId,
			reason: 'unsigned'
		});

		// Léa's device: Bruno's key reaches her only through the roster Monique signed.
		const leaView = opened(await openAsMember(lea, monique));
		const leaNotes = await leaView.records.query({ category: 'notes', kinds: ['note'] });
		const before = await checkAuthorsIn(lea.vault, leaView, leaNotes);
		expect(memberWritesOf(before, monique.accountId).map((w) => w.writer.type)).not.toContain(
			'verified'
		);
		expect(await commandsFor(lea).refreshRoster(monique.circleId)).toMatchObject({
			type: 'verified'
		});
		const onLea = memberWritesOf(
			await checkAuthorsIn(lea.vault, leaView, leaNotes),
			monique.accountId
		);
		expect(
			onLea.find((w) => w.type === 'note' && w.text === 'Pansement refait, RAS.')?.writer
		).toEqual({ type: 'verified', accountId: bruno.accountId });
		expect(
			onLea.find((w) => w.type === 'note' && w.text === 'Léa says: stop the diuretic.')?.writer
		).toMatchObject({ type: 'not-verified', reason: 'bad-signature' });

		// Monique removes Bruno: the new roster commits the one note of his her device held.
		const person = commandsFor(monique);
		const circle = await person.loadCircle(monique.circleId);
		if (!circle.ok) throw new Error('load');
		const member = circle.value.members.find((m) => m.accountId === bruno.accountId);
		if (member === undefined) throw new Error('no bruno');
		expect((await person.removeMember(monique.circleId, member, circle.value.members)).ok).toBe(
			true
		);
		const after = await commandsFor(lea).refreshRoster(monique.circleId);
		const entry =
			after.type === 'verified'
				? after.roster.members.find((m) => m.accountId === bruno.accountId)
				: undefined;
		expect(entry?.until).not.toBeNull();
		expect(entry?.seen).toHaveLength(1);
		const stillHis = (list: Awaited<ReturnType<typeof writesOnOwner>>) =>
			list.find((w) => w.type === 'note' && w.text === 'Pansement refait, RAS.')?.writer;
		expect(stillHis(await writesOnOwner(monique))).toEqual({
			type: 'verified',
			accountId: bruno.accountId
		});
		expect(
			stillHis(
				memberWritesOf(await checkAuthorsIn(lea.vault, leaView, leaNotes), monique.accountId)
			)
		).toEqual({ type: 'verified', accountId: bruno.accountId });
		view.close();
		leaView.close();
	});
});

const PLAN = { category: 'plan', access: 'write', until: null } as const;

forEachDatabase('own signatures, board claims and late records', (get) => {
	it('an unauthored forgery is not the person’s; a forged claim holds nothing; a late note is his', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const monique = await device(app, marie);
		const bruno = await device(app, claire);
		const lea = await device(app, claire);
		await syncOwner(monique);
		await joinWithCommands(monique, bruno, [NOTES, PLAN], 'Bruno');
		await joinWithCommands(monique, lea, [NOTES, PLAN], 'Léa');

		// Monique writes a note and a task: both signed by her identity key, on her own device.
		const at = Date.now();
		const mine = await monique.vault.commit([
			{
				type: 'put',
				kind: 'note',
				category: 'notes',
				at,
				body: { kind: 'note', at, text: 'Monique: I slept well.' }
			},
			taskOp(
				{
					id: randomUUID(),
					title: 'Pharmacy',
					details: '',
					dueDate: '2026-12-11',
					dueTime: null,
					place: '',
					kind: 'pharmacy',
					recurrence: { freq: 'none' },
					assignee: null,
					createdBy: monique.accountId
				},
				at
			)
		]);
		if (!mine.ok) throw new Error('commit');
		expect(mine.value.every((r) => r.signature !== undefined)).toBe(true);
		const task = mine.value[1];
		if (task === undefined) throw new Error('no task');
		await syncOwner(monique);
		// Her page publishes the roster, with the time her own signatures began.
		const published = await commandsFor(monique).publishRoster(monique.circleId);
		expect(published.ok).toBe(true);

		// Bruno: an unauthored note, unsigned and signed with his own key; a claim naming Léa.
		await forge(monique, bruno, {
			category: 'notes',
			kind: 'note',
			body: { kind: 'note', at, text: 'Monique: stop the diuretic.' },
			signed: false
		});
		await forge(monique, bruno, {
			category: 'notes',
			kind: 'note',
			body: { kind: 'note', at, text: 'Monique: no visit needed.' },
			signed: true
		});
		const forgedClaim = randomUUID();
		await forge(monique, bruno, {
			category: 'plan',
			kind: 'task-event',
			id: forgedClaim,
			author: bruno.accountId,
			body: { type: 'claim', id: forgedClaim, taskId: task.id, hlc: '', actor: lea.accountId },
			signed: true
		});

		const writerOfText = (records: Awaited<ReturnType<typeof checkAuthorsIn>>, text: string) => {
			const r = records.find(
				(x) =>
					typeof x.body === 'object' && x.body !== null && 'text' in x.body && x.body.text === text
			);
			return r === undefined ? 'missing' : (r.authorCheck ?? null);
		};
		// On Monique's device.
		await syncOwner(monique);
		const ownNotes = await checkAuthorsIn(
			monique.vault,
			ownerView(monique),
			await monique.vault.query({ category: 'notes', kinds: ['note'] })
		);
		expect(writerOfText(ownNotes, 'Monique: I slept well.')).toBeNull();
		expect(writerOfText(ownNotes, 'Monique: stop the diuretic.')).toMatchObject({
			type: 'not-verified',
			reason: 'unsigned'
		});
		expect(writerOfText(ownNotes, 'Monique: no visit needed.')).toMatchObject({
			type: 'not-verified',
			reason: 'bad-signature'
		});
		const board = recordsToStates(
			await checkAuthorsIn(
				monique.vault,
				ownerView(monique),
				await monique.vault.query({ category: 'plan', kinds: ['task', 'task-event'] })
			),
			monique.accountId,
			{ checked: true }
		);
		expect(board[0]?.status).toBe('open');
		expect(board[0]?.uncounted?.[0]?.writer).toMatchObject({
			accountId: lea.accountId,
			reason: 'not-the-writer'
		});

		// On Léa's device, with the roster Monique signed (it carries the marker).
		const leaView = opened(await openAsMember(lea, monique));
		const status = await commandsFor(lea).refreshRoster(monique.circleId);
		expect(status.type === 'verified' ? status.roster.ownSignedSince : null).toMatch(/^\d{15}-/);
		const onLea = await checkAuthorsIn(
			lea.vault,
			leaView,
			await leaView.records.query({ category: 'notes', kinds: ['note'] })
		);
		expect(writerOfText(onLea, 'Monique: I slept well.')).toBeNull();
		expect(writerOfText(onLea, 'Monique: stop the diuretic.')).toMatchObject({
			reason: 'unsigned'
		});
		expect(writerOfText(onLea, 'Monique: no visit needed.')).toMatchObject({
			reason: 'bad-signature'
		});

		// Bruno writes a note as a member; Monique's device removes him before pulling it.
		const bView = opened(await openAsMember(bruno, monique));
		const commands = createCircleWriteCommands({
			view: () => bView,
			now: () => Date.now(),
			preferences: () => METRIC_UNITS
		});
		expect((await commands.writeCircleNote({ text: 'Written before I left.' })).ok).toBe(true);
		expect(await bView.sync()).toMatchObject({ ok: true, value: { pushed: 1 } });
		const person = commandsFor(monique);
		const circle = await person.loadCircle(monique.circleId);
		if (!circle.ok) throw new Error('load');
		const member = circle.value.members.find((m) => m.accountId === bruno.accountId);
		if (member === undefined) throw new Error('no bruno');
		expect((await person.removeMember(monique.circleId, member, circle.value.members)).ok).toBe(
			true
		);
		const late = memberWritesOf(await writesOnOwnerRaw(monique), monique.accountId);
		expect(
			late.find((w) => w.type === 'note' && w.text === 'Written before I left.')?.writer
		).toEqual({ type: 'verified', accountId: bruno.accountId, arrivedLate: true });
		leaView.close();
		bView.close();
	});
});

/** Monique's notes after a sync, each writer checked on her device. */
async function writesOnOwnerRaw(owner: Device) {
	await syncOwner(owner);
	const notes = await owner.vault.query({ category: 'notes', kinds: ['note'] });
	return checkAuthorsIn(owner.vault, ownerView(owner), notes);
}

const MEASUREMENTS = { category: 'measurements', access: 'write', until: null } as const;

forEachDatabase('the person’s measurements on a member’s device', (get) => {
	it('an unsigned measurement with no author, after her marker, is not hers on Léa’s device', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const monique = await device(app, marie);
		const bruno = await device(app, claire);
		const lea = await device(app, claire);
		await syncOwner(monique);
		await joinWithCommands(monique, bruno, [MEASUREMENTS], 'Bruno');
		await joinWithCommands(monique, lea, [MEASUREMENTS], 'Léa');
		const at = Date.now();
		const reading = (systolic: number) => ({
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic, diastolic: 80 }
		});
		// Monique's own reading: signed by her device; her roster carries the marker.
		const mine = await monique.vault.commit([
			{ type: 'put', kind: 'measurement', category: 'measurements', at, body: reading(128) }
		]);
		if (!mine.ok) throw new Error('commit');
		await syncOwner(monique);
		expect((await commandsFor(monique).publishRoster(monique.circleId)).ok).toBe(true);
		// Bruno holds the category key: a reading with no author, unsigned, passed off as hers.
		await forge(monique, bruno, {
			category: 'measurements',
			kind: 'measurement',
			body: reading(190),
			signed: false
		});

		const leaView = opened(await openAsMember(lea, monique));
		await commandsFor(lea).refreshRoster(monique.circleId);
		const checked = await checkAuthorsIn(
			lea.vault,
			leaView,
			await leaView.records.query({ category: 'measurements' })
		);
		const data = readShared(checked, monique.accountId);
		expect(data.entries.map((e) => e.id)).toEqual([mine.value[0]?.id]);
		expect(data.unverified.map((u) => u.writer)).toEqual([
			{ type: 'not-verified', accountId: monique.accountId, reason: 'unsigned' }
		]);
		leaView.close();
	});

	it('on her own device too, while Bruno can write measurements, and after he is removed', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const monique = await device(app, marie);
		const bruno = await device(app, claire);
		await syncOwner(monique);
		await joinWithCommands(monique, bruno, [MEASUREMENTS], 'Bruno');
		const at = Date.now();
		const reading = (systolic: number) => ({
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic, diastolic: 80 }
		});
		const mine = await monique.vault.commit([
			{ type: 'put', kind: 'measurement', category: 'measurements', at, body: reading(128) }
		]);
		if (!mine.ok) throw new Error('commit');
		await syncOwner(monique);
		await forge(monique, bruno, {
			category: 'measurements',
			kind: 'measurement',
			body: reading(190),
			signed: false
		});
		await syncOwner(monique);
		const herDevice = async () => {
			const records = await monique.vault.query({ category: 'measurements' });
			const split = splitOwnChecked(
				await checkAuthorsIn(monique.vault, ownerView(monique), records)
			);
			return {
				kept: split.kept.map((r) => r.id),
				unverified: split.unverified.map((u) => [u.kind, u.writer.reason])
			};
		};
		// The member list her device receives (the real server's, with Bruno's write grant).
		const loaded = await commandsFor(monique).loadCircle(monique.circleId);
		if (!loaded.ok) throw new Error('load');
		expect(await herDevice()).toEqual({
			kept: [mine.value[0]?.id],
			unverified: [['measurement', 'unsigned']]
		});

		// Bruno is removed: the list no longer names him, the category stays checked.
		const member = loaded.value.members.find((m) => m.accountId === bruno.accountId);
		if (member === undefined) throw new Error('no Bruno');
		const removed = await commandsFor(monique).removeMember(
			monique.circleId,
			member,
			loaded.value.members
		);
		expect(removed.ok).toBe(true);
		const after = await commandsFor(monique).loadCircle(monique.circleId);
		if (!after.ok) throw new Error('load');
		expect(after.value.members.some((m) => m.accountId === bruno.accountId)).toBe(false);
		expect(await herDevice()).toEqual({
			kept: [mine.value[0]?.id],
			unverified: [['measurement', 'unsigned']]
		});
	});
});
