// TOTP for the second factor: the RFC 6238 test vectors (SHA-1, 8 digits), acceptance within one
// step of drift and not beyond, replay of a code within its window refused, codes of the wrong
// shape refused, the otpauth URI, and recovery codes (ten, distinct, hashed in a normalised form).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	hashRecoveryCode,
	newRecoveryCodes,
	totpAt,
	totpKeyUri,
	totpStep,
	verifyTotp
} from '../../../server/auth/totp';

/** RFC 6238 Appendix B: the SHA-1 key is the ASCII string "12345678901234567890". */
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const RFC_VECTORS: readonly (readonly [number, string])[] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];

describe('TOTP', () => {
	it('matches the RFC 6238 SHA-1 test vectors', () => {
		for (const [seconds, code] of RFC_VECTORS)
			expect(totpAt(RFC_KEY, seconds * 1000, 8)).toBe(code);
	});

	it('accepts the current step and one step of drift either side, not two', () => {
		const now = 1_765_000_000_000;
		for (const offset of [-1, 0, 1]) {
			const code = totpAt(RFC_KEY, now + offset * 30_000);
			expect(verifyTotp(RFC_KEY, code, now, null)).toEqual({
				ok: true,
				value: { step: totpStep(now) + offset }
			});
		}
		for (const offset of [-2, 2]) {
			const code = totpAt(RFC_KEY, now + offset * 30_000);
			expect(verifyTotp(RFC_KEY, code, now, null)).toEqual({
				ok: false,
				error: { type: 'invalid-code' }
			});
		}
	});

	it('refuses a code replayed within its window, and an older one after a newer was used', () => {
		const now = 1_765_000_000_000;
		const code = totpAt(RFC_KEY, now);
		const first = verifyTotp(RFC_KEY, code, now, null);
		if (!first.ok) throw new Error('first use refused');
		expect(verifyTotp(RFC_KEY, code, now + 10_000, first.value.step)).toEqual({
			ok: false,
			error: { type: 'code-replayed' }
		});
		const previous = totpAt(RFC_KEY, now - 30_000);
		expect(verifyTotp(RFC_KEY, previous, now, first.value.step)).toEqual({
			ok: false,
			error: { type: 'code-replayed' }
		});
		const next = totpAt(RFC_KEY, now + 30_000);
		expect(verifyTotp(RFC_KEY, next, now + 30_000, first.value.step).ok).toBe(true);
	});

	it('refuses codes of the wrong shape', () => {
		for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
			expect(verifyTotp(RFC_KEY, code, 0, null)).toEqual({
				ok: false,
				error: { type: 'invalid-code' }
			});
		}
		const spaced = totpAt(RFC_KEY, 0).replace(/^(\d{3})/u, '$1 ');
		expect(verifyTotp(RFC_KEY, spaced, 0, null).ok).toBe(true);
	});

	it('names issuer, account, period and digits in the otpauth URI', () => {
		const uri = new URL(totpKeyUri('Cercle', 'nurse@example.org', RFC_KEY));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('issuer')).toBe('Cercle');
		expect(uri.searchParams.get('period')).toBe('30');
		expect(uri.searchParams.get('digits')).toBe('6');
		expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
	});

	it('makes ten distinct recovery codes, matched in any case and with or without dashes', () => {
		let n = 0;
		const codes = newRecoveryCodes((length) => {
			n += 1;
			return new Uint8Array(length).map((_, i) => (i * 31 + n * 17) % 256);
		});
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/u);
		const first = codes[0] ?? '';
		expect(hashRecoveryCode(first.toUpperCase().replaceAll('-', ' '))).toBe(
			hashRecoveryCode(first)
		);
		expect(hashRecoveryCode(first)).not.toBe(hashRecoveryCode(codes[1] ?? ''));
		expect(hashRecoveryCode(first)).toMatch(/^[0-9a-f]{64}$/u);
	});

	it('stores a recovery code as the SHA-256 hex of its lowercase form without dashes or spaces', () => {
		// Pinned: hashes already stored must keep matching what people type after an upgrade.
		const expected = createHash('sha256').update('k3q7m2xa9fd4').digest('hex');
		expect(hashRecoveryCode('k3q7-m2xa-9fd4')).toBe(expected);
		expect(hashRecoveryCode(' K3Q7 M2XA--9FD4 ')).toBe(expected);
	});
});
