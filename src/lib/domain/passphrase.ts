// Passphrase rules for the vault, as a pure function the strength meter and the forms share.
// NIST-style: at least 12 characters, no composition rules, refuse the most common passwords (also
// when only case or spaces differ) and trivially repetitive strings. The score is a length-based
// entropy estimate for the meter; the reason is a key the UI maps to a message in the person's language.
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

export type PassphraseReason =
	'empty' | 'too-short' | 'common' | 'repetitive' | 'fair' | 'good' | 'strong';

export interface PassphraseStrength {
	readonly score: PassphraseScore;
	readonly reason: PassphraseReason;
	/** true when the vault may be created with this passphrase. */
	readonly acceptable: boolean;
	/** Rough entropy estimate in bits (length × log2 of the character pool). */
	readonly bits: number;
}

/** Lowercase, Unicode-normalised, without whitespace: the form used to compare with the list. */
export function normalizePassphrase(passphrase: string): string {
	return passphrase.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map(normalizePassphrase));

export function isCommonPassphrase(passphrase: string): boolean {
	const normalized = normalizePassphrase(passphrase);
	if (COMMON_SET.has(normalized)) return true;
	// "motdepasse!!!" or "Password2024." are the same guess with decoration at the end.
	const undecorated = normalized.replace(/[\d\p{P}\p{S}]+$/u, '');
	return undecorated.length > 0 && undecorated !== normalized && COMMON_SET.has(undecorated);
}

/** Number of characters as the person sees them (an accented letter or an emoji counts once). */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function lengthOf(passphrase: string): number {
	let count = 0;
	for (const _segment of graphemes.segment(passphrase)) count += 1;
	return count;
}

function poolSize(passphrase: string): number {
	let pool = 0;
	if (/[a-z ]/u.test(passphrase)) pool += 27;
	if (/[A-Z]/u.test(passphrase)) pool += 26;
	if (/\d/u.test(passphrase)) pool += 10;
	if (/[^\p{L}\p{N}\s]/u.test(passphrase)) pool += 33;
	if (/[^\p{ASCII}]/u.test(passphrase)) pool += 40;
	return Math.max(pool, 10);
}

function isRepetitive(passphrase: string): boolean {
	return new Set(normalizePassphrase(passphrase)).size <= 3;
}

function scoreForBits(bits: number): PassphraseScore {
	if (bits >= 80) return 4;
	if (bits >= 60) return 3;
	return 2;
}

export function assessPassphrase(passphrase: string): PassphraseStrength {
	const length = lengthOf(passphrase);
	const bits = Math.round(length * Math.log2(poolSize(passphrase)));
	if (passphrase.trim().length === 0)
		return { score: 0, reason: 'empty', acceptable: false, bits: 0 };
	if (isCommonPassphrase(passphrase))
		return { score: 0, reason: 'common', acceptable: false, bits };
	if (length < MIN_PASSPHRASE_LENGTH) {
		return { score: length >= 8 ? 1 : 0, reason: 'too-short', acceptable: false, bits };
	}
	if (isRepetitive(passphrase)) return { score: 0, reason: 'repetitive', acceptable: false, bits };
	const score = scoreForBits(bits);
	const reason: PassphraseReason = score === 4 ? 'strong' : score === 3 ? 'good' : 'fair';
	return { score, reason, acceptable: true, bits };
}
