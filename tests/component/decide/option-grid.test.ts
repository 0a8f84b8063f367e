// The option grid is a real table: one column header per option (plus the question column), one
// row header per question, and the answer of each option in its column.
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import OptionGrid from '$lib/ui/decide/OptionGrid.svelte';
import { makeAid } from './fixtures';

describe('OptionGrid', () => {
	it('has column headers for the options and row headers for the questions', async () => {
		const screen = render(OptionGrid, { aid: makeAid() });
		const table = screen.getByRole('table', { name: 'Questions people ask, for each option' });
		await expect.element(table).toBeVisible();
		const columns = table
			.getByRole('columnheader')
			.elements()
			.map((e) => e.textContent.trim());
		expect(columns).toEqual(['Question', 'Wait and see', 'Try the treatment']);
		const rows = table
			.getByRole('rowheader')
			.elements()
			.map((e) => e.textContent.trim());
		expect(rows).toEqual(['What does it involve?', 'How long does it take?']);
		const firstRow = table.getByRole('row').nth(1).getByRole('cell').elements();
		expect(firstRow.map((e) => e.textContent.trim())).toEqual(['Nothing new.', 'A tablet.']);
	});

	it('scrolls inside a labelled region reachable by keyboard', async () => {
		const screen = render(OptionGrid, { aid: makeAid() });
		const region = screen.getByRole('region', { name: 'Questions people ask, for each option' });
		await expect.element(region).toHaveAttribute('tabindex', '0');
	});
});
