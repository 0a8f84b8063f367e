// Wire contract of the second factor (issue 14 §2): what a login may carry after the passphrase,
// enrolment (secret and otpauth URI, shown once), confirmation (ten recovery codes, shown once),
// turning it off, and the account's kind. A professional account needs the second factor on.
import * as z from 'zod';

/** Six digits (spaces allowed, as authenticator apps group them). */
export const totpCodeSchema = z
	.string()
	.max(16)
	.transform((s) => s.replace(/\s+/gu, ''))
	.pipe(z.string().regex(/^\d{6}$/u, 'six digits'));

/** A recovery code like `k3q7-m2xa-9fd4` (case, dashes and spaces are ignored). */
export const recoveryCodeSchema = z
	.string()
	.max(40)
	.transform((s) => s.toLowerCase().replace(/[\s-]+/gu, ''))
	.pipe(z.string().regex(/^[a-z2-7]{12}$/u, 'recovery code'));

/** A code or a recovery code, never both. */
export const secondFactorInputSchema = z.union([
	z.object({ code: totpCodeSchema }).strict(),
	z.object({ recoveryCode: recoveryCodeSchema }).strict()
]);
export type SecondFactorInputBody = z.input<typeof secondFactorInputSchema>;

export const accountKindSchema = z.enum(['person', 'professional']);
export type AccountKindValue = z.infer<typeof accountKindSchema>;

/** GET /api/auth/second-factor. */
export const secondFactorStatusSchema = z.object({
	enabled: z.boolean(),
	recoveryCodesLeft: z.number().int().nonnegative(),
	kind: accountKindSchema
});
export type SecondFactorStatusBody = z.infer<typeof secondFactorStatusSchema>;

/** POST /api/auth/second-factor/enrol (no body): the secret as base32 text and as an otpauth URI. */
export const enrolResponseSchema = z.object({
	secret: z.string().regex(/^[A-Z2-7]+$/u),
	uri: z.string().startsWith('otpauth://totp/')
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** POST /api/auth/second-factor/confirm. */
export const confirmSecondFactorRequestSchema = z.object({ code: totpCodeSchema });
export type ConfirmSecondFactorRequest = z.input<typeof confirmSecondFactorRequestSchema>;

export const confirmSecondFactorResponseSchema = z.object({
	recoveryCodes: z.array(z.string()).length(10),
	/** How many other sessions (devices) were signed out. */
	revokedSessions: z.number().int().nonnegative()
});
export type ConfirmSecondFactorResponse = z.infer<typeof confirmSecondFactorResponseSchema>;

/** POST /api/auth/second-factor/disable: a code or a recovery code. */
export const disableSecondFactorRequestSchema = secondFactorInputSchema;

/** PUT /api/account/kind. */
export const accountKindRequestSchema = z.object({ kind: accountKindSchema });
export type AccountKindRequest = z.input<typeof accountKindRequestSchema>;
