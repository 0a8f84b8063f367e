// A task event whose writer could not be checked (issue 14, trust between members) is said in
// words on its card, in English and in French: what it names, and why it was not counted.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import TaskCard from '$lib/ui/plan/TaskCard.svelte';
import type { BoardTaskState } from '$lib/domain/plan/board';
import { pharmacyTask } from './fake-circle';

afterEach(() => {
	void setLocale('en', { reload: false });
});

const item: BoardTaskState = {
	task: { ...pharmacyTask('person'), id: 'task-1' },
	status: 'open',
	claimedBy: null,
	completedBy: null,
	comments: [],
	conflicts: [],
	uncounted: [
		{
			type: 'claim',
			hlc: '001733400000000-0000-00000000000000a1',
			writer: { type: 'not-verified', accountId: 'lea', reason: 'bad-signature' }
		}
	]
};

const props = {
	item,
	me: 'person',
	ownerId: 'person',
	canWrite: true,
	nameOf: (id: string) => (id === 'lea' ? 'Léa' : id),
	onaction: () => undefined,
	onedit: () => undefined,
	oncomment: () => Promise.resolve(true)
};

describe('a task card with an unchecked claim', () => {
	it('says the claim naming Léa was not counted, and why; the task is still open', async () => {
		render(TaskCard, props);
		const card = page.getByRole('article');
		await expect
			.element(card)
			.toHaveTextContent(
				'A claim naming Léa was not counted. Could not check who wrote this: the signature is not Léa’s.'
			);
		await expect.element(card).toHaveTextContent(/Nobody has taken it on yet/);
	});

	it('in French', async () => {
		await setLocale('fr', { reload: false });
		render(TaskCard, props);
		await expect
			.element(page.getByRole('article'))
			.toHaveTextContent(
				/Une prise en charge au nom de Léa n’a pas été prise en compte\. Impossible de vérifier qui a écrit ceci\s?: la signature n’est pas celle de Léa\./
			);
	});
});
