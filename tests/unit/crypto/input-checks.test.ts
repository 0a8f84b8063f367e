// Checks on what the crypto layer accepts, found by mutation testing (issue 17): a compressed or
// malformed public key is refused before ECDH, a wrap of an unknown version never opens, an
// imported private key is non-extractable, and a recovery key typed with 0/1/8 for O/I/B opens.
import { describe, expect, it } from 'vitest';
import { open, seal } from '$lib/crypto/aead';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/crypto/bytes';
import {
	formatRecoveryKey,
	generateCategoryKey,
	generateVaultKey,
	parseRecoveryKey
} from '$lib/crypto/keys';
import {
	ecdhSharedBits,
	exportPublicJwk,
	exportPublicKey,
	generateSharingKeyPair,
	importPrivateJwk,
	importPublicJwk,
	importPublicKey,
	unwrapCategoryKeyAsMember,
	unwrapSharingPrivateKey,
	wrapCategoryKeyForMember,
	wrapSharingPrivateKey
} from '$lib/crypto/sharing';

const binding = { circleId: 'c', category: 'notes', keyId: 'k', memberAccountId: 'm' };

async function member() {
	const pair = await generateSharingKeyPair();
	return { pair, publicKey: await exportPublicKey(pair.publicKey) };
}

function withFirstByte(text: string, value: number): string {
	const bytes = fromBase64Url(text);
	bytes[0] = value;
	return toBase64Url(bytes);
}

describe('public keys', () => {
	it('refuses a compressed point (33 bytes), although WebCrypto would import it', async () => {
		const { publicKey } = await member();
		const raw = fromBase64Url(publicKey);
		const y = raw[64] ?? 0;
		const compressed = new Uint8Array(33);
		compressed[0] = 2 + (y & 1);
		compressed.set(raw.subarray(1, 33), 1);
		expect(await importPublicKey(toBase64Url(compressed))).toBeNull();
		expect(await importPublicKey(publicKey)).not.toBeNull();
	});

	it('imports a private key as non-extractable', async () => {
		const { pair } = await member();
		const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
		expect((await importPrivateJwk(jwk))?.extractable).toBe(false);
	});
});

describe('sharing keys', () => {
	it('exports a public key as JWK and imports it back to the same point', async () => {
		const { pair, publicKey } = await member();
		const jwk = await exportPublicJwk(pair.publicKey);
		expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
		const imported = await importPublicJwk(jwk);
		if (imported === null) throw new Error('import');
		expect(await exportPublicKey(imported)).toBe(publicKey);
		expect(await importPublicJwk({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' })).toBeNull();
		expect(await importPrivateJwk({ kty: 'EC', crv: 'P-256' })).toBeNull();
	});

	it('agrees on one shared secret from both sides, and gives null for a key of another kind', async () => {
		const a = await member();
		const b = await member();
		const ab = await ecdhSharedBits(a.pair.privateKey, b.pair.publicKey);
		expect(ab).toHaveLength(32);
		expect(ab).toEqual(await ecdhSharedBits(b.pair.privateKey, a.pair.publicKey));
		const aes = await generateCategoryKey();
		expect(await ecdhSharedBits(a.pair.privateKey, aes)).toBeNull();
	});

	it('gives the member a non-extractable key that opens what the owner sealed', async () => {
		const m = await member();
		const categoryKey = await generateCategoryKey();
		const wrapped = await wrapCategoryKeyForMember(categoryKey, m.publicKey, binding);
		if (wrapped === null) throw new Error('wrap');
		expect(fromBase64Url(wrapped)).toHaveLength(1 + 65 + 40);
		const opened = await unwrapCategoryKeyAsMember(
			wrapped,
			{ privateKey: m.pair.privateKey, publicKey: m.publicKey },
			binding
		);
		if (opened === null) throw new Error('unwrap');
		expect(opened.extractable).toBe(false);
		const bound = { id: 'r', circleId: 'c', category: 'notes', keyId: 'k', schemaVersion: 1 };
		const sealed = await seal(categoryKey, bound, utf8('Dizzy after lunch'));
		expect((await open(opened, bound, sealed))?.bytes).toEqual(utf8('Dizzy after lunch'));
		expect(
			await unwrapCategoryKeyAsMember(
				'%%%',
				{ privateKey: m.pair.privateKey, publicKey: m.publicKey },
				binding
			)
		).toBeNull();
	});

	it('refuses to wrap to a public key that is not an uncompressed P-256 point', async () => {
		const categoryKey = await generateCategoryKey();
		expect(
			await wrapCategoryKeyForMember(categoryKey, toBase64Url(new Uint8Array(65)), binding)
		).toBeNull();
		const { publicKey } = await member();
		expect(await importPublicKey(withFirstByte(publicKey, 3))).toBeNull();
	});

	it('unwraps the sharing private key as a non-extractable key that still derives', async () => {
		const m = await member();
		const peer = await member();
		const vaultKey = await generateVaultKey();
		const unwrapped = await unwrapSharingPrivateKey(
			await wrapSharingPrivateKey(m.pair.privateKey, vaultKey),
			vaultKey
		);
		if (unwrapped === null) throw new Error('unwrap');
		expect(unwrapped.extractable).toBe(false);
		expect(await ecdhSharedBits(unwrapped, peer.pair.publicKey)).toEqual(
			await ecdhSharedBits(peer.pair.privateKey, m.pair.publicKey)
		);
	});
});

describe('wrap versions', () => {
	it('never opens a category-key wrap of another version', async () => {
		const m = await member();
		const own = { privateKey: m.pair.privateKey, publicKey: m.publicKey };
		const wrapped = await wrapCategoryKeyForMember(
			await generateCategoryKey(),
			m.publicKey,
			binding
		);
		if (wrapped === null) throw new Error('wrap');
		expect(await unwrapCategoryKeyAsMember(wrapped, own, binding)).not.toBeNull();
		expect(await unwrapCategoryKeyAsMember(withFirstByte(wrapped, 2), own, binding)).toBeNull();
	});

	it('never opens a sharing private-key wrap of another version', async () => {
		const m = await member();
		const vaultKey = await generateVaultKey();
		const wrapped = await wrapSharingPrivateKey(m.pair.privateKey, vaultKey);
		expect(await unwrapSharingPrivateKey(wrapped, vaultKey)).not.toBeNull();
		expect(await unwrapSharingPrivateKey(withFirstByte(wrapped, 2), vaultKey)).toBeNull();
	});
});

describe('recovery key', () => {
	it('reads 0, 1 and 8 typed for O, I and B', () => {
		// Bytes chosen so the text holds O, I and B (base32: O = 14, I = 8, B = 1).
		const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 73 + 0x71) & 0xff);
		const text = formatRecoveryKey(bytes);
		expect(text).toMatch(/O/);
		expect(text).toMatch(/I/);
		expect(text).toMatch(/B/);
		const typed = text.replace(/O/g, '0').replace(/I/g, '1').replace(/B/g, '8');
		expect(parseRecoveryKey(typed)).toEqual(bytes);
	});
});
