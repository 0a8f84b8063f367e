// The sealed boxes of anonymous surveys (src/lib/crypto/sealed-box.ts): what one device seals to a
// survey key opens with that survey's private key only, under the same context only; a box changed
// in any byte, or opened with another key, gives null (never a throw); campaign and "you said, we
// did" signatures verify against the signer's identity key and fail for any other statement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import {
	generateSurveyKeyPair,
	openSealed,
	sealTo,
	signCampaign,
	signUpdate,
	verifyCampaign,
	verifyUpdate
} from '$lib/crypto/sealed-box';
import { exportPublicKey } from '$lib/crypto/sharing';

async function surveyKey() {
	const pair = await generateSurveyKeyPair();
	return { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
}

describe('sealed box', () => {
	it('round-trips any text under its context', async () => {
		const own = await surveyKey();
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
				const box = await sealTo(own.publicKey, 'survey-ballot/s1', text);
				expect(box).not.toBeNull();
				expect(await openSealed(box ?? '', own, 'survey-ballot/s1')).toBe(text);
			}),
			{ numRuns: 25 }
		);
	});

	it('two boxes of the same text differ (fresh ephemeral key and IV)', async () => {
		const own = await surveyKey();
		const a = await sealTo(own.publicKey, 'ctx', 'same');
		const b = await sealTo(own.publicKey, 'ctx', 'same');
		expect(a).not.toBe(b);
	});

	it('refuses a tampered box, another context or another key', async () => {
		const own = await surveyKey();
		const other = await surveyKey();
		const box = (await sealTo(own.publicKey, 'survey-ballot/s1', '{"a":1}')) ?? '';
		const bytes = fromBase64Url(box);
		for (const index of [0, 1, 40, 66, 70, bytes.length - 1]) {
			const changed = bytes.slice();
			changed[index] = (changed[index] ?? 0) ^ 0x01;
			expect(await openSealed(toBase64Url(changed), own, 'survey-ballot/s1')).toBeNull();
		}
		expect(await openSealed(box, own, 'survey-ballot/s2')).toBeNull();
		expect(await openSealed(box, other, 'survey-ballot/s1')).toBeNull();
		expect(await openSealed(box.slice(0, 50), own, 'survey-ballot/s1')).toBeNull();
		expect(await openSealed('not base64 !', own, 'survey-ballot/s1')).toBeNull();
	});

	it('refuses to seal to something that is not a P-256 point', async () => {
		expect(await sealTo('AAAA', 'ctx', 'x')).toBeNull();
	});
});

describe('campaign and update signatures', () => {
	const campaign = {
		surveyId: 's1',
		questionnaireId: 'coordination',
		publicKey: 'BPUB',
		closesAt: 1_800_000_000_000
	};

	it('verify with the signer identity only, for the exact statement', async () => {
		const pair = await generateIdentityKeyPair();
		const identityKey = await exportIdentityPublicKey(pair.publicKey);
		const stranger = await exportIdentityPublicKey((await generateIdentityKeyPair()).publicKey);
		const signature = await signCampaign(pair.privateKey, campaign);
		expect(await verifyCampaign(identityKey, campaign, signature)).toBe(true);
		expect(await verifyCampaign(stranger, campaign, signature)).toBe(false);
		expect(await verifyCampaign(identityKey, { ...campaign, publicKey: 'BOTHER' }, signature)).toBe(
			false
		);
		expect(await verifyCampaign(identityKey, { ...campaign, closesAt: 1 }, signature)).toBe(false);
		expect(await verifyCampaign(identityKey, campaign, 'garbage')).toBe(false);

		const update = { surveyId: 's1', id: 'u1', publishedAt: 5, en: 'We did', fr: 'Nous avons' };
		const signed = await signUpdate(pair.privateKey, update);
		expect(await verifyUpdate(identityKey, update, signed)).toBe(true);
		expect(await verifyUpdate(identityKey, { ...update, fr: 'Autre' }, signed)).toBe(false);
		expect(await verifyUpdate(stranger, update, signed)).toBe(false);
	});
});
