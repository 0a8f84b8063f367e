// Wire pieces shared by every contract: the error body every API failure uses, and bounded
// base64url / id strings. The server and the client parse the same schemas, so a shape change here
// is a protocol change for both (no codegen, no drift).
import * as z from 'zod';

/** Unpadded base64url, as produced by `@oslojs/encoding` and the client's crypto module. */
export const base64UrlSchema = (maxLength: number) =>
	z
		.string()
		.min(1)
		.max(maxLength)
		.regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** Record, circle and device ids are UUIDs (the client mints UUIDv7). Stored lowercased. */
export const idSchema = z.uuid().transform((id) => id.toLowerCase());

export const apiErrorCodeSchema = z.enum([
	'invalid-json',
	'invalid-body',
	'invalid-query',
	'body-too-large',
	'unsupported-media-type',
	'unauthenticated',
	'invalid-credentials',
	'forbidden',
	'forbidden-origin',
	'not-found',
	'login-taken',
	'circle-taken',
	'rate-limited',
	'unavailable',
	'internal',
	'invitation-expired',
	'invitation-used',
	'invitation-revoked',
	'invitation-proof-invalid',
	'invitation-not-accepted',
	/** The invitee left or was removed before the confirmation (409): nothing was granted. */
	'invitation-withdrawn',
	'already-member',
	'invalid-grant',
	'rotation-incomplete',
	/** A survey token used, unknown, for another survey or past the closing date (410). */
	'survey-token-refused',
	/** A survey campaign or notice with that id exists, or the closing date is past (409). */
	'survey-conflict',
	/** The passphrase was right; the account's second factor is needed too (401). */
	'second-factor-required',
	'second-factor-invalid',
	/** A code already used within its window (401): wait for the next one. */
	'second-factor-replayed',
	'second-factor-enabled',
	'second-factor-not-pending',
	/** A professional account needs the second factor on (403). */
	'professional-needs-second-factor',
	/** A team invitation already accepted by another account (409). */
	'invitation-other-account',
	/** The team key moved on (rotation): fetch it again and re-wrap (409). */
	'team-key-stale',
	/** The last admin of a team with other members cannot leave (409). */
	'last-admin',
	/** A circle roster whose version is not above the one the server holds (409). */
	'roster-stale'
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiIssueSchema = z.object({
	path: z.array(z.union([z.string(), z.number()])),
	message: z.string()
});

/** Every non-2xx API response has this body. `issues` only for invalid-body / invalid-query. */
export const apiErrorBodySchema = z.object({
	error: z.object({
		code: apiErrorCodeSchema,
		issues: z.array(apiIssueSchema).optional(),
		retryAfterSeconds: z.number().int().nonnegative().optional()
	})
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const healthResponseSchema = z.object({
	status: z.literal('ok'),
	database: z.enum(['sqlite', 'postgres'])
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
