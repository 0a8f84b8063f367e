// Team survey keys (src/lib/crypto/survey-team.ts): a campaign's survey and notice keys sealed to
// a team public key open with that team's private key only, for exactly that survey, team and key
// version, and what they open is the very key pair (a ballot sealed to the survey key opens, a
// notice signed with the notice key verifies); a server that swaps the team public key is caught
// before anything is sealed to it; a team campaign and a notice verify only as signed: any change
// of team, campaign, id, date or text, or another key, fails.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import { generateSurveyKeyPair, openSealed, sealTo } from '$lib/crypto/sealed-box';
import { exportPublicKey } from '$lib/crypto/sharing';
import {
	generateNoticeKeyPair,
	matchesTeamKey,
	openCampaignKeys,
	sealCampaignKeys,
	signTeamCampaign,
	signTeamNotice,
	verifyTeamCampaign,
	verifyTeamNotice,
	type TeamNoticeStatement
} from '$lib/crypto/survey-team';
import { generateTeamKeyPair } from '$lib/crypto/team-key';

async function pairOf(make: () => Promise<CryptoKeyPair>) {
	const pair = await make();
	return { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
}
const target = { surveyId: 's-1', teamId: 't-1', teamKeyVersion: 2 };

async function sealed() {
	const team = await pairOf(generateTeamKeyPair);
	const survey = await pairOf(generateSurveyKeyPair);
	const notice = await pairOf(generateNoticeKeyPair);
	const box = await sealCampaignKeys(team.publicKey, target, {
		survey: survey.privateKey,
		notice: notice.privateKey
	});
	if (box === null) throw new Error('not sealed');
	return { team, survey, notice, box };
}

describe('campaign keys sealed to a team key', () => {
	it('open with the team private key as the same survey and notice keys', async () => {
		const { team, survey, notice, box } = await sealed();
		const keys = await openCampaignKeys(box, team, target);
		expect(keys?.survey.publicKey).toBe(survey.publicKey);
		expect(keys?.notice.publicKey).toBe(notice.publicKey);
		if (keys === null) return;
		// The opened survey key opens a ballot sealed to the campaign's public key.
		const ballot = await sealTo(survey.publicKey, 'survey-ballot/s-1', 'answers');
		expect(await openSealed(ballot ?? '', keys.survey, 'survey-ballot/s-1')).toBe('answers');
		// The opened notice key signs what the campaign's notice key verifies.
		const n = { teamId: 't-1', surveyId: 's-1', id: 'n', publishedAt: 1, en: 'a', fr: 'b' };
		expect(
			await verifyTeamNotice(notice.publicKey, n, await signTeamNotice(keys.notice.privateKey, n))
		).toBe(true);
		// Not extractable unless asked.
		expect(keys.survey.privateKey.extractable).toBe(false);
		expect((await openCampaignKeys(box, team, target, true))?.survey.privateKey.extractable).toBe(
			true
		);
	});

	it('do not open with another team key, for another binding, or changed in any byte', async () => {
		const { team, box } = await sealed();
		const other = await pairOf(generateTeamKeyPair);
		expect(await openCampaignKeys(box, other, target)).toBeNull();
		for (const moved of [
			{ ...target, surveyId: 's-2' },
			{ ...target, teamId: 't-2' },
			{ ...target, teamKeyVersion: 3 }
		])
			expect(await openCampaignKeys(box, team, moved)).toBeNull();
		const bytes = fromBase64Url(box);
		for (const at of [0, 1, 70, 80, bytes.length - 1]) {
			const changed = bytes.slice();
			changed[at] = (changed[at] ?? 0) ^ 1;
			expect(await openCampaignKeys(toBase64Url(changed), team, target)).toBeNull();
		}
		expect(await openCampaignKeys('not a box', team, target)).toBeNull();
	});

	it('a team public key that is not the team private key’s is refused before sealing', async () => {
		const team = await pairOf(generateTeamKeyPair);
		const swapped = await pairOf(generateTeamKeyPair);
		expect(await matchesTeamKey(team.publicKey, team.privateKey)).toBe(true);
		expect(await matchesTeamKey(swapped.publicKey, team.privateKey)).toBe(false);
		expect(await matchesTeamKey('AAAA', team.privateKey)).toBe(false);
	});
});

describe('team campaign and notice signatures', () => {
	const campaign = {
		surveyId: 's-1',
		questionnaireId: 'coordination',
		publicKey: 'cHVibGlj',
		closesAt: 1_000,
		teamId: 't-1',
		noticeKey: 'bm90aWNl'
	};

	it('a team campaign verifies under its signer only, and only unchanged', async () => {
		const admin = await generateIdentityKeyPair();
		const stranger = await generateIdentityKeyPair();
		const signature = await signTeamCampaign(admin.privateKey, campaign);
		const adminKey = await exportIdentityPublicKey(admin.publicKey);
		expect(await verifyTeamCampaign(adminKey, campaign, signature)).toBe(true);
		expect(
			await verifyTeamCampaign(
				await exportIdentityPublicKey(stranger.publicKey),
				campaign,
				signature
			)
		).toBe(false);
		for (const changed of [
			{ ...campaign, teamId: 't-2' },
			{ ...campaign, noticeKey: 'b3RoZXI' },
			{ ...campaign, publicKey: 'b3RoZXI' },
			{ ...campaign, closesAt: 2_000 }
		])
			expect(await verifyTeamCampaign(adminKey, changed, signature)).toBe(false);
	});

	it('a notice verifies under the campaign’s notice key; any relabel or edit fails', async () => {
		const notice = await pairOf(generateNoticeKeyPair);
		const n: TeamNoticeStatement = {
			teamId: 't-1',
			surveyId: 's-1',
			id: 'n-1',
			publishedAt: 1_700_000_000_000,
			en: 'We now call before each visit.',
			fr: 'Nous appelons désormais avant chaque passage.'
		};
		const signature = await signTeamNotice(notice.privateKey, n);
		expect(await verifyTeamNotice(notice.publicKey, n, signature)).toBe(true);
		for (const changed of [
			{ ...n, teamId: 't-2' },
			{ ...n, surveyId: 's-2' },
			{ ...n, id: 'n-2' },
			{ ...n, publishedAt: n.publishedAt + 1 },
			{ ...n, en: 'We changed nothing.' },
			{ ...n, fr: 'Rien.' }
		])
			expect(await verifyTeamNotice(notice.publicKey, changed, signature)).toBe(false);
		const other = await pairOf(generateNoticeKeyPair);
		expect(await verifyTeamNotice(other.publicKey, n, signature)).toBe(false);
		expect(await verifyTeamNotice(notice.publicKey, n, 'AAAA')).toBe(false);
	});
});
