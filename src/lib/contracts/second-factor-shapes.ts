// The shapes of a second-factor code, without zod: the contract's schemas (second-factor.ts) are
// built from them, and the sign-in form checks what was typed with them, so the first screens
// (sign-in) load no zod (issue 18 §1) and both sides keep one rule.

/** Six digits; spaces are allowed as authenticator apps group them. */
export const TOTP_PATTERN = /^\d{6}$/u;
export const normalizeTotp = (value: string): string => value.replace(/\s+/gu, '');

/** A recovery code like `k3q7-m2xa-9fd4`: case, dashes and spaces are ignored. */
export const RECOVERY_PATTERN = /^[a-z2-7]{12}$/u;
export const normalizeRecovery = (value: string): string =>
	value.toLowerCase().replace(/[\s-]+/gu, '');

export const isTotpCode = (value: string): boolean =>
	value.length <= 16 && TOTP_PATTERN.test(normalizeTotp(value));
export const isRecoveryCode = (value: string): boolean =>
	value.length <= 40 && RECOVERY_PATTERN.test(normalizeRecovery(value));
