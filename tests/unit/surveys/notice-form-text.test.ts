// A "you said, we did" notice that does not parse is worded once (ui/surveys/write-error-text.ts
// `noticeFormText`) for an account's campaign and a team's alike: each problem in the person's
// language, in the order found, with no message key or `undefined` left in the words.
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import type { SurveyCommandError } from '$lib/commands/surveys';
import type { TeamSurveyError } from '$lib/commands/team-surveys';
import { noticeFormText, surveyWriteErrorText } from '$lib/ui/surveys/write-error-text';
import { surveyCommandErrorText } from '$lib/ui/teams/survey-text';

const LEAK = /surveys3?_|undefined|\{|\}/;
const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

describe('noticeFormText', () => {
	for (const locale of ['en', 'fr'] as const) {
		it(`words each problem of a notice in ${locale}, in order`, () => {
			overwriteGetLocale(() => locale);
			const en = noticeFormText(['en-missing']);
			const fr = noticeFormText(['fr-missing']);
			const long = noticeFormText(['too-long']);
			expect(new Set([en, fr, long]).size).toBe(3);
			for (const text of [en, fr, long]) {
				expect(text.length).toBeGreaterThan(5);
				expect(text).not.toMatch(LEAK);
			}
			expect(noticeFormText(['en-missing', 'too-long'])).toBe(`${en} ${long}`);
		});
	}

	it('says the same for a team notice as for an account notice', () => {
		overwriteGetLocale(() => 'fr');
		const errors = ['fr-missing', 'too-long'] as const;
		const team: SurveyCommandError<TeamSurveyError> = { type: 'notice-form', errors };
		expect(surveyCommandErrorText(team)).toBe(noticeFormText(errors));
		expect(surveyWriteErrorText({ type: 'notice-form', errors }, 'notice')).toBe(
			noticeFormText(errors)
		);
	});
});
