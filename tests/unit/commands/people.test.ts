// "My people" commands: my follow-up settings for one person are ONE `person-follow` record per
// circle in my own vault, edited in place by ONE commit per save; settings that do not parse, a
// locked vault or a refused commit write nothing and say why.
import { describe, expect, it } from 'vitest';
import { createPeopleCommands, storedFollowsIn } from '$lib/commands/people';
import { defaultFollow, PERSON_FOLLOW_KIND } from '$lib/domain/care-team/people-list';
import { err } from '$lib/domain/result';
import { openCommandStore } from '../../fixtures/vault';

const NOW = Date.UTC(2026, 11, 7, 9);

async function open(options: { readonly locked?: boolean; readonly refuse?: boolean } = {}) {
	const { vault, store, commits } = await openCommandStore(NOW, options);
	const commands = createPeopleCommands({
		store: () => (options.locked === true ? null : store),
		now: () => NOW
	});
	const kept = () => vault.query({ category: 'settings', kinds: [PERSON_FOLLOW_KIND] });
	return { vault, commands, commits, kept };
}

describe('people commands: saveFollow', () => {
	it('writes one record per person, edited in place, one commit per save', async () => {
		const { vault, commands, commits, kept } = await open();
		const first = { ...defaultFollow('circle-marie', 'Maman'), seenAt: NOW - 1000 };
		expect(await commands.saveFollow(first)).toEqual({ ok: true, value: first });
		expect(commits()).toBe(1);
		const second = { ...first, noNewsDays: 5 };
		expect((await commands.saveFollow(second)).ok).toBe(true);
		expect(commits()).toBe(2);
		const records = await kept();
		expect(records).toHaveLength(1);
		expect(records[0]?.body).toEqual(second);
		expect(records[0]?.category).toBe('settings');
		const read = await storedFollowsIn(vault);
		expect(read.get('circle-marie')?.follow).toEqual(second);
		// Another person gets a record of her own.
		expect((await commands.saveFollow(defaultFollow('circle-jean', 'Jean'))).ok).toBe(true);
		expect(await kept()).toHaveLength(2);
	});

	it('refuses settings that do not parse and commits nothing', async () => {
		const { commands, commits, kept } = await open();
		for (const bad of [
			{ ...defaultFollow('circle-marie', 'Maman'), noNewsDays: 0 },
			{ ...defaultFollow('', 'Maman') },
			{ circleId: 'circle-marie' },
			null
		])
			expect(await commands.saveFollow(bad)).toEqual(err({ type: 'invalid-input' }));
		expect(commits()).toBe(0);
		expect(await kept()).toEqual([]);
	});

	it('says the vault is locked, or that the commit was refused', async () => {
		const locked = await open({ locked: true });
		expect(await locked.commands.saveFollow(defaultFollow('c', 'Maman'))).toEqual(
			err({ type: 'locked' })
		);
		expect(locked.commits()).toBe(0);
		const refused = await open({ refuse: true });
		expect(await refused.commands.saveFollow(defaultFollow('c', 'Maman'))).toEqual(
			err({ type: 'commit', error: { type: 'locked' } })
		);
		expect(await refused.kept()).toEqual([]);
	});
});
