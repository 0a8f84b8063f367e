// Wire contract of accounts and sessions. The client derives an auth key from the passphrase
// (DESIGN: Local vault) and sends only that key; the passphrase never leaves the device. The
// wrapped-keys blob is opaque to the server: the client stores its wrapped vault key, KDF salt and
// parameters and its sharing public key there so that a second device can unlock.
import * as z from 'zod';
import { base64UrlSchema, idSchema } from './common';
import { secondFactorInputSchema } from './second-factor';

/** A login id (an email or a chosen name): trimmed, NFKC-normalised and lowercased. */
export const loginIdSchema = z
	.string()
	.max(320)
	.transform((s) => s.normalize('NFKC').trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(3)
			.max(254)
			.regex(/^[^\s\p{C}]+$/u, 'no spaces or control characters')
	);

/** 32 bytes, unpadded base64url (43 characters). */
export const authKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32-byte base64url key');

export const WRAPPED_KEYS_MAX_LENGTH = 12_288;
/** Opaque to the server: base64url of the client's JSON key bundle. */
export const wrappedKeysSchema = base64UrlSchema(WRAPPED_KEYS_MAX_LENGTH);

/**
 * Public KDF parameters of an account: what a second device needs, before logging in, to derive
 * the auth key from the passphrase. Costs are bounded on both sides: never below the Argon2id
 * floor (m ≥ 19 MiB, t ≥ 2, p = 1), never above what a phone can run (m ≤ 256 MiB, t ≤ 10).
 */
export const publicKdfSchema = z.object({
	alg: z.literal('argon2id'),
	memoryKiB: z
		.number()
		.int()
		.min(19 * 1024)
		.max(256 * 1024),
	iterations: z.number().int().min(2).max(10),
	parallelism: z.literal(1),
	/** base64url, 16 to 64 bytes. */
	salt: z
		.string()
		.min(22)
		.max(86)
		.regex(/^[A-Za-z0-9_-]+$/, 'base64url')
});
export type PublicKdf = z.infer<typeof publicKdfSchema>;

export const signUpRequestSchema = z.object({
	login: loginIdSchema,
	authKey: authKeySchema,
	wrappedKeys: wrappedKeysSchema,
	/** The id of the person's existing local circle, so the local vault attaches unchanged. */
	circleId: idSchema,
	/**
	 * The vault's KDF parameters, served back by POST /api/auth/params. Optional only so that
	 * clients from before it existed can still sign up; such an account cannot add a device.
	 */
	kdf: publicKdfSchema.optional()
});
export type SignUpRequest = z.input<typeof signUpRequestSchema>;

/** POST /api/auth/params: the KDF parameters for a login (fake but stable when unknown). */
export const kdfParamsRequestSchema = z.object({ login: loginIdSchema });
export type KdfParamsRequest = z.input<typeof kdfParamsRequestSchema>;

export const kdfParamsResponseSchema = z.object({ kdf: publicKdfSchema });
export type KdfParamsResponse = z.infer<typeof kdfParamsResponseSchema>;

/**
 * POST /api/auth/rekey: after a passphrase change, the new auth key, KDF parameters and wrapped
 * keys replace the old ones. Needs the session and the current auth key; every other session of
 * the account is revoked.
 */
export const rekeyRequestSchema = z.object({
	currentAuthKey: authKeySchema,
	authKey: authKeySchema,
	kdf: publicKdfSchema,
	wrappedKeys: wrappedKeysSchema
});
export type RekeyRequest = z.input<typeof rekeyRequestSchema>;

export const rekeyResponseSchema = z.object({
	wrappedKeys: z.string(),
	/** How many other sessions (devices) were signed out. */
	revokedSessions: z.number().int().nonnegative()
});
export type RekeyResponse = z.infer<typeof rekeyResponseSchema>;

export const loginRequestSchema = z.object({
	login: loginIdSchema,
	authKey: authKeySchema,
	/** Needed when the account has a second factor (answer 401 second-factor-required without). */
	secondFactor: secondFactorInputSchema.optional()
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const accountSchema = z.object({
	id: z.string(),
	login: z.string(),
	/** The circle the account owns (its own journal). */
	circleId: z.string()
});
export type Account = z.infer<typeof accountSchema>;

export const authResponseSchema = z.object({
	account: accountSchema,
	wrappedKeys: z.string()
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const sessionInfoSchema = z.object({
	id: z.string(),
	current: z.boolean(),
	createdAt: z.number(),
	lastSeenAt: z.number(),
	expiresAt: z.number(),
	userAgent: z.string()
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const currentSessionResponseSchema = z.object({
	account: accountSchema,
	session: sessionInfoSchema
});
export type CurrentSessionResponse = z.infer<typeof currentSessionResponseSchema>;

export const sessionListResponseSchema = z.object({
	sessions: z.array(sessionInfoSchema)
});
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;

/** Session ids are SHA-256 hex digests of the token (the token itself never leaves the cookie). */
export const sessionIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const wrappedKeysResponseSchema = z.object({ wrappedKeys: z.string() });
export type WrappedKeysResponse = z.infer<typeof wrappedKeysResponseSchema>;

export const updateWrappedKeysRequestSchema = z.object({ wrappedKeys: wrappedKeysSchema });
export type UpdateWrappedKeysRequest = z.input<typeof updateWrappedKeysRequestSchema>;

export const circleListResponseSchema = z.object({
	circles: z.array(z.object({ id: z.string(), role: z.enum(['owner', 'member']) }))
});
export type CircleListResponse = z.infer<typeof circleListResponseSchema>;

/**
 * POST /api/account/delete: erases the account on the server after the person re-entered their
 * passphrase (the auth key derived from it). 204 with the session cookie cleared
 * (`Clear-Site-Data: "cookies"`: the local journal stays); 401 invalid-credentials for a wrong
 * passphrase (rate-limited). POST /api/auth/forget (no body) ends this device's session and
 * answers `Clear-Site-Data: "cache", "cookies"` (the device deletes its storage itself).
 */
export const deleteAccountRequestSchema = z.object({ authKey: authKeySchema });
export type DeleteAccountRequest = z.infer<typeof deleteAccountRequestSchema>;
