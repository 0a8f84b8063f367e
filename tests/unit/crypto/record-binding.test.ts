// What a record's ciphertext is bound to: the additional data is a fixed, canonical encoding (every
// device must build the same bytes), and a sync envelope's version {hlc, deleted} is part of it, so
// a server that replays a body under another timestamp or flips a tombstone is caught.
import { describe, expect, it } from 'vitest';
import { additionalData, open, openRaw, seal } from '$lib/crypto/aead';
import { utf8 } from '$lib/crypto/bytes';
import { generateCategoryKey } from '$lib/crypto/keys';
import { makeCiphertext, type BoundTo } from '$lib/crypto/types';

const HLC = '001750000000000-0000-0123456789abcdef';
const bound: BoundTo = {
	id: 'r1',
	circleId: 'c1',
	category: 'notes',
	keyId: 'k1',
	schemaVersion: 2
};

describe('record binding', () => {
	it('encodes the binding canonically, with the version only when there is one', () => {
		expect(new TextDecoder().decode(additionalData(bound))).toBe('["r1","c1","notes","k1",2]');
		expect(
			new TextDecoder().decode(additionalData({ ...bound, version: { hlc: HLC, deleted: true } }))
		).toBe(`["r1","c1","notes","k1",2,"${HLC}",true]`);
	});

	it('opens an envelope only under the same timestamp and deletion flag', async () => {
		const key = await generateCategoryKey();
		const version = { hlc: HLC, deleted: false };
		const sealed = await seal(key, { ...bound, version }, utf8('Dizzy'));
		expect((await open(key, { ...bound, version }, sealed))?.bytes).toEqual(utf8('Dizzy'));
		expect(
			await open(key, { ...bound, version: { ...version, deleted: true } }, sealed)
		).toBeNull();
		expect(
			await open(
				key,
				{ ...bound, version: { ...version, hlc: HLC.replace('0000-', '0001-') } },
				sealed
			)
		).toBeNull();
		expect(await open(key, bound, sealed)).toBeNull();
	});

	it('refuses an IV of another length without trying', async () => {
		const key = await generateCategoryKey();
		const sealed = await seal(key, bound, utf8('x'));
		const longer = new Uint8Array(16);
		longer.set(sealed.iv);
		expect(
			await openRaw(key, additionalData(bound), makeCiphertext(longer, sealed.data))
		).toBeNull();
		expect(sealed.iv).toHaveLength(12);
		expect(sealed.data).toHaveLength(1 + 16);
	});
});
