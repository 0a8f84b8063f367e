// Wycheproof vectors (tests/fixtures/wycheproof, Apache-2.0) for the sharing primitives: HMAC-SHA-256
// (invitation proofs) and ECDH P-256 with JWK keys (category key wraps). Valid cases must give the
// expected output; invalid ones must be refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fromHex, toHex } from '$lib/crypto/bytes';
import { hmacSha256, verifyHmacSha256 } from '$lib/crypto/invitation';
import { ecdhSharedBits, importPrivateJwk, importPublicJwk } from '$lib/crypto/sharing';

function vectors<T extends z.ZodType>(file: string, group: T) {
	const text = readFileSync(new URL(`../../fixtures/wycheproof/${file}`, import.meta.url), 'utf8');
	return z.object({ testGroups: z.array(group) }).parse(JSON.parse(text)).testGroups;
}
const result = z.enum(['valid', 'invalid', 'acceptable']);

describe('HMAC-SHA-256 (Wycheproof)', () => {
	const groups = vectors(
		'hmac_sha256_test.json',
		z.object({
			tagSize: z.number(),
			tests: z.array(
				z.object({ tcId: z.number(), key: z.string(), msg: z.string(), tag: z.string(), result })
			)
		})
	);

	it('computes every valid full-length tag and refuses every invalid tag', async () => {
		let valid = 0;
		let refused = 0;
		for (const group of groups.filter((g) => g.tagSize === 256)) {
			for (const t of group.tests) {
				const ok = await verifyHmacSha256(fromHex(t.key), fromHex(t.msg), fromHex(t.tag));
				if (t.result === 'valid') {
					expect(toHex(await hmacSha256(fromHex(t.key), fromHex(t.msg))), `tc ${t.tcId}`).toBe(
						t.tag
					);
					expect(ok, `tc ${t.tcId}`).toBe(true);
					valid++;
				} else {
					expect(ok, `tc ${t.tcId}`).toBe(false);
					refused++;
				}
			}
		}
		expect(valid).toBeGreaterThan(20);
		expect(refused).toBeGreaterThan(20);
	});

	it('refuses truncated tags, even ones Wycheproof calls valid (proofs are full-length)', async () => {
		let checked = 0;
		for (const group of groups.filter((g) => g.tagSize < 256)) {
			for (const t of group.tests) {
				expect(await verifyHmacSha256(fromHex(t.key), fromHex(t.msg), fromHex(t.tag))).toBe(false);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(20);
	});
});

describe('ECDH P-256 with JWK keys (Wycheproof webcrypto)', () => {
	const jwk = z.looseObject({ kty: z.string(), crv: z.string().optional() });
	const groups = vectors(
		'ecdh_secp256r1_webcrypto_test.json',
		z.object({
			tests: z.array(
				z.object({
					tcId: z.number(),
					public: jwk,
					private: jwk,
					shared: z.string(),
					result
				})
			)
		})
	);

	it('derives every valid shared secret and refuses every invalid public key', async () => {
		let valid = 0;
		let invalid = 0;
		for (const group of groups) {
			for (const t of group.tests) {
				const privateKey = await importPrivateJwk(t.private);
				const publicKey = await importPublicJwk(t.public);
				const shared =
					privateKey === null || publicKey === null
						? null
						: await ecdhSharedBits(privateKey, publicKey);
				if (t.result === 'valid') {
					expect(shared && toHex(shared), `tc ${t.tcId}`).toBe(t.shared);
					valid++;
				} else if (t.result === 'invalid') {
					expect(shared, `tc ${t.tcId}`).toBeNull();
					invalid++;
				}
			}
		}
		expect(valid).toBe(330);
		expect(invalid).toBe(23);
	});
});
