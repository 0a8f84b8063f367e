// Grant presets by care role (issue 11 §5) and the sentence saying what they share, in English and
// French, with the count in the right plural form (1 category / 2 categories; 1 catégorie).
import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import { CARE_ROLES } from '$lib/domain/circle';
import { presetGrants } from '$lib/domain/circle/presets';
import { presetSentence } from '$lib/ui/circle/preset-text';

const NNBSP = '\u202f';

describe('grant presets', () => {
	it('proposes what each role needs, never settings, writing only where the role acts', () => {
		const of = (role: (typeof CARE_ROLES)[number]) =>
			Object.fromEntries(
				presetGrants(role, SHAREABLE_CATEGORIES).map((g) => [g.category, g.access])
			);
		expect(of('carer')).toEqual({
			symptoms: 'read',
			measurements: 'read',
			medications: 'read',
			goals: 'read',
			plan: 'write'
		});
		expect(of('nurse')).toMatchObject({
			measurements: 'write',
			medications: 'read',
			plan: 'write'
		});
		expect(Object.values(of('doctor')).every((a) => a === 'read')).toBe(true);
		expect(of('pharmacist')).toEqual({ medications: 'read', measurements: 'read' });
		expect(of('social-worker')).toEqual({ goals: 'read', plan: 'write' });
		expect(of('social-worker')).not.toHaveProperty('symptoms');
		expect(of('other')).toEqual({});
		for (const role of CARE_ROLES) {
			for (const g of presetGrants(role, SHAREABLE_CATEGORIES)) expect(g.until).toBeNull();
		}
	});

	it('says what a preset shares, with the right plural, in English', () => {
		overwriteGetLocale(() => 'en');
		expect(presetSentence('pharmacist', presetGrants('pharmacist', SHAREABLE_CATEGORIES))).toBe(
			'Preset for “pharmacist”: shares 2 categories, Measurements (read), Medicines (read). You can change each one below.'
		);
		expect(presetSentence('carer', [{ category: 'plan', access: 'write', until: null }])).toBe(
			'Preset for “carer”: shares 1 category, Plan & tasks (read and write). You can change it below.'
		);
		expect(presetSentence('other', [])).toMatch(/shares nothing yet/u);
	});

	it('says it in French, with French plurals and narrow no-break spaces', () => {
		overwriteGetLocale(() => 'fr');
		const one = presetSentence('social-worker', [
			{ category: 'goals', access: 'read', until: null }
		]);
		expect(one).toContain('partage 1 catégorie,');
		expect(one).toContain(`«${NNBSP}`);
		expect(one).toContain(`${NNBSP}:`);
		const two = presetSentence(
			'social-worker',
			presetGrants('social-worker', SHAREABLE_CATEGORIES)
		);
		expect(two).toContain('partage 2 catégories,');
		expect(two).not.toMatch(/\(s\)/u);
	});
});
