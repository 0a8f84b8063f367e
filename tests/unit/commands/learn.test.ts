// Learn commands over a real vault (fake-indexeddb): a mark is put on an article and taken off by
// ONE commit each; sharing an article is one commit of a known article only; taking a share back
// (or dismissing recommendations) is ONE commit of a tombstone for every record behind it.
// Refusals (an article id that does not parse or is not in the library, a refused commit) write
// nothing and say why.
import { describe, expect, it } from 'vitest';
import { createLearnCommands, LEARN_MARK_KINDS } from '$lib/commands/learn';
import type { CircleView } from '$lib/domain/circle-view';
import { ARTICLE_NOTE_CATEGORY, SHARED_ARTICLE_KIND } from '$lib/domain/education/circle-articles';
import { openCommandStore } from '../../fixtures/vault';

const NOW = Date.UTC(2026, 11, 7, 9);
const KNOWN = new Set(['sleep', 'staying-active']);

async function open(options: { readonly refuse?: boolean } = {}) {
	const { vault, store, commits } = await openCommandStore(NOW, options);
	const view: CircleView = {
		circleId: 'own',
		me: 'me',
		ownerId: 'me',
		isOwner: true,
		ownerName: '',
		canRead: () => true,
		canWrite: () => true,
		nameOf: () => null,
		records: {
			...store,
			get: (category, id) => vault.get(category, id),
			observe: () => () => undefined
		}
	};
	const commands = createLearnCommands({ now: () => NOW });
	const marks = () =>
		vault.query({
			category: 'settings',
			kinds: [LEARN_MARK_KINDS.bookmark, LEARN_MARK_KINDS.read]
		});
	const shares = () =>
		vault.query({ category: ARTICLE_NOTE_CATEGORY, kinds: [SHARED_ARTICLE_KIND] });
	return { store, view, commands, commits, marks, shares };
}

describe('learn commands', () => {
	it('puts a mark on an article, then takes it off, one commit each', async () => {
		const { store, commands, commits, marks } = await open();
		expect(await commands.toggleMark(store, 'bookmark', 'sleep', undefined)).toEqual({
			ok: true,
			value: undefined
		});
		expect(await commands.toggleMark(store, 'read', 'sleep', undefined)).toEqual({
			ok: true,
			value: undefined
		});
		expect(commits()).toBe(2);
		const put = await marks();
		expect(put.map((r) => [r.kind, r.body])).toEqual(
			expect.arrayContaining([
				['learn-bookmark', { articleId: 'sleep' }],
				['learn-read', { articleId: 'sleep' }]
			])
		);
		const bookmark = put.find((r) => r.kind === 'learn-bookmark');
		expect((await commands.toggleMark(store, 'bookmark', 'sleep', bookmark?.id)).ok).toBe(true);
		expect(commits()).toBe(3);
		expect((await marks()).map((r) => r.kind)).toEqual(['learn-read']);
	});

	it('refuses a mark with no article, and reports a refused commit, writing nothing', async () => {
		const { store, commands, commits, marks } = await open();
		expect(await commands.toggleMark(store, 'bookmark', '', undefined)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
		expect(commits()).toBe(0);
		const refused = await open({ refuse: true });
		expect(await refused.commands.toggleMark(refused.store, 'read', 'sleep', undefined)).toEqual({
			ok: false,
			error: { type: 'save-failed', cause: 'locked' }
		});
		expect(await marks()).toEqual([]);
		expect(await refused.marks()).toEqual([]);
	});

	it('shares a known article in one commit and refuses an unknown one', async () => {
		const { view, commands, commits, shares } = await open();
		expect(
			await commands.shareArticle(
				view,
				{ articleId: 'miracle-cure', language: 'en', note: '' },
				KNOWN
			)
		).toEqual({ ok: false, error: { type: 'unknown-article', articleId: 'miracle-cure' } });
		expect(commits()).toBe(0);
		const shared = await commands.shareArticle(
			view,
			{ articleId: 'sleep', language: 'fr', note: ' Pour Claire ' },
			KNOWN
		);
		expect(shared.ok).toBe(true);
		expect(commits()).toBe(1);
		expect((await shares()).map((r) => r.body)).toEqual([
			{ articleId: 'sleep', language: 'fr', note: 'Pour Claire' }
		]);
	});

	it('takes back every record behind a share in one commit of tombstones', async () => {
		const { view, commands, commits, shares } = await open();
		for (const note of ['first', 'second'])
			await commands.shareArticle(view, { articleId: 'sleep', language: 'en', note }, KNOWN);
		const ids = (await shares()).map((r) => r.id);
		expect(ids).toHaveLength(2);
		expect(await commands.removeArticleNotes(view, [])).toEqual({ ok: true, value: undefined });
		expect(commits()).toBe(2);
		expect((await commands.removeArticleNotes(view, ids)).ok).toBe(true);
		expect(commits()).toBe(3);
		expect(await shares()).toEqual([]);
	});
});
