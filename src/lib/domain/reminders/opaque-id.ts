// Opaque reminder ids: what the push server is allowed to know about a reminder.
// Why: the device uploads `{ fireAt, opaqueId }` so the server can wake it at the right time; the
// server must learn nothing else, not even which reminders belong to the same medication.
// Invariants: an id is HMAC-SHA-256 under a per-device secret key (≥ 32 bytes, never uploaded) of
// the reminder's kind, source and fire time, truncated to 128 bits and base64url-encoded (22
// characters). The same reminder always gets the same id (re-uploading a schedule is idempotent);
// without the key an id cannot be linked to its source or to another id. The map back from id to
// source lives only on the device (`indexByOpaqueId`).
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { ReminderKind } from './sources';

export const OPAQUE_ID_KEY_BYTES = 32;
export const OPAQUE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export interface OpaqueIdInput {
	readonly kind: ReminderKind;
	readonly sourceRef: string;
	readonly fireAt: number;
}

export type OpaqueIdMinter = (input: OpaqueIdInput) => string;

const encoder = new TextEncoder();

/** A minter bound to the device's secret key. Throws (a bug) on a key shorter than 32 bytes. */
export const createOpaqueIdMinter = (key: Uint8Array): OpaqueIdMinter => {
	if (key.length < OPAQUE_ID_KEY_BYTES) throw new RangeError('opaque id key too short');
	const secret = Uint8Array.from(key);
	return ({ kind, sourceRef, fireAt }) => {
		const mac = hmac(SHA256, secret, encoder.encode(`${kind}\n${sourceRef}\n${fireAt}`));
		return encodeBase64urlNoPadding(mac.subarray(0, 16));
	};
};
