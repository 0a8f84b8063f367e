// "Share with my circle" on a decision record, over a fake source (account, circle, outbox, sync):
// without an account it explains why and links to Settings and the Circle page; with a circle it
// names who can read decision records now (active "decisions" grants only: an expired grant, a
// pending member, another category or the owner are left out), "until <date>" when time-limited;
// nobody yet links to the Circle page; a record not saved yet says so; a saved record says whether
// it has been sent, or why not (offline); the circle cannot be loaded offline: said plainly, and
// "Try again" works. In English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Member } from '$lib/contracts/circle';
import type { Grant } from '$lib/domain/circle';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { CircleResult } from '$lib/state/circle.svelte';
import type { SyncStatus } from '$lib/sync/types';
import ShareWithCircle from '$lib/ui/decide/ShareWithCircle.svelte';
import type { ShareSource } from '$lib/ui/decide/share-source';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const NOW = Date.UTC(2026, 10, 26, 9);
const UNTIL = Date.UTC(2030, 5, 30, 12);

function member(
	accountId: string,
	label: string,
	role: Member['role'],
	grants: Grant[],
	status: Member['status'] = 'active'
): Member {
	return {
		accountId,
		label,
		role,
		status,
		joinedAt: NOW - 1000,
		publicKey: 'pk',
		identityKey: 'ik',
		grants
	};
}

const decisions = (until: number | null): Grant => ({
	category: 'decisions',
	access: 'read',
	until
});

const CIRCLE: Member[] = [
	member('acc-owner', 'Marie', 'owner', []),
	member('acc-martin', 'Dr Martin', 'doctor', [decisions(null)]),
	member('acc-claire', 'Claire', 'carer', [
		{ category: 'medications', access: 'write', until: null },
		decisions(UNTIL)
	]),
	member('acc-paul', 'Paul', 'nurse', [decisions(NOW - 60_000)]),
	member('acc-sam', 'Sam', 'pharmacist', [
		{ category: 'medications', access: 'read', until: null }
	]),
	member('acc-zoe', 'Zoé', 'coordinator', [decisions(null)], 'pending')
];

function fakeSource(options: {
	circleId?: string | null;
	isDemo?: boolean;
	loads?: CircleResult<readonly Member[]>[];
	unsent?: boolean;
	syncStatus?: SyncStatus | null;
}) {
	const loads = [...(options.loads ?? [{ ok: true, value: CIRCLE }])];
	const asked: string[] = [];
	const observed: string[] = [];
	const source: ShareSource = {
		isDemo: options.isDemo ?? false,
		circleId: options.circleId === undefined ? 'circle-1' : options.circleId,
		syncStatus: options.syncStatus ?? { kind: 'synced' },
		loadMembers(circleId) {
			asked.push(circleId);
			const next = loads.length > 1 ? loads.shift() : loads[0];
			return Promise.resolve(next ?? { ok: false, error: { type: 'offline' } });
		},
		observeUnsent(recordId, onChange) {
			observed.push(recordId);
			queueMicrotask(() => {
				onChange(options.unsent ?? false);
			});
			return () => undefined;
		},
		now: () => NOW
	};
	return { source, asked, observed };
}

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

const readers = () => page.getByTestId('share-readers');
const sending = () => page.getByTestId('share-sending');

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('share with my circle', () => {
	it('without an account, explains that sharing needs one and links to Settings and the circle', async () => {
		const { source, asked } = fakeSource({ circleId: null });
		render(ShareWithCircle, { recordId: 'rec-1', source });
		await expect
			.element(page.getByRole('heading', { name: 'Share with my circle', level: 2 }))
			.toBeVisible();
		await expect.element(page.getByText(/needs an account and a circle/u)).toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Create an account in Settings' }))
			.toHaveAttribute('href', '/settings/account');
		await expect
			.element(page.getByRole('link', { name: 'Open my circle' }))
			.toHaveAttribute('href', '/circle');
		expect(asked).toEqual([]);
		expect(page.getByRole('button').elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('sans compte, en français', async () => {
		await setLocale('fr', { reload: false });
		const { source } = fakeSource({ circleId: null });
		render(ShareWithCircle, { recordId: null, headingLevel: 3, source });
		await expect
			.element(page.getByRole('heading', { name: 'Partager avec mon cercle', level: 3 }))
			.toBeVisible();
		await expect.element(page.getByText(/il faut un compte et un cercle/u)).toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Créer un compte dans les Réglages' }))
			.toHaveAttribute('href', '/settings/account');
		await expect
			.element(page.getByRole('link', { name: 'Ouvrir mon cercle' }))
			.toHaveAttribute('href', '/circle');
		await expectAxeClean();
	});

	it('names who can read decision records now, leaving out expired grants, other categories, pending members and the owner', async () => {
		const { source, asked, observed } = fakeSource({});
		render(ShareWithCircle, { recordId: 'rec-1', source });
		await expect
			.element(readers())
			.toHaveTextContent(
				'Dr Martin (doctor) and Claire (carer, until June 30, 2030) can read your decision records.'
			);
		const text = document.body.textContent;
		for (const absent of ['Paul', 'Sam', 'Zoé', 'Marie', 'acc-'])
			expect(text).not.toContain(absent);
		expect(asked).toEqual(['circle-1']);
		expect(observed).toEqual(['rec-1']);
		await expect.element(sending()).toHaveTextContent('Your record has been sent, encrypted.');
		await expect
			.element(page.getByRole('link', { name: 'Change who can read them' }))
			.toHaveAttribute('href', '/circle');
		await expectAxeClean();
	});

	it('in French: one reader, then two, with the date in French', async () => {
		await setLocale('fr', { reload: false });
		const one = fakeSource({ loads: [{ ok: true, value: CIRCLE.slice(2) }] });
		const first = render(ShareWithCircle, { recordId: 'rec-1', source: one.source });
		await expect
			.element(readers())
			.toHaveTextContent('Claire (aidant·e, jusqu’au 30 juin 2030) peut lire vos décisions.');
		await expectAxeClean();
		await first.unmount();
		const two = fakeSource({});
		render(ShareWithCircle, { recordId: 'rec-1', source: two.source });
		await expect
			.element(readers())
			.toHaveTextContent(
				'Dr Martin (médecin) et Claire (aidant·e, jusqu’au 30 juin 2030) peuvent lire vos décisions.'
			);
		await expect.element(sending()).toHaveTextContent('Votre décision a été envoyée, chiffrée.');
	});

	it('says nobody can read decisions yet and links to the circle; a record not saved yet says so', async () => {
		const { source, observed } = fakeSource({
			loads: [
				{ ok: true, value: CIRCLE.filter((x) => x.label !== 'Dr Martin' && x.label !== 'Claire') }
			]
		});
		render(ShareWithCircle, { recordId: null, headingLevel: 3, source });
		await expect
			.element(readers())
			.toHaveTextContent('Nobody in your circle can read your decisions yet.');
		await expect
			.element(page.getByRole('link', { name: 'Give someone access to “Decisions” in my circle' }))
			.toHaveAttribute('href', '/circle');
		await expect.element(sending()).toHaveTextContent(/This record is not saved yet/u);
		expect(observed).toEqual([]);
		await expectAxeClean();
	});

	it('offline: says the circle cannot be checked and the record waits for the network; Try again loads it', async () => {
		const { source, asked } = fakeSource({
			loads: [
				{ ok: false, error: { type: 'offline' } },
				{ ok: true, value: CIRCLE }
			],
			unsent: true,
			syncStatus: { kind: 'offline', pending: 1 }
		});
		render(ShareWithCircle, { recordId: 'rec-1', source });
		await expect.element(page.getByText(/You are offline, so Cercle cannot check/u)).toBeVisible();
		await expect
			.element(sending())
			.toHaveTextContent('Your record is not sent yet: it will be sent when you are back online.');
		await expectAxeClean();
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect.element(readers()).toHaveTextContent(/^Dr Martin \(doctor\) and Claire/u);
		expect(asked).toEqual(['circle-1', 'circle-1']);
		expect(page.getByRole('button').elements()).toHaveLength(0);
	});

	it('hors ligne, en français, et une erreur du serveur', async () => {
		await setLocale('fr', { reload: false });
		const offline = fakeSource({
			loads: [{ ok: false, error: { type: 'offline' } }],
			unsent: true,
			syncStatus: { kind: 'offline', pending: 2 }
		});
		const first = render(ShareWithCircle, { recordId: 'rec-1', source: offline.source });
		await expect.element(page.getByText(/Vous êtes hors ligne/u)).toBeVisible();
		await expect
			.element(sending())
			.toHaveTextContent(
				'Votre décision n’est pas encore envoyée : elle le sera quand vous serez de nouveau en ligne.'
			);
		await expectAxeClean();
		await first.unmount();
		const failing = fakeSource({
			loads: [{ ok: false, error: { type: 'http', code: 'internal' } }],
			unsent: true,
			syncStatus: { kind: 'error', reason: { type: 'rejected', count: 1 }, pending: 1 }
		});
		render(ShareWithCircle, { recordId: 'rec-1', source: failing.source });
		await expect.element(page.getByText(/le serveur n’a pas répondu/u)).toBeVisible();
		await expect.element(sending()).toHaveTextContent(/Cercle réessaiera/u);
	});

	it('the sample journal cannot be shared', async () => {
		const { source, asked } = fakeSource({ isDemo: true });
		render(ShareWithCircle, { recordId: 'rec-1', source });
		await expect.element(page.getByText(/The sample journal cannot be shared/u)).toBeVisible();
		expect(asked).toEqual([]);
		await expectAxeClean();
	});
});
