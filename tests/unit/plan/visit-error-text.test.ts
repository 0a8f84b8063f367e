// The visit summary's refusals in words (ui/people/visit-error-text.ts): every issue the domain
// reports is worded in English and French, never as a message key, and each kind says its own
// thing (an empty question is not "too long"; a bad date is neither).
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveVisitError } from '$lib/commands/visit-summary';
import type { VisitSummaryIssue } from '$lib/domain/plan/visit-summary';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { visitErrorText, visitIssueText } from '$lib/ui/people/visit-error-text';

const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

const ISSUES: readonly VisitSummaryIssue[] = [
	{ type: 'question-empty' },
	{ type: 'too-long', max: 200 },
	{ type: 'invalid' }
];

const ERRORS: readonly SaveVisitError[] = [
	{ type: 'locked' },
	{ type: 'commit', error: { type: 'locked' } },
	{ type: 'invalid', issues: ISSUES }
];

describe('visit summary errors in words', () => {
	it.each(['en', 'fr'] as const)('words every error in %s', (locale) => {
		overwriteGetLocale(() => locale);
		for (const error of ERRORS) {
			const text = visitErrorText(error);
			expect(text.length).toBeGreaterThan(10);
			expect(text).not.toMatch(/people_|undefined|\{|\}/);
		}
		const words = ISSUES.map(visitIssueText);
		expect(new Set(words).size).toBe(ISSUES.length);
	});

	it('says each refused field in turn, in the order the schema found them', () => {
		overwriteGetLocale(() => 'en');
		expect(
			visitErrorText({
				type: 'invalid',
				issues: [{ type: 'question-empty' }, { type: 'too-long', max: 500 }]
			})
		).toBe('A question cannot be empty. This text is too long.');
		expect(visitErrorText({ type: 'locked' })).toBe(
			visitErrorText({ type: 'commit', error: { type: 'locked' } })
		);
	});
});
