// A known-answer vector for the category-key wrap (ECDH P-256 → HKDF-SHA-256 → AES-KW): a wrap made
// by this version of the app must open on every later version and every device, so the salt, the
// info label and the order of the bound fields are pinned here. Vector made on 2026-12-07 with
// `wrapCategoryKeyForMember` (random ephemeral key; the member's key and the category key fixed).
import { describe, expect, it } from 'vitest';
import { open, seal } from '$lib/crypto/aead';
import { fromBase64Url, utf8 } from '$lib/crypto/bytes';
import { importPrivateJwk, unwrapCategoryKeyAsMember } from '$lib/crypto/sharing';

const MEMBER_PRIVATE_JWK: JsonWebKey = {
	kty: 'EC',
	crv: 'P-256',
	x: 'LbtDpRhb2OvuBhcoq1edXQXY2HmE8HiIRDtJLh40FV0',
	y: 'I04PyaLKkW_ezMs2Czt7GNvhCYN31eYOKzwhDdPvDY0',
	d: 'JpBmbntxdXKAOCLLnrz4WvIWWvgKWOv4U43ZvoEwvH0'
};
const MEMBER_PUBLIC_KEY =
	'BC27Q6UYW9jr7gYXKKtXnV0F2Nh5hPB4iEQ7SS4eNBVdI04PyaLKkW_ezMs2Czt7GNvhCYN31eYOKzwhDdPvDY0';
const WRAPPED =
	'AQS75QttpEx78VKYWWZjN41oBwKwbJQpUJRqHn4cahACx2RNmlWkgthpADcbVUvew5DNdHJeqbeyZTF_JTHOOkNjWn37Kke6mH6rgciS-WoihmyZ6_oPr2NVFW04AgRy76AS0ch9PYNihg';
const CATEGORY_KEY = 'AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o';
const BINDING = {
	circleId: 'circle-kat',
	category: 'medications',
	keyId: 'key-kat',
	memberAccountId: 'member-kat'
};

describe('category-key wrap vector', () => {
	it('opens to the known category key under its binding, and under no other', async () => {
		const privateKey = await importPrivateJwk(MEMBER_PRIVATE_JWK);
		if (privateKey === null) throw new Error('import');
		const own = { privateKey, publicKey: MEMBER_PUBLIC_KEY };
		const opened = await unwrapCategoryKeyAsMember(WRAPPED, own, BINDING);
		if (opened === null) throw new Error('the vector no longer opens');
		const known = await crypto.subtle.importKey(
			'raw',
			fromBase64Url(CATEGORY_KEY),
			{ name: 'AES-GCM' },
			false,
			['encrypt', 'decrypt']
		);
		const bound = {
			id: 'r',
			circleId: 'circle-kat',
			category: 'medications',
			keyId: 'key-kat',
			schemaVersion: 1
		};
		const sealed = await seal(opened, bound, utf8('Doliprane 1 g'));
		expect((await open(known, bound, sealed))?.bytes).toEqual(utf8('Doliprane 1 g'));
		for (const other of [
			{ ...BINDING, circleId: 'circle-other' },
			{ ...BINDING, category: 'symptoms' },
			{ ...BINDING, keyId: 'key-other' },
			{ ...BINDING, memberAccountId: 'member-other' }
		]) {
			expect(await unwrapCategoryKeyAsMember(WRAPPED, own, other)).toBeNull();
		}
	});
});
