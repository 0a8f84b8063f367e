// Wire contract of sync (DESIGN: Sync protocol). The server relays envelopes it cannot read: only
// ids, the category, the key id, the HLC and the ciphertext. Push is idempotent by (id, hlc) and
// acknowledged per envelope; pull pages by the server-assigned per-circle `seq`, never by client
// time, so records sharing a timestamp can never be skipped.
import * as z from 'zod';
import { categorySchema } from '$lib/domain/categories';
import { base64UrlSchema, idSchema } from './common';
import { hlcSchema } from './hlc';

export const PUSH_MAX_ENVELOPES = 500;
export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 500;
export const CIPHERTEXT_MAX_LENGTH = 262_144;
/** A pull page stops before this much ciphertext (characters), so responses stay bounded. */
export const PULL_MAX_BYTES = 4 * 1024 * 1024;

export const keyIdSchema = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[0-9A-Za-z:._-]+$/);

export const envelopeInSchema = z.object({
	id: idSchema,
	hlc: hlcSchema,
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

/**
 * Why one envelope was refused: no write grant for its category; its id lives in another circle;
 * its id already lives under another category (a record id keeps its first category); its HLC is
 * beyond the server's clock + HLC_MAX_DRIFT_MS.
 */
export const pushAckErrorSchema = z.enum([
	'forbidden-category',
	'id-conflict',
	'category-conflict',
	'hlc-future'
]);
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
	/**
	 * The record id of the envelope the device last received at seq `since` (optional). When the
	 * server holds another record at that seq, its seqs were reused after a restore: `reset`.
	 */
	sinceId: idSchema.optional(),
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
	 * The server's sync epoch: a random id per database, new after a restore the operator declares
	 * (CERCLE_RENEW_EPOCH) or a move to a new database. A device that sees an epoch other than the
	 * one it stored resets its checkpoints to 0 and re-sends what the server lacks, by (id, hlc).
	 */
	epoch: z.string().min(1).max(64),
	/**
	 * true when the server cannot vouch for the device's checkpoint: `since` is beyond the circle's
	 * newest seq (the database went back to an older copy) or the record at seq `since` is not
	 * `sinceId` (seqs were reused). The page is then empty with checkpoint 0: the device resets
	 * its checkpoint, pulls again from 0 and re-sends, exactly as for a new epoch. Restores are
	 * therefore detected even when nobody renewed the epoch.
	 */
	reset: z.boolean()
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
