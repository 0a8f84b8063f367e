// Wire contract of Web Push reminders (DESIGN: Server / Push). The server learns where to push
// (the browser's subscription) and when (`fireAt` + an opaque id); it never learns what the
// reminder is about. Opaque ids are 22-character base64url HMACs minted on the device
// (src/lib/domain/reminders/opaque-id.ts).
import * as z from 'zod';
import { base64UrlSchema } from './common';

export const PUSH_SCHEDULE_MAX_OCCURRENCES = 2000;
export const PUSH_ENDPOINT_MAX_LENGTH = 2048;

export const opaqueIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'opaque-id');

export const pushLocaleSchema = z.enum(['en', 'fr']);
export type PushLocale = z.infer<typeof pushLocaleSchema>;

/** Push services are always https; anything else is not a browser subscription. */
export const pushEndpointSchema = z.url({ protocol: /^https$/ }).max(PUSH_ENDPOINT_MAX_LENGTH);

/** `PushSubscription.toJSON()` plus the language the generic notification text is written in. */
export const pushSubscribeBodySchema = z.object({
	endpoint: pushEndpointSchema,
	expirationTime: z.number().nullable().optional(),
	keys: z.object({
		/** Uncompressed P-256 point (65 bytes → 87 base64url characters). */
		p256dh: base64UrlSchema(88).length(87),
		/** 16-byte auth secret (22 base64url characters). */
		auth: base64UrlSchema(24).length(22)
	}),
	locale: pushLocaleSchema
});
export type PushSubscribeBody = z.infer<typeof pushSubscribeBodySchema>;

export const pushUnsubscribeBodySchema = z.object({ endpoint: pushEndpointSchema });
export type PushUnsubscribeBody = z.infer<typeof pushUnsubscribeBodySchema>;

export const pushOccurrenceSchema = z.strictObject({
	fireAt: z.int().min(0),
	opaqueId: opaqueIdSchema
});
export type PushOccurrence = z.infer<typeof pushOccurrenceSchema>;

/** Replaces the account's future reminders. Strict: nothing but fire time and opaque id passes. */
export const pushScheduleUploadBodySchema = z.strictObject({
	occurrences: z.array(pushOccurrenceSchema).max(PUSH_SCHEDULE_MAX_OCCURRENCES)
});
export type PushScheduleUploadBody = z.infer<typeof pushScheduleUploadBodySchema>;

export const pushScheduleUploadResponseSchema = z.object({
	scheduled: z.int().min(0),
	/** Occurrences already in the past when they arrived (not scheduled). */
	skippedPast: z.int().min(0)
});
export type PushScheduleUploadResponse = z.infer<typeof pushScheduleUploadResponseSchema>;

/** "Send me a test reminder": pushed at the next scheduler tick to every device of the account. */
export const pushTestReminderBodySchema = z.strictObject({ opaqueId: opaqueIdSchema });
export type PushTestReminderBody = z.infer<typeof pushTestReminderBodySchema>;

export const vapidPublicKeyResponseSchema = z.object({
	/** The application server key for `pushManager.subscribe` (base64url, 65-byte point). */
	publicKey: base64UrlSchema(88).length(87)
});
export type VapidPublicKeyResponse = z.infer<typeof vapidPublicKeyResponseSchema>;

/** The decrypted push message: generic text and the opaque id, padded with spaces to a fixed size. */
export const pushMessageSchema = z.strictObject({
	v: z.literal(1),
	id: opaqueIdSchema,
	title: z.string().max(80)
});
export type PushMessage = z.infer<typeof pushMessageSchema>;
export const PUSH_MESSAGE_BYTES = 256;
