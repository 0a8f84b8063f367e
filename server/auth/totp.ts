// Second factor for sign-in (issue 14 §2): TOTP (RFC 6238, HMAC-SHA-1, 30-second steps, 6 digits)
// on @oslojs/otp's HOTP, and one-time recovery codes. Time is injected, so a code is checked at a
// given instant, not at the machine's clock.
// Invariants: a code is accepted for the current step or one step either side (clock drift), and
// never for a step at or before the last step already used (a code replayed within its window is
// refused); recovery codes are stored only as SHA-256 hashes of their normalised form and each
// works once (the caller deletes the hash it matched, in the same transaction as the sign-in).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { err, ok, type Result } from '$lib/domain/result';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_SECRET_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;

export type TotpError = { readonly type: 'invalid-code' } | { readonly type: 'code-replayed' };

/** The TOTP step of an instant (ms since the epoch). */
export const totpStep = (nowMs: number): number => Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);

/** The code of `secret` at `nowMs`, with `digits` digits (6 in Cercle; 8 for the RFC's vectors). */
export const totpAt = (secret: Uint8Array, nowMs: number, digits = TOTP_DIGITS): string =>
	generateHOTP(secret, BigInt(totpStep(nowMs)), digits);

export const newTotpSecret = (randomBytes: (length: number) => Uint8Array): Uint8Array =>
	randomBytes(TOTP_SECRET_BYTES);

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export const totpKeyUri = (issuer: string, accountName: string, secret: Uint8Array): string =>
	createTOTPKeyURI(issuer, accountName, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);

/**
 * Checks `code` at `nowMs`. `lastUsedStep` is the step of the last code accepted for this account
 * (null if none); on success the caller stores the returned step as the new last used step.
 */
export function verifyTotp(
	secret: Uint8Array,
	code: string,
	nowMs: number,
	lastUsedStep: number | null
): Result<{ readonly step: number }, TotpError> {
	const digits = code.replace(/\s+/gu, '');
	if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`, 'u').test(digits)) return err({ type: 'invalid-code' });
	const current = totpStep(nowMs);
	for (let offset = -TOTP_DRIFT_STEPS; offset <= TOTP_DRIFT_STEPS; offset += 1) {
		const step = current + offset;
		if (step < 0) continue;
		if (!constantTimeEqual(generateHOTP(secret, BigInt(step), TOTP_DIGITS), digits)) continue;
		if (lastUsedStep !== null && step <= lastUsedStep) return err({ type: 'code-replayed' });
		return ok({ step });
	}
	return err({ type: 'invalid-code' });
}

function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** Ten recovery codes like `k3q7-m2xa-9fd4` (60 random bits each), shown once. */
export function newRecoveryCodes(randomBytes: (length: number) => Uint8Array): readonly string[] {
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const text = encodeBase32LowerCaseNoPadding(randomBytes(8)).slice(0, 12);
		return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}`;
	});
}

/** The stored form of a recovery code: SHA-256 of the code without dashes, spaces or case. */
export function hashRecoveryCode(code: string): string {
	const normalised = code.toLowerCase().replace(/[\s-]+/gu, '');
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}
