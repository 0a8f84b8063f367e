// Wire contract of accounts and sessions. The client derives an auth key from the passphrase
// (DESIGN: Local vault) and sends only that key; the passphrase never leaves the device. The
// wrapped-keys blob is opaque to the server: the client stores its wrapped vault key, KDF salt and
// parameters and its sharing public key there so that a second device can unlock.
import * as z from 'zod';
import { base64UrlSchema, idSchema } from './common';

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

export const signUpRequestSchema = z.object({
	login: loginIdSchema,
	authKey: authKeySchema,
	wrappedKeys: wrappedKeysSchema,
	/** The id of the person's existing local circle, so the local vault attaches unchanged. */
	circleId: idSchema
});
export type SignUpRequest = z.input<typeof signUpRequestSchema>;

export const loginRequestSchema = z.object({
	login: loginIdSchema,
	authKey: authKeySchema
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
