// The decision summary's two additions (issue 11, item 16): "ready" with no choice is recognised,
// and the person's name prints as she chooses (her name, or her initials only).
import { describe, expect, it } from 'vitest';
import { isReadyButUndecided, printedName } from '$lib/domain/decisions/summary-checks';

const sure = (score: number) => ({
	answers: { sure: true, understand: true, risks: true, encouragement: true },
	score,
	needsDiscussion: score < 4,
	openItems: []
});

describe('isReadyButUndecided', () => {
	it('is true for SURE 4 of 4 with "not decided yet", false otherwise', () => {
		expect(isReadyButUndecided({ choice: { kind: 'undecided' }, sure: sure(4) })).toBe(true);
		expect(isReadyButUndecided({ choice: { kind: 'undecided' }, sure: sure(3) })).toBe(false);
		expect(
			isReadyButUndecided({
				choice: { kind: 'option', optionId: 'statin', label: 'Take a statin' },
				sure: sure(4)
			})
		).toBe(false);
	});
});

describe('printedName', () => {
	it('prints the name as typed, or only the initials', () => {
		expect(printedName('  Monique   Durand ', 'name')).toBe('Monique Durand');
		expect(printedName('Monique Durand', 'initials')).toBe('M. D.');
		expect(printedName('jean-pierre martin', 'initials')).toBe('J.-P. M.');
		expect(printedName('', 'initials')).toBe('');
	});
});
