// Properties of last-writer-wins merge: order independence, tombstones, concurrent edits.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcToString } from '$lib/sync/hlc';
import { isConcurrent, merge, resolvesConflict, type Versioned } from '$lib/sync/merge';

type Body = { readonly text: string } | null;

const hlcArb = fc
	.record({
		millis: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_050 }),
		counter: fc.integer({ min: 0, max: 3 }),
		node: fc.constantFrom('000000000000000a', '000000000000000b', '000000000000000c')
	})
	.map(hlcToString);

const versionArb: fc.Arbitrary<Versioned<Body>> = fc
	.record({
		hlc: hlcArb,
		base: fc.option(hlcArb, { nil: null }),
		deleted: fc.boolean(),
		text: fc.string({ maxLength: 3 })
	})
	.filter((v) => v.base === null || v.base < v.hlc)
	.map((v) => ({
		id: 'r1',
		hlc: v.hlc,
		base: v.base,
		deleted: v.deleted,
		body: v.deleted ? null : { text: v.text }
	}));

function fold(versions: readonly Versioned<Body>[]): Versioned<Body> | undefined {
	let state: Versioned<Body> | undefined;
	for (const v of versions) state = merge(state, v).winner;
	return state;
}

describe('merge', () => {
	it('picks the same winner in either order, and it is the greatest HLC', () => {
		fc.assert(
			fc.property(versionArb, versionArb, (a, b) => {
				fc.pre(a.hlc !== b.hlc);
				const ab = merge(a, b);
				const ba = merge(b, a);
				expect(ab.winner).toBe(ba.winner);
				expect(ab.winner.hlc).toBe(a.hlc > b.hlc ? a.hlc : b.hlc);
				expect(ab.changed).toBe(ab.winner === b);
				expect(ab.conflict === undefined).toBe(ba.conflict === undefined);
			})
		);
	});

	it('converges whatever the arrival order and duplication', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(versionArb, { selector: (v) => v.hlc, minLength: 1, maxLength: 8 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				(versions, extra) => {
					const shuffled = [...versions].reverse();
					const duplicated = [
						...versions,
						...extra.flatMap((i) => versions.slice(i % versions.length, (i % versions.length) + 1))
					];
					const newest = versions.reduce((m, v) => (v.hlc > m.hlc ? v : m));
					expect(fold(versions)).toBe(newest);
					expect(fold(shuffled)).toBe(newest);
					expect(fold(duplicated)).toBe(newest);
				}
			)
		);
	});

	it('never lets an older edit resurrect a delete', () => {
		fc.assert(
			fc.property(versionArb, versionArb, (a, b) => {
				fc.pre(a.hlc !== b.hlc);
				const [older, newer] = a.hlc < b.hlc ? [a, b] : [b, a];
				const tombstone = { ...newer, deleted: true, body: null };
				const edit = { ...older, deleted: false, body: { text: 'late' } };
				expect(merge(tombstone, edit).winner.deleted).toBe(true);
				expect(merge(edit, tombstone).winner.deleted).toBe(true);
			})
		);
	});

	it('an edit newer than a delete is an explicit undelete', () => {
		const tombstone: Versioned<Body> = {
			id: 'r1',
			hlc: hlcToString({ millis: 10, counter: 0, node: '000000000000000a' }),
			base: null,
			deleted: true,
			body: null
		};
		const restore: Versioned<Body> = {
			id: 'r1',
			hlc: hlcToString({ millis: 11, counter: 0, node: '000000000000000b' }),
			base: tombstone.hlc,
			deleted: false,
			body: { text: 'back' }
		};
		expect(merge(tombstone, restore)).toEqual({ winner: restore, changed: true });
	});

	it('keeps both versions of a concurrent edit, and a later edit on both resolves it', () => {
		const h = (millis: number, node: string) => hlcToString({ millis, counter: 0, node });
		const created: Versioned<Body> = {
			id: 'n',
			hlc: h(1, '000000000000000a'),
			base: null,
			deleted: false,
			body: { text: 'Dizzy' }
		};
		const onPhone = {
			...created,
			hlc: h(2, '000000000000000a'),
			base: created.hlc,
			body: { text: 'Dizzy after lunch' }
		};
		const onLaptop = {
			...created,
			hlc: h(3, '000000000000000b'),
			base: created.hlc,
			body: { text: 'Dizzy, 2 pills' }
		};
		const phoneView = merge(onPhone, onLaptop);
		expect(phoneView).toEqual({
			winner: onLaptop,
			changed: true,
			conflict: { local: onPhone, remote: onLaptop }
		});
		const laptopView = merge(onLaptop, onPhone);
		expect(laptopView).toEqual({
			winner: onLaptop,
			changed: false,
			conflict: { local: onLaptop, remote: onPhone }
		});
		// Sequential edits are not conflicts.
		expect(merge(created, onPhone).conflict).toBeUndefined();
		// Equal bodies are not shown to the person.
		expect(merge(onPhone, onLaptop, { differs: () => false }).conflict).toBeUndefined();
		const chosen = { ...onPhone, hlc: h(4, '000000000000000a'), base: onLaptop.hlc };
		const conflict = phoneView.conflict;
		expect(conflict !== undefined && resolvesConflict(conflict, chosen)).toBe(true);
		expect(isConcurrent(chosen, onLaptop)).toBe(false);
		expect(isConcurrent(chosen, onPhone)).toBe(false);
	});

	it('treats the same version twice as a no-op', () => {
		fc.assert(
			fc.property(versionArb, (v) => {
				expect(merge(v, { ...v })).toEqual({ winner: v, changed: false });
			})
		);
	});
});

describe('merge edge cases', () => {
	const h = (millis: number, node: string) => hlcToString({ millis, counter: 0, node });
	const version = (hlc: string, base: string | null, text: string | null): Versioned<Body> => ({
		id: 'n',
		hlc,
		base,
		deleted: text === null,
		body: text === null ? null : { text }
	});

	it('takes the remote version when the replica has none', () => {
		const remote = version(h(1, '000000000000000a'), null, 'first');
		expect(merge(undefined, remote)).toEqual({ winner: remote, changed: true });
	});

	it('keeps the local object itself when the same version arrives again', () => {
		const local = version(h(1, '000000000000000a'), null, 'same');
		const copy = { ...local };
		expect(merge(local, copy).winner).toBe(local);
	});

	it('refuses to merge versions of two different records', () => {
		const a = version(h(1, '000000000000000a'), null, 'a');
		const b = { ...version(h(2, '000000000000000b'), null, 'b'), id: 'other' };
		expect(() => merge(a, b)).toThrow('merge: versions of different records');
	});

	it('two creations of one record on two devices conflict', () => {
		const phone = version(h(1, '000000000000000a'), null, 'from the phone');
		const laptop = version(h(2, '000000000000000b'), null, 'from the laptop');
		expect(merge(phone, laptop)).toEqual({
			winner: laptop,
			changed: true,
			conflict: { local: phone, remote: laptop }
		});
	});

	it('a delete concurrent with an edit is decided by the clock alone, without a conflict', () => {
		const created = version(h(1, '000000000000000a'), null, 'Dizzy');
		const edit = version(h(2, '000000000000000a'), created.hlc, 'Dizzy after lunch');
		const deleted = version(h(3, '000000000000000b'), created.hlc, null);
		expect(merge(edit, deleted)).toEqual({ winner: deleted, changed: true });
		expect(merge(deleted, edit)).toEqual({ winner: deleted, changed: false });
		const laterEdit = version(h(4, '000000000000000a'), created.hlc, 'still dizzy');
		expect(merge(deleted, laterEdit)).toEqual({ winner: laterEdit, changed: true });
	});

	it('isConcurrent is false for one version with itself and for two different records', () => {
		const a = version(h(1, '000000000000000a'), null, 'a');
		const b = version(h(2, '000000000000000b'), null, 'b');
		expect(isConcurrent(a, b)).toBe(true);
		expect(isConcurrent(a, { ...a })).toBe(false);
		expect(isConcurrent(a, { ...b, id: 'other' })).toBe(false);
	});

	it('an edit made on only one side of a conflict does not resolve it', () => {
		const created = version(h(1, '000000000000000a'), null, 'x');
		const phone = version(h(2, '000000000000000a'), created.hlc, 'phone');
		const laptop = version(h(3, '000000000000000b'), created.hlc, 'laptop');
		const onPhoneOnly = version(h(4, '000000000000000a'), phone.hlc, 'phone again');
		const onLaptop = version(h(5, '000000000000000b'), laptop.hlc, 'laptop again');
		const conflict = { local: phone, remote: laptop };
		expect(resolvesConflict(conflict, onPhoneOnly)).toBe(false);
		expect(resolvesConflict(conflict, onLaptop)).toBe(true);
		const fresh = version(h(6, '000000000000000c'), null, 'new');
		expect(resolvesConflict(conflict, fresh)).toBe(false);
	});
});
