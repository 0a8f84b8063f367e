// The server's reading of grant rows and its check of what a person uploads when granting: a
// stored row that no longer parses is dropped (never widened), a grant already over is refused,
// and a key wrap for a category the grant does not cover is refused.
import { describe, expect, it } from 'vitest';
import { grantsAreValid, grantsFromRows } from '../../../server/circle/common';

const NOW = Date.UTC(2025, 5, 1);

describe('grant rows', () => {
	it('reads the rows that parse and drops the others', () => {
		expect(
			grantsFromRows([
				{ category: 'notes', access: 'read', until: null },
				{ category: 'settings', access: 'write', until: null },
				{ category: 'plan', access: 'admin', until: null },
				{ category: 'goals', access: 'write', until: NOW }
			])
		).toEqual([
			{ category: 'notes', access: 'read', until: null },
			{ category: 'goals', access: 'write', until: NOW }
		]);
	});
});

describe('grantsAreValid', () => {
	const notes = { category: 'notes', access: 'read', until: null } as const;

	it('accepts open-ended and future grants with wraps for granted categories only', () => {
		expect(
			grantsAreValid(
				[notes, { ...notes, category: 'plan', until: NOW + 1 }],
				[{ category: 'plan' }],
				NOW
			)
		).toBe(true);
		expect(grantsAreValid([], [], NOW)).toBe(true);
	});

	it('refuses a grant that ends now or earlier', () => {
		expect(grantsAreValid([{ ...notes, until: NOW }], [], NOW)).toBe(false);
		expect(grantsAreValid([notes, { ...notes, category: 'plan', until: NOW - 1 }], [], NOW)).toBe(
			false
		);
	});

	it('refuses a wrap for a category not granted', () => {
		expect(grantsAreValid([notes], [{ category: 'notes' }, { category: 'symptoms' }], NOW)).toBe(
			false
		);
	});
});
