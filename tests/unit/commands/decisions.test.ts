// Decision commands: saving a decision record is ONE commit to `decisions`, and the draft is
// cleared only after it; a refusal (bad draft, SURE unanswered, an option the aid does not have,
// the vault locked or refusing the commit) commits nothing and keeps the draft, and says why.
import { describe, expect, it } from 'vitest';
import { getAid } from '$lib/content/load';
import { createDecisionCommands, DECISION_RECORD } from '$lib/commands/decisions';
import {
	decisionDraftKey,
	emptyDraft,
	parseDecisionDraft,
	type DecisionDraft
} from '$lib/domain/decisions/draft';
import { decisionRecordSchema } from '$lib/domain/decisions/record';
import { err } from '$lib/domain/result';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = new Date(2026, 10, 26, 15, 30).getTime();
const AID_ID = 'statin-primary-prevention';
const found = getAid(AID_ID, 'en');
if (found === undefined) throw new Error('fixture aid missing');
const aid = found;

/** A person who leans against daily tablets, has not decided, and answered the SURE test. */
function answered(overrides: Partial<DecisionDraft> = {}): DecisionDraft {
	return {
		...emptyDraft(AID_ID),
		step: 7,
		reasons: ' I want to try walking more first. ',
		sliders: { 'daily-tablet': 90 },
		questions: 'Can we check my risk again in a year?\n\n',
		sure: { sure: false, understand: true, risks: true, encouragement: true },
		...overrides
	};
}

async function open(options: { readonly locked?: boolean; readonly refuse?: boolean } = {}) {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	let commits = 0;
	const store = {
		commit: (...args: Parameters<typeof vault.commit>) => {
			commits++;
			return options.refuse === true
				? Promise.resolve(err({ type: 'locked' as const }))
				: vault.commit(...args);
		},
		saveDraft: vault.saveDraft.bind(vault),
		clearDraft: vault.clearDraft.bind(vault)
	};
	const commands = createDecisionCommands({
		store: () => (options.locked === true ? null : store),
		now: () => NOW
	});
	const draft = async () =>
		parseDecisionDraft(await vault.loadDraft(decisionDraftKey(AID_ID)), AID_ID);
	const saved = () => vault.query({ category: 'decisions', kinds: [DECISION_RECORD] });
	return { commands, commits: () => commits, draft, saved };
}

describe('decision commands', () => {
	it('saves the record in one commit to decisions, then clears the draft', async () => {
		const { commands, commits, draft, saved } = await open();
		expect(await commands.saveDraft(answered())).toEqual({ ok: true, value: null });
		expect(await draft()).toEqual(answered());
		const result = await commands.saveRecord(aid, answered());
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		expect(commits()).toBe(1);
		expect(result.value).toMatchObject({
			aidId: AID_ID,
			date: '2026-11-26',
			choice: { kind: 'undecided' },
			reasons: 'I want to try walking more first.',
			questions: ['Can we check my risk again in a year?'],
			sure: { score: 3, needsDiscussion: true }
		});
		const records = await saved();
		expect(records).toHaveLength(1);
		expect(decisionRecordSchema.parse(records[0]?.body)).toEqual(result.value);
		expect(await draft()).toBeNull();
	});

	it('refuses an unanswered SURE test, commits nothing and keeps the draft', async () => {
		const { commands, commits, draft, saved } = await open();
		const unsure = answered({
			sure: { sure: true, understand: null, risks: true, encouragement: true }
		});
		await commands.saveDraft(unsure);
		expect(await commands.saveRecord(aid, unsure)).toEqual(err({ type: 'sure-incomplete' }));
		expect(commits()).toBe(0);
		expect(await saved()).toEqual([]);
		expect(await draft()).toEqual(unsure);
	});

	it('refuses a choice the aid does not have, as the domain’s typed error', async () => {
		const { commands, commits } = await open();
		const refused = await commands.saveRecord(aid, answered({ choice: 'homeopathy' }));
		expect(refused).toEqual(
			err({ type: 'record', error: { type: 'unknown-option', optionId: 'homeopathy' } })
		);
		expect(commits()).toBe(0);
	});

	it('refuses a draft that does not parse or is another aid’s, writing nothing', async () => {
		const { commands, commits, draft } = await open();
		expect(await commands.saveDraft({ ...answered(), step: 99 })).toEqual(
			err({ type: 'invalid-draft' })
		);
		expect(await draft()).toBeNull();
		expect(await commands.saveRecord(aid, answered({ aidId: 'another-aid' }))).toEqual(
			err({ type: 'invalid-draft' })
		);
		expect(commits()).toBe(0);
	});

	it('says the vault is locked, or that it refused the commit, and keeps the draft', async () => {
		const locked = await open({ locked: true });
		expect(await locked.commands.saveRecord(aid, answered())).toEqual(err({ type: 'locked' }));
		expect(await locked.commands.saveDraft(answered())).toEqual(err({ type: 'locked' }));
		expect(locked.commits()).toBe(0);

		const refusing = await open({ refuse: true });
		await refusing.commands.saveDraft(answered());
		expect(await refusing.commands.saveRecord(aid, answered())).toEqual(
			err({ type: 'commit', error: { type: 'locked' } })
		);
		expect(await refusing.saved()).toEqual([]);
		expect(await refusing.draft()).toEqual(answered());
	});

	it('starts again: the draft is forgotten, nothing is committed', async () => {
		const { commands, commits, draft } = await open();
		await commands.saveDraft(answered());
		expect(await commands.restart(AID_ID)).toEqual({ ok: true, value: null });
		expect(await draft()).toBeNull();
		expect(commits()).toBe(0);
	});
});
