// Runs axe with the WCAG 2.2 AA rule set on the current page and fails with a readable list.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const found = results.violations.map(
		(violation) =>
			`${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes
				.map((node) => node.target.join(' '))
				.join(', ')}`
	);
	expect(found, `axe violations on ${where}`).toEqual([]);
}
