import { describe, expect, it } from 'vitest';
import { worstOf } from '../../bench/worst-of.ts';

describe('worstOf (the bench reports the worst Lighthouse run)', () => {
	it('keeps the lowest score and the slowest time, with every run beside it', () => {
		const worst = worstOf([
			{ 'welcome.performance': 99, 'welcome.tbtMs': 2 },
			{ 'welcome.performance': 93, 'welcome.tbtMs': 240 },
			{ 'welcome.performance': 97, 'welcome.tbtMs': 60 }
		]);
		expect(worst).toMatchObject({
			runs: 3,
			'welcome.performance': 93,
			'welcome.performance.eachRun': '99 93 97',
			'welcome.tbtMs': 240
		});
	});

	it('says which run lacked a figure instead of hiding it', () => {
		const worst = worstOf([
			{ 'unlock.performance': 96 },
			{ 'unlock.error': 'NO_NAVSTART' },
			{ 'unlock.performance': 98 }
		]);
		expect(worst['unlock.performance']).toBe('96 | - | 98');
		expect(worst['unlock.error']).toBe('- | NO_NAVSTART | -');
	});
});
