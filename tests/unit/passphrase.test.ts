// The passphrase rules: length first, no composition rules, common passwords refused whatever
// their case or spacing, and a score that grows with length.
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '$lib/domain/common-passwords';
import {
	MIN_PASSPHRASE_LENGTH,
	assessPassphrase,
	isCommonPassphrase,
	normalizePassphrase
} from '$lib/domain/passphrase';

describe('common password list', () => {
	it('holds about a thousand lowercase entries, English and French', () => {
		expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(1000);
		for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
		for (const word of ['password', 'motdepasse', 'azertyuiop', 'soleil123', '123456']) {
			expect(COMMON_PASSWORDS).toContain(word);
		}
	});

	it('has no duplicates', () => {
		expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
	});
});

describe('assessPassphrase', () => {
	it('refuses an empty passphrase', () => {
		expect(assessPassphrase('')).toMatchObject({ score: 0, reason: 'empty', acceptable: false });
		expect(assessPassphrase('   ')).toMatchObject({ reason: 'empty', acceptable: false });
	});

	it(`needs at least ${MIN_PASSPHRASE_LENGTH} characters`, () => {
		expect(assessPassphrase('horse batt')).toMatchObject({
			reason: 'too-short',
			acceptable: false
		});
		expect(assessPassphrase('bleu vert ro')).toMatchObject({ acceptable: true });
	});

	it('counts characters as a person sees them', () => {
		// 11 letters with accents: still too short even though the UTF-16 length is larger.
		expect(assessPassphrase('e\u0301te\u0301 àçèêëî').reason).toBe('too-short');
		expect(assessPassphrase('🌞🌻🌼🌷🌹🌺🌸🍀🌿🍃🌱🌵').acceptable).toBe(true);
	});

	it('refuses common passwords whatever the case or spaces', () => {
		for (const attempt of [
			'motdepasse123',
			'MotDePasse123',
			'Mot De Passe 123',
			'AZERTYUIOP1234',
			'qwerty uiop 123',
			'passwordpassword',
			'Correct Horse Battery Staple',
			'iloveyouforever'
		]) {
			expect(assessPassphrase(attempt), attempt).toMatchObject({
				score: 0,
				reason: 'common',
				acceptable: false
			});
		}
	});

	it('refuses a common password with decoration at the end', () => {
		expect(isCommonPassphrase('Motdepasse2024!!')).toBe(true);
		expect(isCommonPassphrase('jetaimemonamour...')).toBe(true);
		expect(isCommonPassphrase('jetaimemonamour chez moi')).toBe(false);
	});

	it('refuses trivially repetitive strings', () => {
		expect(assessPassphrase('abababababababab')).toMatchObject({
			reason: 'repetitive',
			acceptable: false
		});
		expect(assessPassphrase('zzzzzzzzzzzzzz').acceptable).toBe(false);
	});

	it('has no composition rules: lowercase words are fine', () => {
		const result = assessPassphrase('tortue lente sous la pluie');
		expect(result.acceptable).toBe(true);
		expect(result.score).toBe(4);
	});

	it('scores grow with length', () => {
		const fair = assessPassphrase('lune chevalx');
		const good = assessPassphrase('lune cheval bleu');
		const strong = assessPassphrase('lune cheval bleu sous la table');
		expect(fair).toMatchObject({ score: 2, reason: 'fair' });
		expect(good).toMatchObject({ score: 3, reason: 'good' });
		expect(strong).toMatchObject({ score: 4, reason: 'strong' });
		expect(strong.bits).toBeGreaterThan(good.bits);
		expect(good.bits).toBeGreaterThan(fair.bits);
	});

	it('normalises case, spaces and Unicode forms', () => {
		expect(normalizePassphrase(' Mot de\tPasse ')).toBe('motdepasse');
		expect(normalizePassphrase('E\u0301TE\u0301')).toBe(normalizePassphrase('ÉTÉ'));
	});
});
