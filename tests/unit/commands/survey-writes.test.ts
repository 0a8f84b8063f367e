// The account's survey writes (src/lib/commands/surveys.ts `createSurveyWriteCommands`) on a real
// vault (fake-indexeddb): a draft is kept under its key and read back; a completed questionnaire
// is saved as ONE `survey-response` record with the score the domain computed, and its draft goes;
// answers that do not fit are refused before anything is written; an assignment is made from
// today in the device's zone and ended over the version read; inputs that do not parse reach no
// port and write nothing; a locked vault says so.
import { describe, expect, it, vi } from 'vitest';
import { createSurveyWriteCommands } from '$lib/commands/surveys';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import { SURVEY_ASSIGNMENT, SURVEY_RESPONSE, assignmentsOf } from '$lib/domain/surveys/due';
import { surveyDraftKey, surveyDraftSchema } from '$lib/domain/surveys/draft';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { savedResponseSchema } from '$lib/domain/surveys/saved';
import { err, ok } from '$lib/domain/result';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.parse('2026-12-07T23:30:00Z');
const who5Found = loadQuestionnaires().find((q) => q.id === 'who5');
if (who5Found === undefined) throw new Error('missing');
const who5 = who5Found;
const coding = (code: string) => [{ valueCoding: { code } }];
/** WHO-5 raw 3+3+3+3+3 = 15 → 60. */
const allThree: Answers = Object.fromEntries(
	['who5-1', 'who5-2', 'who5-3', 'who5-4', 'who5-5'].map((id) => [id, coding('3')])
);
const campaign: SignedCampaign = {
	id: 's',
	questionnaireId: 'coordination',
	publicKey: 'p',
	identityKey: 'i',
	signature: 'x',
	closesAt: NOW + 1
};

async function setup(locked = false) {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	const ports = {
		askCircleOwner: vi.fn(() => Promise.resolve(ok(undefined))),
		publishCampaign: vi.fn(() => Promise.resolve(ok(campaign))),
		postNotice: vi.fn(() => Promise.resolve(err({ type: 'offline' as const })))
	};
	const writes = createSurveyWriteCommands({
		now: () => NOW,
		// Paris: 23:30 UTC is already the 8th there.
		timeZone: () => 'Europe/Paris',
		newId: () => 'assignment-1',
		vault: (): Vault | null => (locked ? null : vault),
		...ports
	});
	return { vault, writes, ports };
}

const surveyRecords = (vault: Vault, kind: string) =>
	vault.query({ category: 'surveys', kinds: [kind] });

describe('survey write commands', () => {
	it('keep a draft under its key, read back as the domain reads it', async () => {
		const { vault, writes } = await setup();
		expect(await writes.saveDraft('who5', { 'who5-1': coding('4') }, 1)).toEqual(ok(undefined));
		const draft = surveyDraftSchema.parse(await vault.loadDraft(surveyDraftKey('who5')));
		expect(draft).toEqual({
			version: 1,
			questionnaireId: 'who5',
			answers: { 'who5-1': coding('4') },
			index: 1
		});
		expect(await writes.clearDraft('who5')).toEqual(ok(undefined));
		expect(surveyDraftSchema.safeParse(await vault.loadDraft(surveyDraftKey('who5'))).success).toBe(
			false
		);
	});

	it('save a completed questionnaire as one record with the computed score, then drop its draft', async () => {
		const { vault, writes } = await setup();
		await writes.saveDraft('who5', allThree, 4);
		const saved = await writes.submitResponse(who5, allThree);
		expect(saved.ok && saved.value.score?.value).toBe(60);
		const rows = await surveyRecords(vault, SURVEY_RESPONSE);
		expect(rows).toHaveLength(1);
		const body = savedResponseSchema.parse(rows[0]?.body);
		expect([body.questionnaireId, body.score?.value]).toEqual(['who5', 60]);
		expect(surveyDraftSchema.safeParse(await vault.loadDraft(surveyDraftKey('who5'))).success).toBe(
			false
		);
	});

	it('refuse answers that do not fit, writing nothing', async () => {
		const { vault, writes } = await setup();
		const refused = await writes.submitResponse(who5, { ...allThree, 'who5-2': coding('9') });
		expect(refused.ok ? 'ok' : refused.error.type).toBe('answers');
		expect(await surveyRecords(vault, SURVEY_RESPONSE)).toEqual([]);
	});

	it('assign from today in the device zone, and end it over the version read', async () => {
		const { vault, writes } = await setup();
		expect(
			await writes.assign(vault, {
				questionnaireId: 'who5',
				frequency: { type: 'every-weeks', weeks: 2 },
				by: 'self'
			})
		).toEqual(ok(undefined));
		const [row] = await surveyRecords(vault, SURVEY_ASSIGNMENT);
		const [made] = assignmentsOf(row === undefined ? [] : [row]);
		expect(made?.assignment).toMatchObject({
			id: 'assignment-1',
			questionnaireId: 'who5',
			assignedBy: 'self',
			start: '2026-12-08',
			ended: false
		});
		if (row === undefined) return;
		expect(await writes.endAssignment(vault, row.id)).toEqual(ok(undefined));
		const [ended] = assignmentsOf(await surveyRecords(vault, SURVEY_ASSIGNMENT));
		expect(ended?.assignment.ended).toBe(true);
		const missing = await writes.endAssignment(vault, 'nothing-here');
		expect(missing.ok ? 'ok' : missing.error.type).toBe('assignment-missing');
	});

	it('refuse an assignment that does not parse, writing nothing', async () => {
		const { vault, writes } = await setup();
		const bad = await writes.assign(vault, {
			questionnaireId: 'who5',
			frequency: { type: 'every-weeks', weeks: 0 },
			by: 'self'
		});
		expect(bad.ok ? 'ok' : bad.error.type).toBe('assignment-invalid');
		expect(await surveyRecords(vault, SURVEY_ASSIGNMENT)).toEqual([]);
	});

	it('reach the key work only with a form that parses, and say a port failure as failed', async () => {
		const { writes, ports } = await setup();
		const late = await writes.publishCampaign({ questionnaireId: 'who5', closesAt: NOW }, ['who5']);
		expect(late).toEqual(err({ type: 'publish-form', errors: ['closes'] }));
		const unknown = await writes.publishCampaign({ questionnaireId: 'zz', closesAt: NOW + 9 }, [
			'who5'
		]);
		expect(unknown).toEqual(err({ type: 'publish-form', errors: ['questionnaire'] }));
		expect(ports.publishCampaign).not.toHaveBeenCalled();
		expect(
			await writes.publishCampaign({ questionnaireId: 'who5', closesAt: NOW + 9 }, ['who5'])
		).toEqual(ok(campaign));

		const empty = await writes.postNotice('s', { en: ' ', fr: 'Nous appelons.' });
		expect(empty).toEqual(err({ type: 'notice-form', errors: ['en-missing'] }));
		expect(ports.postNotice).not.toHaveBeenCalled();
		expect(await writes.postNotice('s', { en: 'We call.', fr: 'Nous appelons.' })).toEqual(
			err({ type: 'failed', error: { type: 'offline' } })
		);

		const circle = { circleId: 'c', records: makeVault() };
		const closed = await writes.askPerson(circle, { ...campaign, closesAt: NOW });
		expect(closed).toEqual(err({ type: 'campaign-closed' }));
		expect(ports.askCircleOwner).not.toHaveBeenCalled();
		expect(await writes.askPerson(circle, campaign)).toEqual(ok(undefined));
	});

	it('say the vault is locked', async () => {
		const { writes } = await setup(true);
		expect(await writes.saveDraft('who5', allThree, 0)).toEqual(err({ type: 'locked' }));
		expect(await writes.submitResponse(who5, allThree)).toEqual(err({ type: 'locked' }));
	});
});
