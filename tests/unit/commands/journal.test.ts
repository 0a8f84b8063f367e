// Journal commands: one user action is one vault commit. Logging a symptom under a new name of the
// person's own writes the custom symptom and the entry together, or neither: a refusal of the
// entry (by the domain, or by the vault at commit time) leaves no orphan custom symptom behind.
import { describe, expect, it } from 'vitest';
import { createJournalCommands } from '$lib/commands/journal';
import { createJournalRepo, isKind } from '$lib/vault/repos/journal';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2025, 2, 10, 9, 0);

async function open() {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	let commits = 0;
	const store = {
		commit: (...args: Parameters<typeof vault.commit>) => {
			commits++;
			return vault.commit(...args);
		},
		query: vault.query.bind(vault),
		get: vault.get.bind(vault)
	};
	const repo = createJournalRepo({ store: () => store, now: () => NOW });
	const commands = createJournalCommands({ repo, now: () => NOW });
	return { repo, commands, commits: () => commits };
}

const entry = (severity: number) => ({
	kind: 'symptom',
	at: NOW - 60_000,
	symptom: { source: 'custom', name: 'Tingling' },
	severity
});

describe('journal commands', () => {
	it('creates a symptom of the person’s own and its entry in one commit', async () => {
		const { repo, commands, commits } = await open();
		const logged = await commands.logSymptom({ entry: entry(4), ownName: ' Tingling ' });
		if (!logged.ok) throw new Error(JSON.stringify(logged.error));
		expect(commits()).toBe(1);
		const own = (await repo.list({ kinds: ['custom-symptom'] })).filter(isKind('custom-symptom'));
		expect(own.map((r) => r.body.name)).toEqual(['Tingling']);
		expect(logged.value.body).toMatchObject({
			kind: 'symptom',
			severity: 4,
			symptom: { source: 'custom', customSymptomId: own[0]?.id, name: 'Tingling' }
		});
	});

	it('reuses a name already in the list (any case) instead of creating it twice', async () => {
		const { repo, commands } = await open();
		await commands.logSymptom({ entry: entry(2), ownName: 'Tingling' });
		const again = await commands.logSymptom({ entry: entry(5), ownName: 'tingling' });
		expect(again.ok).toBe(true);
		expect(await repo.list({ kinds: ['custom-symptom'] })).toHaveLength(1);
		expect(await repo.list({ kinds: ['symptom'] })).toHaveLength(2);
	});

	it('leaves nothing when the domain refuses the entry', async () => {
		const { repo, commands, commits } = await open();
		const refused = await commands.logSymptom({ entry: entry(11), ownName: 'Tingling' });
		expect(refused).toMatchObject({
			ok: false,
			error: {
				type: 'invalid',
				errors: [{ path: 'severity', error: { type: 'bounded', field: 'severity' } }]
			}
		});
		expect(commits()).toBe(0);
		expect(await repo.list({ kinds: ['custom-symptom', 'symptom'] })).toEqual([]);
	});

	it('leaves nothing when the vault refuses the entry at commit time', async () => {
		const { repo, commands } = await open();
		// An edit of an entry another tab changed meanwhile: the entry's part of the commit conflicts.
		const first = await commands.saveEntry({
			kind: 'symptom',
			at: NOW - 60_000,
			symptom: { source: 'catalogue', id: 'pain' },
			severity: 3
		});
		if (!first.ok) throw new Error('expected save');
		const other = await commands.saveEntry(
			{ ...first.value.body, severity: 6 },
			{ id: first.value.id, expectedHlc: first.value.hlc }
		);
		expect(other.ok).toBe(true);
		const stale = await commands.logSymptom(
			{ entry: entry(4), ownName: 'Tingling' },
			{ id: first.value.id, expectedHlc: first.value.hlc }
		);
		expect(stale).toMatchObject({ ok: false, error: { type: 'conflict' } });
		expect(await repo.list({ kinds: ['custom-symptom'] })).toEqual([]);
		const symptoms = (await repo.list({ kinds: ['symptom'] })).filter(isKind('symptom'));
		expect(symptoms.map((r) => r.body.severity)).toEqual([6]);
	});

	it('refuses an input that is not a command input, without writing', async () => {
		const { commands, commits } = await open();
		const refused = await commands.logSymptom({ entry: 'nope' } as never);
		expect(refused).toMatchObject({ ok: false, error: { type: 'invalid' } });
		expect(commits()).toBe(0);
	});
});
