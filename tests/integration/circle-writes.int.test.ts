// A professional writes where granted (issue 14 §7), end to end over the real server on SQLite and
// PostgreSQL: a nurse with write on measurements and notes sets a target range and writes a note
// through the named commands on her member circle; the person's device pulls both with the nurse's
// account as author (sealed inside the envelope) and names her with its own label; the person
// removes the note (a tombstone that reaches the nurse). A member with read only on those
// categories is refused on her device, and the server refuses a push of hers all the same.
import { IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { createCircleWriteCommands } from '../../src/lib/commands/circle-writes';
import { memberWritesOf } from '../../src/lib/domain/care-team/circle-writes';
import type { CircleView } from '../../src/lib/domain/circle-view';
import { METRIC_UNITS } from '../../src/lib/domain/journal/measurements';
import type { MemberCircle } from '../../src/lib/vault/member-circle';
import { MemberCircleDb, memberDbName } from '../../src/lib/vault/member-db';
import { createCircleTestApp } from '../fixtures/circle/app';
import {
	device,
	joinWithCommands,
	openAsMember,
	syncOwner,
	type Device
} from '../fixtures/circle/devices';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';

const NOW = Date.UTC(2026, 11, 3, 9);

function opened(result: Awaited<ReturnType<typeof openAsMember>>): MemberCircle {
	if (!result.ok) throw new Error(`open failed: ${result.error.type}`);
	return result.value;
}

const commandsOver = (view: CircleView) =>
	createCircleWriteCommands({ view: () => view, now: () => NOW, preferences: () => METRIC_UNITS });

function ownerView(owner: Device): CircleView {
	return {
		circleId: owner.circleId,
		me: owner.accountId,
		ownerId: owner.accountId,
		isOwner: true,
		ownerName: 'you',
		canRead: () => true,
		canWrite: () => true,
		records: owner.vault,
		nameOf: () => null
	};
}

forEachDatabase('circle writes', (get) => {
	it('a nurse’s target and note reach the person with her as author; the person removes the note', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const nurse = await device(app, claire);
		await syncOwner(owner);
		await joinWithCommands(
			owner,
			nurse,
			[
				{ category: 'measurements', access: 'write', until: null },
				{ category: 'notes', access: 'write', until: null }
			],
			'Bruno'
		);
		const view = opened(await openAsMember(nurse, owner));
		const nurseCommands = commandsOver(view);
		expect(
			await nurseCommands.setTargetRange({ metric: 'systolic', low: '110', high: '135', note: '' })
		).toEqual({ ok: true, value: undefined });
		expect(await nurseCommands.writeCircleNote({ text: 'Pansement refait, RAS.' })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await view.sync()).toMatchObject({ ok: true, value: { pushed: 2, rejected: 0 } });

		await syncOwner(owner);
		const [targets, notes] = await Promise.all([
			owner.vault.query({ category: 'measurements', kinds: ['target-range'] }),
			owner.vault.query({ category: 'notes', kinds: ['note'] })
		]);
		const writes = memberWritesOf([...targets, ...notes], owner.accountId);
		expect(writes).toHaveLength(2);
		expect(writes.find((w) => w.type === 'note')).toMatchObject({
			author: nurse.accountId,
			text: 'Pansement refait, RAS.'
		});
		expect(writes.find((w) => w.type === 'target')).toMatchObject({
			author: nurse.accountId,
			target: { metric: 'systolic', low: 110, high: 135, setBy: 'care-team', setByName: 'Bruno' }
		});

		// The person removes the note: a tombstone, which the nurse's device receives.
		const note = writes.find((w) => w.type === 'note');
		if (note === undefined) throw new Error('no note');
		const personCommands = commandsOver(ownerView(owner));
		expect(await personCommands.removeMemberWrite(note)).toEqual({ ok: true, value: undefined });
		await syncOwner(owner);
		expect(await owner.vault.query({ category: 'notes', kinds: ['note'] })).toEqual([]);
		expect((await view.sync()).ok).toBe(true);
		expect(await view.records.query({ category: 'notes' })).toEqual([]);
		expect(await view.records.query({ category: 'measurements' })).toHaveLength(1);
		view.close();
	});

	it('a member who only reads is refused on her device, and by the server when pushed anyway', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const carer = await device(app, claire);
		await syncOwner(owner);
		await joinWithCommands(owner, carer, [
			{ category: 'measurements', access: 'read', until: null },
			{ category: 'notes', access: 'read', until: null }
		]);
		const view = opened(await openAsMember(carer, owner));
		const commands = commandsOver(view);
		expect(
			await commands.setTargetRange({ metric: 'systolic', low: '110', high: '135', note: '' })
		).toEqual({ ok: false, error: { type: 'not-allowed', category: 'measurements' } });
		expect(await commands.writeCircleNote({ text: 'Bonjour' })).toEqual({
			ok: false,
			error: { type: 'not-allowed', category: 'notes' }
		});
		const cache = new MemberCircleDb(memberDbName(owner.circleId), {
			indexedDB: carer.idb,
			IDBKeyRange
		});
		expect(await cache.outbox.count()).toBe(0);
		cache.close();

		// A device that ignores its own check (a view that claims write): the server says no.
		const lying = commandsOver({ ...view, canWrite: () => true });
		const forced = await lying.writeCircleNote({ text: 'Bonjour' });
		// The member circle's own commit refuses a category it may not write, before any push.
		expect(forced).toMatchObject({ ok: false, error: { type: 'commit' } });
		const push = await carer.fetch('/api/sync/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				circleId: owner.circleId,
				deviceId: carer.deviceId,
				envelopes: [
					{
						id: '019a0000-0000-7000-8000-000000000001',
						hlc: `${String(Date.now()).padStart(15, '0')}-0000-0123456789abcdef`,
						category: 'notes',
						keyId: 'k1',
						iv: 'AAAAAAAAAAAAAAAA',
						ciphertext: 'AAAA',
						deleted: false
					}
				]
			})
		});
		expect(push.status).toBe(200);
		expect(await push.json()).toMatchObject({ acks: [{ error: 'forbidden-category' }] });
		await syncOwner(owner);
		expect(await owner.vault.query({ category: 'notes' })).toEqual([]);
		view.close();
	});
});
