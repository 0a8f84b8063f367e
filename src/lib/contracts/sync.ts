// Wire contract of sync (DESIGN: Sync protocol). The server relays envelopes it cannot read: only
// ids, the category, the key id, the HLC and the ciphertext. Push is idempotent by (id, hlc) and
// acknowledged per envelope; pull pages by the server-assigned per-circle `seq`, never by client
// time, so records sharing a timestamp can never be skipped.
import * as z from 'zod';
import { categorySchema } from '$lib/domain/categories';
import { base64UrlSchema, idSchema } from './common';

export const PUSH_MAX_ENVELOPES = 500;
export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 500;
export const CIPHERTEXT_MAX_LENGTH = 262_144;
/** A pull page stops before this much ciphertext (characters), so responses stay bounded. */
export const PULL_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Hybrid logical clock, the one wire format (src/lib/sync/hlc.ts): 15 decimal digits of
 * milliseconds, 4 hex digits of counter, 16 hex digits of node id. Fixed width, so string order is
 * time order and no `zzzz…` can sort after every real timestamp.
 */
export const HLC_WIRE_PATTERN = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const hlcSchema = z.string().length(37).regex(HLC_WIRE_PATTERN);

/** What the server accepted before the one format (its own check is the server's to tighten). */
const pushedHlcSchema = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[0-9A-Za-z:._-]+$/);

export const keyIdSchema = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[0-9A-Za-z:._-]+$/);

export const envelopeInSchema = z.object({
	id: idSchema,
	hlc: pushedHlcSchema,
	category: categorySchema,
	keyId: keyIdSchema,
	/** 96-bit AES-GCM IV, base64url. */
	iv: base64UrlSchema(24),
	ciphertext: base64UrlSchema(CIPHERTEXT_MAX_LENGTH),
	deleted: z.boolean()
});
export type EnvelopeIn = z.input<typeof envelopeInSchema>;

export const pushRequestSchema = z.object({
	circleId: idSchema,
	deviceId: idSchema,
	envelopes: z.array(envelopeInSchema).min(1).max(PUSH_MAX_ENVELOPES)
});
export type PushRequest = z.input<typeof pushRequestSchema>;

export const pushAckErrorSchema = z.enum(['forbidden-category', 'id-conflict']);
export type PushAckError = z.infer<typeof pushAckErrorSchema>;

/** One acknowledgement per pushed envelope, in request order. */
export const pushAckSchema = z.union([
	z.object({ id: z.string(), hlc: z.string(), seq: z.number().int().positive() }),
	z.object({ id: z.string(), hlc: z.string(), error: pushAckErrorSchema })
]);
export type PushAck = z.infer<typeof pushAckSchema>;

export const pushResponseSchema = z.object({ acks: z.array(pushAckSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
	circle: idSchema,
	since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
	limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT)
});
export type PullQuery = z.input<typeof pullQuerySchema>;

/**
 * A pulled envelope. Its HLC is bounded here and checked against `hlcSchema` per envelope by the
 * client (counted unreadable and skipped), so one malformed version cannot stall a whole pull.
 */
export const envelopeOutSchema = z.object({
	id: z.string(),
	hlc: z.string().max(64),
	seq: z.number().int().positive(),
	category: categorySchema,
	keyId: z.string(),
	deviceId: z.string(),
	iv: z.string(),
	ciphertext: z.string(),
	deleted: z.boolean()
});
export type EnvelopeOut = z.infer<typeof envelopeOutSchema>;

export const pullResponseSchema = z.object({
	envelopes: z.array(envelopeOutSchema),
	/** The `since` to send next: the last returned seq (or the request's `since` when empty). */
	checkpoint: z.number().int().nonnegative(),
	hasMore: z.boolean(),
	/**
	 * The server database's epoch: new on every restore or move to a new database, where seqs start
	 * again. A device that sees it change pulls from 0 and re-sends what the server lacks.
	 * Optional until every server sends it.
	 */
	epoch: z.string().min(1).max(128).optional()
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
