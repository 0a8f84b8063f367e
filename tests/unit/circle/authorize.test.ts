// The one authorization rule, cell by cell: write implies read, expiry is checked against the
// injected now, and granting is the person's alone.
import { describe, expect, it } from 'vitest';
import {
	ACTIONS,
	CARE_ROLES,
	accessSets,
	authorize,
	nextExpiry,
	type Grant
} from '$lib/domain/circle';

const NOW = Date.UTC(2025, 5, 1);
const grant = (access: 'read' | 'write', until: number | null = null): Grant => ({
	category: 'medications',
	access,
	until
});

describe('authorize', () => {
	it('allows exactly the granted cells for every role', () => {
		for (const role of CARE_ROLES) {
			const actor = { kind: 'member', role } as const;
			for (const action of ACTIONS) {
				const read = authorize([grant('read')], actor, 'medications', action, NOW).allowed;
				const write = authorize([grant('write')], actor, 'medications', action, NOW).allowed;
				const none = authorize([], actor, 'medications', action, NOW).allowed;
				const expired = authorize([grant('write', NOW)], actor, 'medications', action, NOW);
				expect([action, read]).toEqual([action, ['read', 'list', 'export'].includes(action)]);
				expect([action, write]).toEqual([action, action !== 'grant']);
				expect(none).toBe(false);
				expect(expired).toEqual({
					allowed: false,
					reason: action === 'grant' ? 'owner-only' : 'expired'
				});
				expect(authorize([grant('write')], actor, 'symptoms', action, NOW).allowed).toBe(false);
			}
		}
	});

	it('lets the owner do everything and never shares settings with members', () => {
		for (const action of ACTIONS) {
			expect(authorize([], { kind: 'owner' }, 'settings', action, NOW).allowed).toBe(true);
		}
		const sets = accessSets([grant('write', NOW + 1)], { kind: 'member', role: 'carer' }, NOW);
		expect([...sets.readable]).toEqual(['medications']);
		expect([...sets.writable]).toEqual(['medications']);
		expect(
			accessSets([grant('write', NOW + 1)], { kind: 'member', role: 'carer' }, NOW + 1).readable
				.size
		).toBe(0);
		expect(nextExpiry([grant('read', NOW + 5), grant('read', null)], NOW)).toBe(NOW + 5);
	});
});
