// Every number in an outcome says which group the source counted (for example "people using a
// dummy gel", "knee implants, not people"), so a reader never mistakes a comparison group.
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { OutcomeCell } from '$lib/domain/decisions/aid';
import OutcomeView from '$lib/ui/decide/OutcomeView.svelte';
import { makeAid } from './fixtures';

describe('OutcomeView', () => {
	it('names the group the source counted beside the number', async () => {
		const aid = makeAid();
		const outcome = aid.outcomes[0];
		expect(outcome).toBeDefined();
		if (outcome === undefined) return;
		const wait: OutcomeCell = {
			kind: 'frequency',
			value: 30,
			low: 25,
			high: 35,
			sourceIds: ['src'],
			group: 'people using a dummy gel'
		};
		const screen = render(OutcomeView, {
			aid,
			outcome: { ...outcome, cells: { ...outcome.cells, wait } }
		});
		await expect
			.element(screen.getByText('Counted in the source: people using a dummy gel'))
			.toBeVisible();
	});
});
