// Concurrent commits under random interleavings (issue 17, hole 4): whatever order a handful of
// commits start in and however their reads, encryption and transactions interleave, every record
// of every commit is in the vault exactly once, with its own body, and each commit left one outbox
// row. The start of each commit is delayed by a random number of task and microtask turns, so the
// revision check between reading a bucket and writing it is exercised in many orders.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { RecordOp } from '$lib/domain/records';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const bodySchema = z.object({ note: z.string() });

const turns = (n: number, macro: boolean): Promise<void> =>
	n === 0
		? Promise.resolve()
		: new Promise<void>((resolve) => {
				if (macro) setTimeout(resolve, 0);
				else queueMicrotask(resolve);
			}).then(() => turns(n - 1, macro));

const commitArb = fc.record({
	delay: fc.nat({ max: 6 }),
	macro: fc.boolean(),
	categories: fc.array(fc.constantFrom('symptoms' as const, 'notes' as const), {
		minLength: 1,
		maxLength: 3
	})
});

describe('concurrent commits', () => {
	it('lose no record whatever the interleaving', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(commitArb, { minLength: 2, maxLength: 5 }), async (commits) => {
				run++;
				const outboxBefore = await vaultTables(vault).outbox.count();
				const at = Date.now() - 1000;
				const planned = commits.map((c, i) =>
					c.categories.map((category, j): RecordOp => ({
						type: 'put',
						kind: category === 'notes' ? 'note' : 'symptom',
						category,
						at,
						body: { note: `run ${run} commit ${i} op ${j}` }
					}))
				);
				const results = await Promise.all(
					commits.map(async (c, i) => {
						await turns(c.delay, c.macro);
						return vault.commit(planned[i] ?? []);
					})
				);
				expect(results.every((r) => r.ok)).toBe(true);
				const stored = [
					...(await vault.query({ category: 'symptoms' })),
					...(await vault.query({ category: 'notes' }))
				]
					.map((r) => bodySchema.parse(r.body).note)
					.filter((note) => note.startsWith(`run ${run} `));
				const expected = commits.flatMap((c, i) =>
					c.categories.map((_, j) => `run ${run} commit ${i} op ${j}`)
				);
				expect(stored.sort()).toEqual(expected.sort());
				expect(await vaultTables(vault).outbox.count()).toBe(outboxBefore + commits.length);
			}),
			{ numRuns: 15 }
		);
	});
});
