// Every error of the decision commands is worded in English and French by `decisionErrorText`, and
// no message key, `undefined` or placeholder reaches the person; "locked" says so, whether the
// command or the vault's commit found it locked.
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionError } from '$lib/commands/decisions';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { aidsLoadErrorText, decisionErrorText } from '$lib/ui/decide/error-text';

const initial = getLocale;
afterEach(() => {
	overwriteGetLocale(initial);
});

const EVERY: readonly DecisionError[] = [
	{ type: 'locked' },
	{ type: 'invalid-draft' },
	{ type: 'sure-incomplete' },
	{ type: 'record', error: { type: 'wrong-aid', expected: 'a', got: 'b' } },
	{ type: 'record', error: { type: 'unknown-option', optionId: 'x' } },
	{ type: 'record', error: { type: 'unknown-slider', sliderId: 'y' } },
	{ type: 'record', error: { type: 'invalid-date', date: '2026-13-40' } },
	{ type: 'commit', error: { type: 'locked' } },
	{ type: 'commit', error: { type: 'conflict', id: 'r', current: null } }
];

describe('decision errors in words', () => {
	it.each(['en', 'fr'] as const)('words every error in %s', (locale) => {
		overwriteGetLocale(() => locale);
		for (const error of EVERY) {
			const text = decisionErrorText(error);
			expect(text.length).toBeGreaterThan(10);
			expect(text).not.toMatch(/decide_|undefined|\{|\}/);
		}
		for (const type of ['offline', 'invalid'] as const) {
			expect(aidsLoadErrorText({ type })).not.toMatch(/decide_|undefined/);
		}
	});

	it('tells a locked vault apart from a failed save and from a changed aid', () => {
		overwriteGetLocale(() => 'en');
		const locked = decisionErrorText({ type: 'locked' });
		expect(locked).toMatch(/locked/i);
		expect(decisionErrorText({ type: 'commit', error: { type: 'locked' } })).toBe(locked);
		const failed = decisionErrorText({ type: 'invalid-draft' });
		expect(failed).not.toBe(locked);
		const changed = decisionErrorText({
			type: 'record',
			error: { type: 'unknown-option', optionId: 'x' }
		});
		expect(changed).toMatch(/changed/);
		expect(decisionErrorText({ type: 'sure-incomplete' })).toMatch(/four questions/);
	});

	it('puts a non-breaking space before the colon in French', () => {
		overwriteGetLocale(() => 'fr');
		expect(decisionErrorText({ type: 'locked' })).toContain('\u202f:');
	});
});
