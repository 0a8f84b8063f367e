// A task taken on by a carer who was then removed from the circle (issue 11 §6): on the person's
// board it is open again with a note, not "Taken on by someone in the circle" with "Give it back";
// the person can take it on herself in one tap, and the fold agrees (the claim is really hers).
// Where nobody is known to have left, a claim stays a claim. A carer's own view of the person's
// board says the same (issue 11, left from the first pass): she may take the task on, and every
// device that knows who left agrees it is hers. English and French.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import { recordsToStates, releaseDeparted } from '$lib/domain/plan/board';
import TaskBoard from '$lib/ui/plan/TaskBoard.svelte';
import { fakeCircle, pharmacyTask } from '../plan/fake-circle';

const TODAY = '2026-11-26';

afterEach(async () => {
	await setLocale('en', { reload: false });
});

function circleWithClaireGone() {
	const circle = fakeCircle({ me: 'person', names: {}, members: [] });
	const task = circle.seedTask(pharmacyTask('person'));
	circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'claire' });
	const view = { ...circle.view, departed: (id: string) => id === 'claire' };
	return { circle, view };
}

describe('claims of someone who left the circle', () => {
	it('are open again with a note, and the person can take the task on', async () => {
		const { circle, view } = circleWithClaireGone();
		render(TaskBoard, { view, today: TODAY });
		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect
			.element(card)
			.toHaveTextContent(/Taken on by someone who has left the circle: it is open again\./u);
		await expect.element(card).not.toHaveTextContent(/someone in the circle/u);
		await expect
			.element(card.getByRole('button', { name: /Give it back/u }))
			.not.toBeInTheDocument();
		await card.getByRole('button', { name: /I’ll do it/u }).click();
		await expect.element(card).toHaveTextContent(/Taken on by you/u);
		const [state] = recordsToStates(circle.records, 'person');
		expect([state?.status, state?.claimedBy]).toEqual(['claimed', 'person']);
	});

	it('says it in French', async () => {
		await setLocale('fr', { reload: false });
		const { view } = circleWithClaireGone();
		render(TaskBoard, { view, today: TODAY });
		await expect
			.element(page.getByRole('article', { name: 'Pharmacy on Friday' }))
			.toHaveTextContent(/quelqu’un qui a quitté le cercle\s: elle est de nouveau ouverte/u);
	});

	it('stay claims where nobody is known to have left', async () => {
		const circle = fakeCircle({ me: 'person', names: {}, members: [] });
		const task = circle.seedTask(pharmacyTask('person'));
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'claire' });
		render(TaskBoard, { view: circle.view, today: TODAY });
		await expect
			.element(page.getByRole('article', { name: 'Pharmacy on Friday' }))
			.toHaveTextContent(/Taken on by someone in the circle/u);
	});
});

/** Bernard's view (a carer) of Odette's board, where Claire, who left, had taken a task on. */
function carerViewWithClaireGone() {
	const circle = fakeCircle({ me: 'bernard', ownerId: 'person', names: { person: 'Odette' } });
	const task = circle.seedTask(pharmacyTask('person'));
	circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'claire' });
	const view = { ...circle.view, departed: (id: string) => id === 'claire' };
	return { circle, view };
}

describe('a carer’s view of claims of someone who left', () => {
	it('shows them open with the same note, and the carer can take the task on', async () => {
		const { circle, view } = carerViewWithClaireGone();
		render(TaskBoard, { view, today: TODAY });
		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect
			.element(card)
			.toHaveTextContent(/Taken on by someone who has left the circle: it is open again\./u);
		await expect.element(card).not.toHaveTextContent(/someone in the circle/u);
		await card.getByRole('button', { name: /I’ll do it/u }).click();
		await expect.element(card).toHaveTextContent(/Taken on by you/u);
		// Her claim lost to Claire's in the fold; knowing Claire left, every device gives it to her.
		const states = releaseDeparted(
			recordsToStates(circle.records, 'person'),
			(id) => id === 'claire'
		);
		expect([states[0]?.status, states[0]?.claimedBy, states[0]?.conflicts]).toEqual([
			'claimed',
			'bernard',
			[]
		]);
	});

	it('says it in French', async () => {
		await setLocale('fr', { reload: false });
		const { view } = carerViewWithClaireGone();
		render(TaskBoard, { view, today: TODAY });
		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect
			.element(card)
			.toHaveTextContent(/quelqu’un qui a quitté le cercle\s: elle est de nouveau ouverte/u);
		await expect.element(card).not.toHaveTextContent(/une personne du cercle/u);
	});
});

describe('releaseDeparted', () => {
	it('gives a released task to the first later claim by someone still in the circle', () => {
		const circle = fakeCircle({ me: 'person' });
		const task = circle.seedTask(pharmacyTask('person'));
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'claire' });
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'dora' });
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'bernard' });
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'emile' });
		const gone = (id: string) => id === 'claire' || id === 'dora';
		const [state] = releaseDeparted(recordsToStates(circle.records, 'person'), gone);
		expect(state?.status).toBe('claimed');
		expect(state?.claimedBy).toBe('bernard');
		expect(state?.releasedFrom).toBeUndefined();
		expect(state?.conflicts.map((c) => [c.actor, c.claimedBy])).toEqual([['emile', 'bernard']]);
	});
});
