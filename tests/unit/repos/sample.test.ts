import { describe, expect, it } from 'vitest';
import { parseJournalBody } from '$lib/domain/journal/records';
import { uuidv7Time } from '$lib/vault/ids';
import { createJournalRepo } from '$lib/vault/repos/journal';
import { buildSamplePerson, fillSamplePerson } from '$lib/state/journal-sample';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2025, 5, 1, 12, 0);

describe('sample person', () => {
	it('builds only valid bodies, in the past, with ids carrying their own time', () => {
		const built = buildSamplePerson(NOW, 'Europe/Paris');
		expect(built.length).toBeGreaterThan(500);
		for (const { id, body } of built) {
			expect(parseJournalBody(body).ok).toBe(true);
			expect(body.at).toBeLessThanOrEqual(NOW);
			expect(uuidv7Time(id)).toBe(body.at);
		}
	});

	it('fills a vault that the repository reads back', async () => {
		const vault = makeVault({ now: () => NOW });
		await vault.create(PASSPHRASE);
		const written = await fillSamplePerson(vault, NOW, 'Europe/Paris');
		const repo = createJournalRepo({ store: () => vault, now: () => NOW });
		const goals = await repo.list({ kinds: ['goal'] });
		expect(goals.map((g) => g.body.kind === 'goal' && g.body.text)).toContain(
			'Walk to the market with my granddaughter every Saturday'
		);
		const all = await repo.list({
			kinds: [
				'symptom',
				'measurement',
				'medication',
				'dose',
				'goal',
				'goal-checkin',
				'target-range'
			]
		});
		expect(all).toHaveLength(written);
	});
});
