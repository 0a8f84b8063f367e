// What checking her own versions costs on the person's device (issue 14; `record-authors.ts`
// `writableByOthers`): 1,000 of her blood pressures, each signed by her real identity key, in a
// category a member can write, against the path her charts take when nobody else can (no check).
// No timing here (performance belongs in `npm run bench`): what is asserted is that every reading
// is verified as hers the first time and again, and that nothing runs when nobody else writes.
import { describe, expect, it } from 'vitest';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { checkAuthorsIn } from '../../../src/lib/state/record-authors';
import { noteWriters } from '../../../src/lib/vault/circle-writers';
import { toJournalRecord } from '../../../src/lib/vault/repos/journal';
import { signingIdentity } from '../../../src/lib/vault/sharing-keys';

const N = 1000;

describe('checking 1,000 of her signed readings', () => {
	it('checks each (one verification the first time), then answers from the verdicts; nothing when nobody else writes', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await signingIdentity(vault);
		const start = Date.now() - N * 60_000;
		const ops = Array.from({ length: N }, (_, i) => {
			const at = start + i * 60_000;
			return {
				type: 'put' as const,
				kind: 'measurement',
				category: 'measurements' as const,
				at,
				body: {
					kind: 'measurement',
					at,
					measurement: { type: 'blood-pressure', systolic: 120 + (i % 20), diastolic: 80 }
				}
			};
		});
		expect((await vault.commit(ops)).ok).toBe(true);
		const circleId = (await vault.header())?.circleId ?? '';
		const view = { circleId, isOwner: true, me: 'acc-monique', ownerId: 'acc-monique' };

		const rows = await vault.query({ category: 'measurements', kinds: ['measurement'] });
		const records = rows.flatMap((r) => {
			const record = toJournalRecord(r);
			return record === null ? [] : [record];
		});
		expect(records).toHaveLength(N);
		expect(records.every((r) => r.signature !== undefined)).toBe(true);

		// Nobody else can write measurements: the path her charts took before (no check).
		const unchecked = await checkAuthorsIn(vault, view, records);
		expect(unchecked).toBe(records);

		await noteWriters(vault, circleId, [
			{
				accountId: 'acc-bruno',
				role: 'carer',
				grants: [{ category: 'measurements', access: 'write' }]
			}
		]);
		const cold = await checkAuthorsIn(vault, view, records);
		const warm = await checkAuthorsIn(vault, view, records);
		for (const checked of [cold, warm]) {
			// Checked (the field is set) and hers (null: no failure).
			expect(checked.filter((r) => r.authorCheck === null)).toHaveLength(N);
		}
	}, 120_000);
});
