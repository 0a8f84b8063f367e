// Wycheproof vectors (tests/fixtures/wycheproof, Apache-2.0) for the primitives the vault uses:
// AES-GCM (96-bit IV, 128-bit tag, 128/256-bit keys), AES-KW and HKDF-SHA-256.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openRaw, sealRaw } from '$lib/crypto/aead';
import { fromHex, toHex } from '$lib/crypto/bytes';
import { hkdfBits, unwrapVaultKey, wrapKey } from '$lib/crypto/keys';
import { makeCiphertext } from '$lib/crypto/types';

function vectors<T extends z.ZodType>(file: string, group: T) {
	const text = readFileSync(new URL(`../fixtures/wycheproof/${file}`, import.meta.url), 'utf8');
	return z.object({ testGroups: z.array(group) }).parse(JSON.parse(text)).testGroups;
}
const result = z.enum(['valid', 'invalid', 'acceptable']);

describe('AES-GCM (Wycheproof)', () => {
	const groups = vectors(
		'aes_gcm_test.json',
		z.object({
			ivSize: z.number(),
			keySize: z.number(),
			tagSize: z.number(),
			tests: z.array(
				z.object({
					tcId: z.number(),
					key: z.string(),
					iv: z.string(),
					aad: z.string(),
					msg: z.string(),
					ct: z.string(),
					tag: z.string(),
					result
				})
			)
		})
	).filter((g) => g.ivSize === 96 && g.tagSize === 128 && [128, 256].includes(g.keySize));

	it('passes every valid case and refuses every invalid one', async () => {
		let checked = 0;
		for (const group of groups) {
			for (const t of group.tests) {
				const key = await crypto.subtle.importKey('raw', fromHex(t.key), 'AES-GCM', false, [
					'encrypt',
					'decrypt'
				]);
				const sealedBytes = fromHex(t.ct + t.tag);
				const opened = await openRaw(
					key,
					fromHex(t.aad),
					makeCiphertext(fromHex(t.iv), sealedBytes)
				);
				if (t.result === 'valid') {
					expect(opened && toHex(opened.bytes), `tc ${t.tcId}`).toBe(t.msg);
					const sealed = await sealRaw(key, fromHex(t.iv), fromHex(t.aad), fromHex(t.msg));
					expect(toHex(sealed.data), `tc ${t.tcId}`).toBe(t.ct + t.tag);
				} else if (t.result === 'invalid') {
					expect(opened, `tc ${t.tcId}`).toBeNull();
				}
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(50);
	});
});

describe('AES-KW (Wycheproof)', () => {
	const groups = vectors(
		'aes_wrap_test.json',
		z.object({
			keySize: z.number(),
			tests: z.array(
				z.object({ tcId: z.number(), key: z.string(), msg: z.string(), ct: z.string(), result })
			)
		})
	).filter((g) => g.keySize === 256);

	it('wraps and unwraps 256-bit keys as the vault does, refusing every invalid wrap', async () => {
		let checked = 0;
		for (const t of groups.flatMap((g) => g.tests)) {
			if (t.msg.length !== 64) continue;
			const kek = await crypto.subtle.importKey('raw', fromHex(t.key), 'AES-KW', false, [
				'wrapKey',
				'unwrapKey'
			]);
			const unwrapped = await unwrapVaultKey(fromHex(t.ct), kek, true);
			if (t.result === 'valid') {
				if (!unwrapped) throw new Error(`tc ${t.tcId} did not unwrap`);
				expect(toHex(new Uint8Array(await crypto.subtle.exportKey('raw', unwrapped)))).toBe(t.msg);
				expect(toHex(await wrapKey(unwrapped, kek))).toBe(t.ct);
			} else if (t.result === 'invalid') {
				expect(unwrapped, `tc ${t.tcId}`).toBeNull();
			}
			checked++;
		}
		expect(checked).toBeGreaterThan(10);
	});
});

describe('HKDF-SHA-256 (Wycheproof)', () => {
	const tests = vectors(
		'hkdf_sha256_test.json',
		z.object({
			tests: z.array(
				z.object({
					tcId: z.number(),
					ikm: z.string(),
					salt: z.string(),
					info: z.string(),
					size: z.number(),
					okm: z.string(),
					result
				})
			)
		})
	).flatMap((g) => g.tests);

	it('derives every valid output and refuses invalid sizes', async () => {
		for (const t of tests) {
			const derive = () => hkdfBits(fromHex(t.ikm), fromHex(t.salt), fromHex(t.info), t.size);
			if (t.result === 'valid') expect(toHex(await derive()), `tc ${t.tcId}`).toBe(t.okm);
			else if (t.result === 'invalid') await expect(derive(), `tc ${t.tcId}`).rejects.toThrow();
		}
		expect(tests.length).toBeGreaterThan(50);
	});
});
