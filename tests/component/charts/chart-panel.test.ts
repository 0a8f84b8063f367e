// The chart panel's text alternatives: a short series has its table in the accessibility tree at
// once; a long one (a year of readings) builds its table when "Show as table" is pressed, with
// every reading, dates and numbers in the person's language. The drawing itself: a line on a
// linear time axis labelled in the person's language, a bar per period.
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import ChartPanel from '$lib/ui/charts/ChartPanel.svelte';
import type { ChartView } from '$lib/ui/charts/views';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1, 9, 0);

function view(count: number): ChartView {
	return {
		name: 'Systolic',
		unit: 'mmHg',
		style: 'line',
		points: Array.from({ length: count }, (_, i) => ({
			at: START + i * DAY,
			value: 120 + (i % 9)
		})),
		target: { low: 100, high: 135 },
		summary: ['Average systolic 124 mmHg over the last 365 days.']
	};
}

/** The canvas of the panel whose id is `id`. */
const canvasOf = (id: string) =>
	document.getElementById(`${id}-title`)?.closest('figure')?.querySelector('canvas') ?? null;

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('chart panel', () => {
	it('keeps a short table in the accessibility tree', async () => {
		render(ChartPanel, { id: 'short', title: 'Systolic', series: view(5) });
		await expect.element(page.getByText('Average systolic 124 mmHg')).toBeVisible();
		await expect.element(page.getByRole('table', { name: 'Systolic' })).toBeInTheDocument();
		expect(document.querySelectorAll('#short-table tbody tr')).toHaveLength(5);
		await expect.element(page.getByRole('rowheader', { name: 'Jan 1, 2025' })).toBeInTheDocument();
	});

	it('builds a long table on request, with every reading', async () => {
		render(ChartPanel, { id: 'long', title: 'Systolic', series: view(365) });
		await expect.element(page.getByText('Average systolic 124 mmHg')).toBeVisible();
		expect(document.querySelectorAll('#long-table table')).toHaveLength(0);
		const toggle = page.getByRole('button', { name: 'Show as table' });
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
		await toggle.click();
		await expect.element(page.getByRole('table', { name: 'Systolic' })).toBeVisible();
		// Counted in the DOM: role queries over hundreds of rows are slow in the test runner.
		expect(document.querySelectorAll('#long-table tbody tr')).toHaveLength(365);
		await expect
			.element(page.getByRole('button', { name: 'Hide the table' }))
			.toHaveAttribute('aria-expanded', 'true');
	});

	it('formats dates and numbers in French', async () => {
		await setLocale('fr', { reload: false });
		render(ChartPanel, {
			id: 'fr',
			title: 'Poids',
			series: { ...view(2), name: 'Poids', unit: 'kg', points: [{ at: START, value: 71.5 }] }
		});
		await expect.element(page.getByRole('rowheader', { name: '1 janv. 2025' })).toBeInTheDocument();
		await expect.element(page.getByRole('cell', { name: '71,5' })).toBeInTheDocument();
	});

	it('draws a year as a thinned line on a time axis with dates as labels', async () => {
		render(ChartPanel, { id: 'drawn', title: 'Systolic', series: view(365) });
		const canvas = canvasOf('drawn');
		expect(canvas).not.toBeNull();
		const chart = await vi.waitFor(() => {
			const found = canvas ? Chart.getChart(canvas) : undefined;
			if (found === undefined) throw new Error('not drawn yet');
			return found;
		});
		expect(chart.scales.x?.type).toBe('linear');
		const [line, low, high] = chart.data.datasets;
		expect(line?.data).toHaveLength(120);
		expect(low?.data).toHaveLength(2);
		expect(high?.data).toHaveLength(2);
		const labels = chart.scales.x?.ticks.map((tick) => tick.label) ?? [];
		expect(labels.length).toBeGreaterThan(1);
		expect(labels.length).toBeLessThanOrEqual(6);
		for (const label of labels) expect(String(label)).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/u);
	});

	it('draws bars with one label per period', async () => {
		render(ChartPanel, {
			id: 'bars',
			title: 'Taken',
			series: { ...view(4), style: 'bar', target: null }
		});
		const canvas = canvasOf('bars');
		const chart = await vi.waitFor(() => {
			const found = canvas ? Chart.getChart(canvas) : undefined;
			if (found === undefined) throw new Error('not drawn yet');
			return found;
		});
		expect(chart.data.labels).toEqual(['Jan 1', 'Jan 2', 'Jan 3', 'Jan 4']);
	});
});
