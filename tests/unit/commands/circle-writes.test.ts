// The commands a member uses to write into the person's circle (issue 14 §7) and the person's
// removal: a bad form or a missing grant is a typed error and commits nothing; a good one is ONE
// commit of a valid record into the view; the author comes from the view's commit, not the form.
import { describe, expect, it } from 'vitest';
import { createCircleWriteCommands } from '$lib/commands/circle-writes';
import type { MemberWrite } from '$lib/domain/care-team/circle-writes';
import type { Category } from '$lib/domain/categories';
import type { CircleView } from '$lib/domain/circle-view';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import type { RecordOp, VaultRecord } from '$lib/domain/records';

const NOW = Date.UTC(2026, 11, 3, 9);

/** A circle view over an array that marks writes with `author` as a member circle does. */
function circle(options: {
	readonly me: string;
	readonly ownerId: string;
	readonly writable: readonly Category[];
	readonly records?: readonly VaultRecord[];
}) {
	let records: VaultRecord[] = [...(options.records ?? [])];
	const commits: (readonly RecordOp[])[] = [];
	const author = options.me === options.ownerId ? undefined : options.me;
	const view: CircleView = {
		circleId: 'c',
		me: options.me,
		ownerId: options.ownerId,
		isOwner: options.me === options.ownerId,
		ownerName: 'Marie',
		canRead: () => true,
		canWrite: (category) => options.writable.includes(category),
		nameOf: (id) => (id === 'bruno' ? 'Bruno' : null),
		records: {
			commit(ops) {
				commits.push(ops);
				for (const op of ops) {
					if (op.type === 'put')
						records.push({
							id: `r${records.length}`,
							circleId: 'c',
							kind: op.kind,
							category: op.category,
							at: op.at,
							hlc: `h${records.length}`,
							deleted: false,
							...(author === undefined ? {} : { author }),
							body: op.body
						});
					if (op.type === 'delete')
						records = records.map((r) => (r.id === op.id ? { ...r, deleted: true } : r));
				}
				return Promise.resolve({ ok: true, value: [] });
			},
			query: () => Promise.resolve(records),
			get: (category, id) =>
				Promise.resolve(records.find((r) => r.category === category && r.id === id) ?? null),
			observe: () => () => undefined
		}
	};
	const commands = createCircleWriteCommands({
		view: () => view,
		now: () => NOW,
		preferences: () => METRIC_UNITS
	});
	return { commands, commits, records: () => records };
}

const goodTarget = { metric: 'systolic', low: '110', high: '135', note: '' };

describe('circle write commands', () => {
	it('writes a target range and a note, one commit each, marked with the writer', async () => {
		const nurse = circle({ me: 'bruno', ownerId: 'marie', writable: ['measurements', 'notes'] });
		expect(await nurse.commands.setTargetRange(goodTarget)).toEqual({ ok: true, value: undefined });
		expect(await nurse.commands.writeCircleNote({ text: 'Pansement refait.' })).toEqual({
			ok: true,
			value: undefined
		});
		expect(nurse.commits).toHaveLength(2);
		expect(nurse.records()).toMatchObject([
			{
				kind: 'target-range',
				category: 'measurements',
				author: 'bruno',
				body: { setBy: 'care-team', setByName: 'Bruno', low: 110, high: 135, at: NOW }
			},
			{ kind: 'note', category: 'notes', author: 'bruno', body: { text: 'Pansement refait.' } }
		]);
	});

	it('refuses without the grant on the category, before parsing, and commits nothing', async () => {
		const reader = circle({ me: 'bruno', ownerId: 'marie', writable: ['notes'] });
		expect(await reader.commands.setTargetRange(goodTarget)).toEqual({
			ok: false,
			error: { type: 'not-allowed', category: 'measurements' }
		});
		const other = circle({ me: 'bruno', ownerId: 'marie', writable: ['measurements'] });
		expect(await other.commands.writeCircleNote({ text: 'x' })).toEqual({
			ok: false,
			error: { type: 'not-allowed', category: 'notes' }
		});
		expect([...reader.commits, ...other.commits]).toEqual([]);
	});

	it('returns the form errors by field and commits nothing', async () => {
		const nurse = circle({ me: 'bruno', ownerId: 'marie', writable: ['measurements', 'notes'] });
		expect(await nurse.commands.setTargetRange({ ...goodTarget, low: '150' })).toEqual({
			ok: false,
			error: { type: 'target-form', errors: { high: { type: 'low-not-below-high' } } }
		});
		expect(await nurse.commands.writeCircleNote({ text: ' ' })).toEqual({
			ok: false,
			error: { type: 'note-form', errors: { text: { type: 'required' } } }
		});
		expect(nurse.commits).toEqual([]);
	});

	it('lets the person remove what a member wrote (a tombstone), and only that', async () => {
		const written: VaultRecord = {
			id: 'n1',
			circleId: 'c',
			kind: 'note',
			category: 'notes',
			at: NOW,
			hlc: 'h-1',
			deleted: false,
			author: 'bruno',
			body: { kind: 'note', at: NOW, text: 'Bonjour' }
		};
		const own: VaultRecord = { ...written, id: 'n2', author: 'marie' };
		const write = (id: string): MemberWrite => ({
			type: 'note',
			id,
			category: 'notes',
			hlc: 'h-1',
			at: NOW,
			author: 'bruno',
			writer: { type: 'verified', accountId: 'bruno' },
			text: 'Bonjour'
		});
		const person = circle({ me: 'marie', ownerId: 'marie', writable: [], records: [written, own] });
		expect(await person.commands.removeMemberWrite(write('n2'))).toEqual({
			ok: false,
			error: { type: 'not-member-write' }
		});
		expect(person.commits).toEqual([]);
		expect(await person.commands.removeMemberWrite(write('n1'))).toEqual({
			ok: true,
			value: undefined
		});
		expect(person.commits).toEqual([
			[{ type: 'delete', id: 'n1', category: 'notes', expectedHlc: 'h-1' }]
		]);
		const nurse = circle({
			me: 'bruno',
			ownerId: 'marie',
			writable: ['notes'],
			records: [written]
		});
		expect(await nurse.commands.removeMemberWrite(write('n1'))).toMatchObject({
			ok: false,
			error: { type: 'not-allowed' }
		});
		expect(nurse.commits).toEqual([]);
	});

	it('lets the person remove a version with no author that her device could not check as hers', async () => {
		const forged: VaultRecord = {
			id: 'n3',
			circleId: 'c',
			kind: 'note',
			category: 'notes',
			at: NOW,
			hlc: 'h-3',
			deleted: false,
			body: { kind: 'note', at: NOW, text: 'Stop the diuretic.' }
		};
		const write = (writer: MemberWrite['writer']): MemberWrite => ({
			type: 'note',
			id: 'n3',
			category: 'notes',
			hlc: 'h-3',
			at: NOW,
			author: 'marie',
			writer,
			text: 'Stop the diuretic.'
		});
		const person = circle({ me: 'marie', ownerId: 'marie', writable: [], records: [forged] });
		expect(
			await person.commands.removeMemberWrite(write({ type: 'verified', accountId: 'marie' }))
		).toEqual({ ok: false, error: { type: 'not-member-write' } });
		expect(
			await person.commands.removeMemberWrite(
				write({ type: 'not-verified', accountId: 'marie', reason: 'unsigned' })
			)
		).toEqual({ ok: true, value: undefined });
		expect(person.commits).toEqual([
			[{ type: 'delete', id: 'n3', category: 'notes', expectedHlc: 'h-3' }]
		]);
	});
});
