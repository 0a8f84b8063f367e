// The circle's grant rules beyond the authorization table: what a grant list may hold, when a grant
// ends, what each actor reads and writes, the next moment a list changes by itself, and the role
// presets and join-link hints built on them.
import { describe, expect, it } from 'vitest';
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import {
	accessSets,
	authorize,
	careRoleSchema,
	grantListSchema,
	grantSchema,
	isGrantActive,
	memberLabelSchema,
	nextExpiry,
	type Grant
} from '$lib/domain/circle';
import { joinLink, parseJoinFragment } from '$lib/domain/circle/join-link';
import { presetGrants } from '$lib/domain/circle/presets';

const NOW = Date.UTC(2025, 5, 1);
const carer = { kind: 'member', role: 'carer' } as const;
const g = (
	category: Grant['category'],
	access: Grant['access'],
	until: number | null = null
): Grant => ({
	category,
	access,
	until
});

describe('grant lists', () => {
	it('keeps one grant per category, the later one', () => {
		expect(
			grantListSchema.parse([g('notes', 'read'), g('plan', 'write'), g('notes', 'write', NOW)])
		).toEqual([g('notes', 'write', NOW), g('plan', 'write')]);
	});

	it('refuses more than two grants per shareable category, settings, and a non-positive end', () => {
		const max = SHAREABLE_CATEGORIES.length * 2;
		expect(
			grantListSchema.safeParse(Array.from({ length: max }, () => g('notes', 'read'))).success
		).toBe(true);
		expect(
			grantListSchema.safeParse(Array.from({ length: max + 1 }, () => g('notes', 'read'))).success
		).toBe(false);
		expect(
			grantSchema.safeParse({ category: 'settings', access: 'read', until: null }).success
		).toBe(false);
		expect(grantSchema.safeParse(g('notes', 'read', 0)).success).toBe(false);
		expect(grantSchema.safeParse(g('notes', 'read', 1.5)).success).toBe(false);
		expect(grantSchema.safeParse(g('notes', 'read', 1)).success).toBe(true);
	});

	it('takes a member label of 1 to 80 characters after trimming, and only known roles', () => {
		expect(memberLabelSchema.parse('  Claire  ')).toBe('Claire');
		expect(memberLabelSchema.safeParse('   ').success).toBe(false);
		expect(memberLabelSchema.safeParse('x'.repeat(80)).success).toBe(true);
		expect(memberLabelSchema.safeParse('x'.repeat(81)).success).toBe(false);
		expect(careRoleSchema.safeParse('admin').success).toBe(false);
	});
});

describe('grant time', () => {
	it('a grant applies until the millisecond before its end', () => {
		expect(isGrantActive(g('notes', 'read', NOW + 1), NOW)).toBe(true);
		expect(isGrantActive(g('notes', 'read', NOW), NOW)).toBe(false);
		expect(isGrantActive(g('notes', 'read'), Number.MAX_SAFE_INTEGER)).toBe(true);
	});

	it('the next expiry is the earliest end still to come, or null', () => {
		expect(nextExpiry([], NOW)).toBeNull();
		expect(nextExpiry([g('notes', 'read')], NOW)).toBeNull();
		expect(nextExpiry([g('notes', 'read', NOW)], NOW)).toBeNull();
		expect(nextExpiry([g('notes', 'read', NOW - 5), g('plan', 'read', NOW + 9)], NOW)).toBe(
			NOW + 9
		);
		expect(
			nextExpiry(
				[g('notes', 'read', NOW + 9), g('plan', 'read', NOW + 3), g('goals', 'read', NOW + 6)],
				NOW
			)
		).toBe(NOW + 3);
	});
});

describe('access sets', () => {
	it('a read grant is readable only, a write grant both, an ended grant neither', () => {
		const sets = accessSets(
			[g('notes', 'read'), g('plan', 'write'), g('goals', 'write', NOW)],
			carer,
			NOW
		);
		expect([...sets.readable].sort()).toEqual(['notes', 'plan']);
		expect([...sets.writable]).toEqual(['plan']);
	});

	it('the owner reads and writes every category, settings included', () => {
		const sets = accessSets([], { kind: 'owner' }, NOW);
		const all = [...SHAREABLE_CATEGORIES, 'settings'].sort();
		expect([...sets.readable].sort()).toEqual(all);
		expect([...sets.writable].sort()).toEqual(all);
	});

	it('says why a member is refused', () => {
		expect(authorize([g('notes', 'read')], carer, 'notes', 'delete', NOW)).toEqual({
			allowed: false,
			reason: 'read-only'
		});
		expect(authorize([g('notes', 'write')], carer, 'settings', 'read', NOW)).toEqual({
			allowed: false,
			reason: 'category-not-shareable'
		});
		expect(authorize([g('notes', 'write')], carer, 'plan', 'read', NOW)).toEqual({
			allowed: false,
			reason: 'not-granted'
		});
		expect(authorize([g('notes', 'write')], carer, 'notes', 'grant', NOW)).toEqual({
			allowed: false,
			reason: 'owner-only'
		});
	});
});

describe('role presets', () => {
	const of = (role: Parameters<typeof presetGrants>[0]) =>
		Object.fromEntries(presetGrants(role, SHAREABLE_CATEGORIES).map((x) => [x.category, x.access]));

	it('proposes exactly these grants per role', () => {
		expect(of('nurse')).toEqual({
			symptoms: 'read',
			measurements: 'write',
			medications: 'read',
			plan: 'write',
			notes: 'read'
		});
		expect(of('doctor')).toEqual({
			symptoms: 'read',
			measurements: 'read',
			medications: 'read',
			goals: 'read',
			plan: 'read',
			decisions: 'read',
			surveys: 'read'
		});
		expect(of('coordinator')).toEqual({ medications: 'read', goals: 'read', plan: 'write' });
	});

	it('follows the order it is given and leaves out categories not in it', () => {
		expect(presetGrants('carer', ['plan', 'symptoms', 'notes'])).toEqual([
			g('plan', 'write'),
			g('symptoms', 'read')
		]);
	});
});

describe('join-link hints', () => {
	const base = 'https://cercle.example/join#SECRET';

	it('writes only the hints it has, trims and shortens the name', () => {
		expect(joinLink(base, { from: '', role: 'nurse', grants: [] })).toBe(`${base}&role=nurse`);
		expect(joinLink(base, { from: `  ${'y'.repeat(50)}`, role: null, grants: [] })).toBe(
			`${base}&from=${'y'.repeat(40)}`
		);
		expect(joinLink(base, { from: ' Odette ', role: null, grants: [g('notes', 'read')] })).toBe(
			`${base}&from=Odette&see=notes.read`
		);
	});

	it('reads a fragment with or without its #, and a bare secret', () => {
		expect(parseJoinFragment('SECRET&role=doctor').hints.role).toBe('doctor');
		expect(parseJoinFragment('#SECRET&role=doctor')).toEqual({
			secret: 'SECRET',
			hints: { from: '', role: 'doctor', grants: [] }
		});
		expect(parseJoinFragment('SECRET')).toEqual({
			secret: 'SECRET',
			hints: { from: '', role: null, grants: [] }
		});
		expect(parseJoinFragment('#SECRET&from=%20%20Odette%20%20').hints.from).toBe('Odette');
	});

	it('never reads the secret itself as a hint', () => {
		expect(parseJoinFragment('#from=Eve').hints.from).toBe('');
		expect(parseJoinFragment('#role=doctor&from=Odette').hints).toEqual({
			from: 'Odette',
			role: null,
			grants: []
		});
	});

	it('keeps one grant per category in a hint, the later one, and drops junk', () => {
		expect(
			parseJoinFragment('#S&see=notes.read,plan.write,notes.write,.,plan').hints.grants
		).toEqual([g('notes', 'write'), g('plan', 'write')]);
	});
});
