// Two commits to the same bucket at once (issue 17, hole 4). Both read the bucket at the same
// revision; the second transaction must see that the first one changed it and retry on fresh data,
// or one record is silently lost.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '../../../src/lib/vault/testing';

const noteOf = (body: unknown): string => z.object({ note: z.string() }).parse(body).note;

describe('concurrent commits', () => {
	it('keeps both records when two commits to one bucket run at once', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const at = Date.now() - 1000;
		const [first, second] = await Promise.all([
			vault.commit([symptomOp(at, 3, 'first')]),
			vault.commit([symptomOp(at, 4, 'second')])
		]);
		expect([first.ok, second.ok]).toEqual([true, true]);
		expect(await vaultTables(vault).buckets.count()).toBe(1);
		const notes = (await vault.query({ category: 'symptoms' })).map((r) => noteOf(r.body));
		expect(notes.sort()).toEqual(['first', 'second']);
		expect(await vaultTables(vault).outbox.count()).toBe(2);
	});
});
