// One record version as a sync envelope: sealed with its category key and bound to the record id,
// circle, category, key id, schema version, HLC and tombstone flag (so the server relays what it
// cannot read, cannot move it, and cannot replay it as a deletion or a newer version); the base
// and author (with the author's identity signature, if any) are inside the sealed payload,
// authenticated with it. The
// one definition of the envelope payload, shared by the person's vault (remote.ts) and the member
// view of someone else's circle (member-circle). Invariant: `openEnvelope` never returns a record
// whose ciphertext failed to authenticate or whose payload does not parse (null instead).
import * as z from 'zod/mini';
import { open, seal } from '$lib/crypto/aead';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext, type BoundTo } from '$lib/crypto/types';
import type { Category } from '$lib/domain/categories';
import type { Envelope } from '$lib/sync/types';
import { SCHEMA_VERSION, type StoredRecord } from './buckets';

const payloadSchema = z.object({
	kind: z.string().check(z.maxLength(64)),
	at: z.number(),
	base: z.optional(z.string()),
	author: z.optional(z.string().check(z.maxLength(200))),
	/** The author's identity signature over the version (record-signature.ts), base64url. */
	signature: z.optional(z.string().check(z.maxLength(200))),
	body: z.unknown()
});

export function envelopeBinding(
	circleId: string,
	category: string,
	id: string,
	keyId: string,
	version: { readonly hlc: string; readonly deleted: boolean }
): BoundTo {
	return {
		id,
		circleId,
		category,
		keyId,
		schemaVersion: SCHEMA_VERSION,
		version: { hlc: version.hlc, deleted: version.deleted }
	};
}

/** Seals one stored version (a tombstone carries no body) as the envelope pushed to the server. */
export async function sealEnvelope(
	key: CryptoKey,
	keyId: string,
	circleId: string,
	category: Category,
	stored: StoredRecord
): Promise<Envelope> {
	const payload = {
		kind: stored.kind,
		at: stored.at,
		...(stored.base !== undefined ? { base: stored.base } : {}),
		...(stored.author !== undefined ? { author: stored.author } : {}),
		...(stored.signature !== undefined ? { signature: stored.signature } : {}),
		body: stored.deleted ? null : stored.body
	};
	const sealed = await seal(
		key,
		envelopeBinding(circleId, category, stored.id, keyId, stored),
		utf8(JSON.stringify(payload))
	);
	return {
		id: stored.id,
		circleId,
		category,
		hlc: stored.hlc,
		keyId,
		iv: toBase64Url(sealed.iv),
		ciphertext: toBase64Url(sealed.data),
		deleted: stored.deleted
	};
}

/**
 * The version an envelope carries, or null if it does not authenticate under `key` or parse. Any
 * category string is accepted: the AAD authenticates it (a stored row read back in a test, too).
 */
export async function openEnvelope(
	key: CryptoKey,
	e: Omit<Envelope, 'category'> & { readonly category: string }
): Promise<StoredRecord | null> {
	try {
		const plain = await open(
			key,
			envelopeBinding(e.circleId, e.category, e.id, e.keyId, e),
			makeCiphertext(fromBase64Url(e.iv), fromBase64Url(e.ciphertext))
		);
		if (!plain) return null;
		const parsed = payloadSchema.safeParse(JSON.parse(fromUtf8(plain.bytes)));
		if (!parsed.success) return null;
		const p = parsed.data;
		return {
			id: e.id,
			kind: p.kind,
			at: p.at,
			hlc: e.hlc,
			deleted: e.deleted,
			body: p.body,
			...(p.base !== undefined ? { base: p.base } : {}),
			...(p.author !== undefined ? { author: p.author } : {}),
			...(p.signature !== undefined ? { signature: p.signature } : {})
		};
	} catch {
		return null;
	}
}
