// The words a member's view of the person's notes shows for Learn's records: a shared or
// recommended article becomes a title and a link to the article, in the UI language; anything
// else (another kind, a tombstone, an article not in the library) is not an article note.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime.js';
import { articleNoteToLink, recommenderNames } from '$lib/ui/learn/circle-notes';

const TITLES = new Map([['sleep', 'Sleeping better']]);
const TITRES = new Map([['sleep', 'Mieux dormir']]);
const base = { id: 'r1', at: Date.UTC(2026, 10, 2), deleted: false };

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('articleNoteToLink', () => {
	it('turns a shared article into a title and a link, with the message', () => {
		const link = articleNoteToLink(
			{ ...base, kind: 'shared-article', body: { articleId: 'sleep', language: 'en', note: 'Hi' } },
			TITLES
		);
		expect(link).toEqual({
			title: 'Shared article: Sleeping better',
			href: '/learn/sleep',
			articleId: 'sleep',
			kind: 'shared',
			note: 'Hi'
		});
	});

	it('names a recommendation in French', () => {
		void setLocale('fr', { reload: false });
		const link = articleNoteToLink(
			{ ...base, kind: 'article-recommendation', author: 'nurse', body: { articleId: 'sleep' } },
			TITRES
		);
		expect(link).toEqual({
			title: 'Article recommandé\u202f: Mieux dormir',
			href: '/learn/sleep',
			articleId: 'sleep',
			kind: 'recommended'
		});
	});

	it('gives null for other notes, tombstones and unknown articles', () => {
		const body = { articleId: 'sleep', language: 'en' };
		expect(articleNoteToLink({ ...base, kind: 'note', body }, TITLES)).toBeNull();
		expect(
			articleNoteToLink({ ...base, kind: 'shared-article', deleted: true, body }, TITLES)
		).toBeNull();
		expect(
			articleNoteToLink(
				{ ...base, kind: 'article-recommendation', body: { articleId: 'miracle-cure' } },
				TITLES
			)
		).toBeNull();
	});
});

describe('recommenderNames', () => {
	it('joins names in the UI language and names unknown authors generically', () => {
		expect(recommenderNames(['Anne', null])).toBe('Anne and a member of your care team');
		void setLocale('fr', { reload: false });
		expect(recommenderNames(['Anne', 'Bruno', 'Anne'])).toBe('Anne et Bruno');
	});
});
