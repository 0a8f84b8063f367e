// The survey commands (src/lib/commands/surveys.ts): a form that does not parse reaches no port
// (nothing is sealed or sent) and says which field; a professional the person was not offered is
// never put in a ballot; "rather not say" sends none; a port's failure comes back as `failed`.
import { describe, expect, it, vi } from 'vitest';
import { createSurveyCommands } from '$lib/commands/surveys';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { err, ok } from '$lib/domain/result';
import { professionalChoices } from '$lib/domain/surveys/team-forms';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const campaign: SignedCampaign = {
	id: 's',
	questionnaireId: 'coordination',
	publicKey: 'p',
	identityKey: 'i',
	signature: 'x',
	closesAt: NOW + 1
};
const found = loadQuestionnaires().find((q) => q.id === 'collaborate');
if (found === undefined) throw new Error('missing');
const questionnaire = found;

function make() {
	const ports = {
		publishTeamCampaign: vi.fn(() => Promise.resolve(ok(campaign))),
		postTeamNotice: vi.fn(() => Promise.resolve(err({ type: 'offline' as const }))),
		sendBallot: vi.fn(
			(_i: string, _q: Questionnaire, _a: Answers, _now: number, _p: string | null) =>
				Promise.resolve(ok({ type: 'counted' as const }))
		)
	};
	const commands = createSurveyCommands({
		now: () => NOW,
		questionnaireIds: () => ['coordination', 'collaborate'],
		...ports
	});
	return { ports, commands };
}

describe('survey commands', () => {
	it('publishes only a known questionnaire closing after today', async () => {
		const { ports, commands } = make();
		const bad = await commands.publishTeamSurvey({
			teamId: 't',
			questionnaireId: 'eq5d',
			closes: '2026-12-01'
		});
		expect(bad).toEqual({
			ok: false,
			error: { type: 'publish-form', errors: ['questionnaire', 'closes'] }
		});
		expect(await commands.publishTeamSurvey({ teamId: 't', closes: 'soon' })).toEqual({
			ok: false,
			error: { type: 'publish-form', errors: ['questionnaire', 'closes'] }
		});
		expect(ports.publishTeamCampaign).not.toHaveBeenCalled();
		const good = await commands.publishTeamSurvey({
			teamId: 't',
			questionnaireId: 'coordination',
			closes: '2027-01-31'
		});
		expect(good).toEqual({ ok: true, value: campaign });
		expect(ports.publishTeamCampaign).toHaveBeenCalledWith('t', {
			questionnaireId: 'coordination',
			closesAt: Date.parse('2027-01-31T23:59:59.999Z')
		});
	});

	it('posts a notice only in both languages, trimmed; a failure is `failed`', async () => {
		const { ports, commands } = make();
		expect(await commands.postTeamNotice('t', 's', { en: '  ', fr: 'Oui' })).toEqual({
			ok: false,
			error: { type: 'notice-form', errors: ['en-missing'] }
		});
		expect(await commands.postTeamNotice('t', 's', { en: 'a'.repeat(2001), fr: 'b' })).toEqual({
			ok: false,
			error: { type: 'notice-form', errors: ['too-long'] }
		});
		expect(ports.postTeamNotice).not.toHaveBeenCalled();
		expect(
			await commands.postTeamNotice('t', 's', { en: ' We call. ', fr: 'Nous appelons.' })
		).toEqual({ ok: false, error: { type: 'failed', error: { type: 'offline' } } });
		expect(ports.postTeamNotice).toHaveBeenCalledWith('t', 's', {
			en: 'We call.',
			fr: 'Nous appelons.'
		});
	});

	it('seals only a professional the person was offered, or none', async () => {
		const { ports, commands } = make();
		const base = { invitation: 'inv', questionnaire, answers: {}, offered: ['anne', 'bruno'] };
		expect(await commands.answerExperienceSurvey({ ...base, professional: 'mallory' })).toEqual({
			ok: false,
			error: { type: 'unknown-professional' }
		});
		expect(ports.sendBallot).not.toHaveBeenCalled();
		await commands.answerExperienceSurvey({ ...base, professional: 'bruno' });
		await commands.answerExperienceSurvey({ ...base, professional: '' });
		expect(ports.sendBallot.mock.calls.map((c) => c[4])).toEqual(['bruno', null]);
	});
});

describe('professional choices', () => {
	it('offers the active, named professionals of the circle: not the person, carers or unnamed', () => {
		const member = (accountId: string, role: string, label: string, status = 'active') => ({
			accountId,
			role,
			label,
			status
		});
		expect(
			professionalChoices([
				member('me', 'owner', 'Marie'),
				member('anne', 'nurse', ' Anne '),
				member('zoe', 'carer', 'Zoé'),
				member('bruno', 'doctor', 'Dr Bruno'),
				member('x', 'pharmacist', '  '),
				member('late', 'nurse', 'Léa', 'pending')
			])
		).toEqual([
			{ id: 'anne', name: 'Anne' },
			{ id: 'bruno', name: 'Dr Bruno' }
		]);
	});
});
