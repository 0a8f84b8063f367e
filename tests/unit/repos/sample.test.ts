import { describe, expect, it } from 'vitest';
import { JOURNAL_KINDS, parseJournalBody } from '$lib/domain/journal/records';
import { uuidv7Time } from '$lib/domain/ids';
import { createJournalRepo } from '$lib/vault/repos/journal';
import { buildSamplePerson, fillSamplePerson } from '$lib/commands/journal-sample';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2025, 5, 1, 12, 0);

describe('sample person in the vault', () => {
	it('is the domain’s Monique, with vault ids carrying each record’s own time', () => {
		const built = buildSamplePerson({ now: NOW, locale: 'en', timeZone: 'Europe/Paris' });
		expect(built.length).toBeGreaterThan(500);
		for (const entry of built) {
			expect(parseJournalBody(entry.body).ok).toBe(true);
			expect(entry.at).toBeLessThanOrEqual(NOW);
			expect(uuidv7Time(entry.id)).toBe(entry.at);
		}
	});

	it('fills a vault in batches that the repository reads back whole', async () => {
		const vault = makeVault({ now: () => NOW });
		await vault.create(PASSPHRASE);
		const commits: number[] = [];
		const counting = {
			commit: (...args: Parameters<typeof vault.commit>) => {
				commits.push(args[0].length);
				return vault.commit(...args);
			}
		};
		const written = await fillSamplePerson(counting, {
			now: NOW,
			locale: 'en',
			timeZone: 'Europe/Paris'
		});
		expect(Math.max(...commits)).toBeLessThanOrEqual(1000);
		const repo = createJournalRepo({ store: () => vault, now: () => NOW });
		const goals = await repo.list({ kinds: ['goal'] });
		expect(goals.some((g) => g.body.kind === 'goal' && /market/iu.test(g.body.text))).toBe(true);
		const all = await repo.list({ kinds: [...JOURNAL_KINDS] });
		expect(all).toHaveLength(written);
	});
});
