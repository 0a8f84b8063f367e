// The visit summary command: saving is ONE commit of a `visit-summary` record in `plan`, a new
// record the first time and the same record after; a body that does not parse, a locked vault or
// a refused commit write nothing and say why (the domain's typed issues for a bad field).
import { describe, expect, it } from 'vitest';
import { createVisitSummaryCommands } from '$lib/commands/visit-summary';
import { err } from '$lib/domain/result';
import { VISIT_SUMMARY_KIND, type VisitSummaryBody } from '$lib/domain/plan/visit-summary';
import { openCommandStore } from '../../fixtures/vault';

const NOW = Date.UTC(2026, 11, 7, 9);

const body = (overrides: Partial<VisitSummaryBody> = {}): VisitSummaryBody => ({
	schemaVersion: 1,
	visitDate: '2026-12-10',
	withWhom: 'Dr Martin',
	changes: 'Knee pain worse in the mornings.',
	questions: [{ id: 'q1', text: 'Can I keep walking every day?' }],
	wants: 'A plan for the pain.',
	decisions: [],
	agreed: '',
	...overrides
});

async function open(options: { readonly locked?: boolean; readonly refuse?: boolean } = {}) {
	const { vault, store, commits } = await openCommandStore(NOW, options);
	const commands = createVisitSummaryCommands({
		store: () => (options.locked === true ? null : store),
		now: () => NOW
	});
	const kept = () => vault.query({ category: 'plan', kinds: [VISIT_SUMMARY_KIND] });
	return { commands, commits, kept };
}

describe('visit summary commands', () => {
	it('saves a new summary in one commit to plan, then edits the same record', async () => {
		const { commands, commits, kept } = await open();
		const created = await commands.saveVisitSummary(null, body());
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		expect(commits()).toBe(1);
		const edited = await commands.saveVisitSummary(
			created.value,
			body({ agreed: ' Physio twice a week. ' })
		);
		expect(edited).toEqual({ ok: true, value: created.value });
		expect(commits()).toBe(2);
		const records = await kept();
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({
			id: created.value,
			category: 'plan',
			at: NOW,
			body: body({ agreed: 'Physio twice a week.' })
		});
	});

	it('refuses a body that does not parse, with the schema’s issues, and commits nothing', async () => {
		const { commands, commits, kept } = await open();
		expect(
			await commands.saveVisitSummary(null, body({ questions: [{ id: 'q1', text: '  ' }] }))
		).toEqual(err({ type: 'invalid', issues: [{ type: 'question-empty' }] }));
		expect(await commands.saveVisitSummary(null, body({ withWhom: 'x'.repeat(201) }))).toEqual(
			err({ type: 'invalid', issues: [{ type: 'too-long', max: 200 }] })
		);
		expect(
			await commands.saveVisitSummary(
				null,
				body({ questions: [{ id: 'q1', text: 'y'.repeat(501) }], visitDate: '10/12/2026' })
			)
		).toEqual(
			err({ type: 'invalid', issues: [{ type: 'invalid' }, { type: 'too-long', max: 500 }] })
		);
		expect(commits()).toBe(0);
		expect(await kept()).toEqual([]);
	});

	it('says the vault is locked, or that the commit was refused', async () => {
		const locked = await open({ locked: true });
		expect(await locked.commands.saveVisitSummary(null, body())).toEqual(err({ type: 'locked' }));
		expect(locked.commits()).toBe(0);
		const refused = await open({ refuse: true });
		expect(await refused.commands.saveVisitSummary(null, body())).toEqual(
			err({ type: 'commit', error: { type: 'locked' } })
		);
		expect(await refused.kept()).toEqual([]);
	});
});
