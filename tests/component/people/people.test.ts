// "My people" and the person's summary as a professional sees them, over Monique's shared records
// (tests/fixtures/people.ts): flags in words with links to their evidence, at most three, the
// search and the sorts; the summary's sections in the person's words, the trend's text
// alternative, who holds a task and who wrote a note, what claims to be the person's but is not
// verified here (in no figure), and what is not shared, said in words.
// In English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { flagsFor } from '$lib/domain/care-team/flags';
import { defaultFollow } from '$lib/domain/care-team/people-list';
import { changesSince, flagInputOf, readShared } from '$lib/domain/care-team/shared-records';
import { personSummary } from '$lib/domain/care-team/summary';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { PersonLoad } from '$lib/state/people';
import PeopleList from '$lib/ui/people/PeopleList.svelte';
import PersonSummary from '$lib/ui/people/PersonSummary.svelte';
import {
	daysAgo,
	MONIQUE_GRANTS,
	moniqueRecords,
	names,
	NOW,
	NURSE,
	OWNER
} from '../../fixtures/people';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ZONE = 'Europe/Paris';

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

function loads(): readonly PersonLoad[] {
	const data = readShared(moniqueRecords(), OWNER);
	const follow = { ...defaultFollow('c-monique', 'Monique Durand'), seenAt: daysAgo(5) };
	const flags = flagsFor(
		flagInputOf(data, { now: NOW, timeZone: ZONE, seenAt: follow.seenAt, noNewsDays: 7 })
	);
	return [
		{
			ok: true,
			row: {
				circleId: 'c-monique',
				name: 'Monique Durand',
				flags,
				lastEntryAt: data.lastEntryAt,
				changes: changesSince(data, follow.seenAt).total,
				follow
			}
		},
		{
			ok: true,
			row: {
				circleId: 'c-andre',
				name: 'André Petit',
				flags: [],
				lastEntryAt: daysAgo(2),
				changes: 0,
				follow: { ...defaultFollow('c-andre', 'André Petit'), seenAt: daysAgo(1) }
			}
		},
		{ ok: false, circleId: 'c-zoe', name: 'Zoé', error: { type: 'pending' } }
	];
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('My people', () => {
	it('shows each person with at most three flags in words, linking to the evidence', async () => {
		render(PeopleList, { loads: loads(), loading: false });
		const flags = page.getByRole('list', { name: 'What needs attention for Monique Durand' });
		await expect.element(flags).toBeVisible();
		const items = flags.getByRole('listitem');
		expect(items.elements()).toHaveLength(3);
		await expect
			.element(
				page.getByRole('link', {
					name: /Systolic pressure outside the target 3 times out of 3 in 7 days/
				})
			)
			.toHaveAttribute('href', '/helping/c-monique/out-of-range');
		await expect
			.element(
				page.getByRole('link', {
					name: /Pain rising: average 6.5\/10 this week, 2.5\/10 the week before/
				})
			)
			.toBeVisible();
		await expect.element(page.getByText('Flag 1 of 3')).toBeInTheDocument();
		await expect.element(page.getByText(/new entries since your last visit/)).toBeVisible();
		await expect.element(page.getByText('Nothing flagged.')).toBeVisible();
		await expect.element(page.getByText(/^Zoé: The person has not confirmed/)).toBeVisible();
		await expectAxeClean();
	});

	it('searches ignoring accents and sorts by name', async () => {
		render(PeopleList, { loads: loads(), loading: false });
		const headings = () =>
			page
				.getByRole('heading', { level: 3 })
				.elements()
				.map((e) => e.textContent);
		expect(headings()).toEqual(['Monique Durand', 'André Petit']);
		await page.getByLabelText('Sort by').selectOptions('Name');
		await expect.poll(headings).toEqual(['André Petit', 'Monique Durand']);
		await page.getByLabelText('Search by name').fill('andre');
		await expect.poll(headings).toEqual(['André Petit']);
		await expect.element(page.getByText('Shown: 1 of 2')).toBeVisible();
		await page.getByLabelText('Search by name').fill('xyz');
		await expect.element(page.getByText('Nobody matches “xyz”.')).toBeVisible();
	});

	it('in French, with the narrow no-break space before the colon', async () => {
		await setLocale('fr', { reload: false });
		render(PeopleList, { loads: loads(), loading: false });
		await expect
			.element(
				page.getByRole('link', {
					name: /Pression systolique hors de la cible 3 fois sur 3 en 7 jours/
				})
			)
			.toBeVisible();
		await expect.element(page.getByText(/^Dernières nouvelles\u202f: /).first()).toBeVisible();
		await expect.element(page.getByLabelText('Trier par')).toBeVisible();
		await expectAxeClean();
	});
});

describe('the person summary', () => {
	const summary = () =>
		personSummary(readShared(moniqueRecords(), OWNER), MONIQUE_GRANTS, {
			now: NOW,
			timeZone: ZONE
		});
	const props = () => ({
		name: 'Monique',
		summary: summary(),
		nameOf: (id: string) => names[id] ?? null,
		preferences: METRIC_UNITS,
		now: NOW
	});

	it('names the member who set a target from the record’s author, not the name typed in it', async () => {
		// The fixture's target says "Dr Martin" in its body; written by Claire's account, it is hers.
		const records = moniqueRecords().map((r) =>
			r.kind === 'target-range'
				? { ...r, author: NURSE, authorCheck: { type: 'verified', accountId: NURSE } as const }
				: r
		);
		render(PersonSummary, {
			...props(),
			summary: personSummary(readShared(records, OWNER), MONIQUE_GRANTS, {
				now: NOW,
				timeZone: ZONE
			})
		});
		await expect.element(page.getByText(/^Target set by Claire on /)).toBeVisible();
		expect(page.getByText(/Dr Martin/).elements()).toEqual([]);
	});

	it('says in words when the writer of a target could not be checked, never naming her', async () => {
		const records = moniqueRecords().map((r) =>
			r.kind === 'target-range'
				? {
						...r,
						author: NURSE,
						authorCheck: {
							type: 'not-verified',
							accountId: NURSE,
							reason: 'bad-signature'
						} as const
					}
				: r
		);
		render(PersonSummary, {
			...props(),
			summary: personSummary(readShared(records, OWNER), MONIQUE_GRANTS, {
				now: NOW,
				timeZone: ZONE
			})
		});
		await expect
			.element(
				page.getByText(
					/^Target set on .+\. Could not check who wrote this: the signature is not Claire’s\.$/u
				)
			)
			.toBeVisible();
		expect(page.getByText(/^Target set by /).elements()).toEqual([]);
	});

	it('lists what claims to be Monique’s but is not verified here, in no figure (EN, FR)', async () => {
		// A member holding the key pushed her measurements with no author and no signature.
		const failed = { type: 'not-verified', accountId: OWNER, reason: 'unsigned' } as const;
		const records = moniqueRecords().map((r) =>
			r.kind === 'measurement' ? { ...r, authorCheck: failed } : r
		);
		const count = records.filter((r) => r.kind === 'measurement').length;
		const checked = personSummary(readShared(records, OWNER), MONIQUE_GRANTS, {
			now: NOW,
			timeZone: ZONE
		});
		expect(checked.trends.filter((t) => t.subject.type === 'metric')).toEqual([]);
		render(PersonSummary, { ...props(), summary: checked });
		await expect
			.element(page.getByRole('heading', { name: 'Not verified as Monique’s' }))
			.toBeVisible();
		await expect
			.element(
				page.getByText(
					`${String(count)} entries say they are Monique’s but could not be checked on this device. They are left out of every figure and flag.`
				)
			)
			.toBeVisible();
		await expect
			.element(
				page
					.getByText(/^Measurements, .+: Could not check who wrote this: it is not signed/u)
					.first()
			)
			.toBeVisible();
		await expectAxeClean();
		await setLocale('fr', { reload: false });
		render(PersonSummary, { ...props(), summary: checked });
		await expect
			.element(page.getByRole('heading', { name: 'Non vérifié comme venant de Monique' }))
			.toBeVisible();
		await expect
			.element(
				page
					.getByText(
						/^Mesures, .+\u202f: Impossible de vérifier qui a écrit ceci\u202f: ce n’est pas signé/u
					)
					.first()
			)
			.toBeVisible();
	});

	it('starts with what matters, then the visit, tasks, trends and notes with names', async () => {
		render(PersonSummary, props());
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Summary: Monique' }))
			.toBeVisible();
		const headings = page
			.getByRole('heading', { level: 2 })
			.elements()
			.map((e) => e.textContent);
		expect(headings.slice(0, 2)).toEqual([
			'What matters to me',
			'Visit summary prepared by Monique'
		]);
		await expect.element(page.getByText('Walk to the market with my granddaughter')).toBeVisible();
		await expect.element(page.getByText('Can I take paracetamol with my new pills?')).toBeVisible();
		await expect
			.element(page.getByRole('listitem').filter({ hasText: 'Pick up the prescription' }))
			.toHaveTextContent(/Pick up the prescription, due .+ taken on by Sophie/);
		await expect.element(page.getByText(/^Note from Claire, /)).toBeVisible();
		await expect
			.element(
				page.getByRole('img', {
					name: /^Systolic pressure, daily averages over 90 days: 4 entries, from 132 mmHg to 155 mmHg/
				})
			)
			.toBeVisible();
		await expect.element(page.getByText('Target: at most 140 mmHg')).toBeVisible();
		await expect.element(page.getByText('Medicines: not shared with you')).toBeVisible();
		await expect.element(page.getByText('Questionnaires: not shared with you')).toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Medicines taken (last 30 days)' }))
			.not.toBeInTheDocument();
		await expectAxeClean();
	});

	it('in French, says what is not shared with the right agreement', async () => {
		await setLocale('fr', { reload: false });
		render(PersonSummary, props());
		await expect.element(page.getByText('Médicaments\u202f: non partagés avec vous')).toBeVisible();
		await expect.element(page.getByText('Décisions\u202f: non partagées avec vous')).toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Ce qui compte pour moi' }))
			.toBeVisible();
		await expectAxeClean();
	});
});
