// The member view of a person's circle over an in-memory CircleView: the grants (read / write,
// until when), the recent entries of each readable category newest first with who wrote them,
// nothing of an unreadable category, a measurement written on the person's behalf with this
// member as author, no forms without a write grant, a category taken back disappears on refresh; a
// decision record read as the person's summary with the aid's words in the member's language, an
// article shared or recommended in "notes" as a link to it, a record that does not parse shown as
// unreadable; an entry that claims to be the person’s but is not verified here marked so; in
// English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import { getAid } from '$lib/content/load';
import type { Category } from '$lib/domain/categories';
import type { Grant } from '$lib/domain/circle';
import { buildDecisionRecord, type DecisionAnswers } from '$lib/domain/decisions/record';
import type { CircleView } from '$lib/domain/circle-view';
import type { RecordOp, VaultRecord } from '$lib/domain/records';
import MemberView from '$lib/ui/circle/MemberView.svelte';
import MemberViewHarness from './MemberViewHarness.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const T = Date.UTC(2025, 2, 10, 9);

function record(
	category: Category,
	at: number,
	body: Record<string, unknown> & { kind: string },
	author?: string
): VaultRecord {
	return {
		id: `${category}-${String(at)}`,
		circleId: 'circle-1',
		kind: body.kind,
		category,
		at,
		hlc: `${String(at).padStart(15, '0')}-0000-0000000000000001`,
		deleted: false,
		...(author === undefined ? {} : { author }),
		body: { ...body, at }
	};
}

function fakeView(grants: readonly Grant[], stored: VaultRecord[]) {
	const committed: { ops: readonly RecordOp[]; author: string | undefined }[] = [];
	const listeners = new Set<() => void>();
	const readable = new Set(grants.map((g) => g.category));
	const writable = new Set(grants.filter((g) => g.access === 'write').map((g) => g.category));
	const list = (category: Category) =>
		readable.has(category as never)
			? stored.filter((r) => r.category === category).sort((a, b) => a.at - b.at)
			: [];
	const view: CircleView = {
		circleId: 'circle-1',
		me: 'acc-claire',
		ownerId: 'acc-marie',
		isOwner: false,
		ownerName: 'Maman',
		canRead: (c) => readable.has(c as never),
		canWrite: (c) => writable.has(c as never),
		nameOf: (id) => ({ 'acc-claire': 'Claire', 'acc-nurse': 'Nadia' })[id] ?? null,
		records: {
			commit(ops, options) {
				committed.push({ ops, author: options?.author });
				const written = ops.flatMap((op) =>
					op.type === 'put'
						? [
								{
									...record(op.category, op.at, { kind: op.kind }, options?.author),
									body: op.body
								}
							]
						: []
				);
				stored.push(...written);
				for (const l of listeners) l();
				return Promise.resolve({ ok: true, value: written });
			},
			query: (q) => Promise.resolve(list(q.category)),
			get: (category, id) => Promise.resolve(list(category).find((r) => r.id === id) ?? null),
			observe(q, onChange) {
				const run = () => {
					onChange(list(q.category));
				};
				listeners.add(run);
				queueMicrotask(run);
				return () => listeners.delete(run);
			}
		}
	};
	return { view, committed, readable };
}

const symptom = (at: number, severity: number, author?: string) =>
	record(
		'symptoms',
		at,
		{ kind: 'symptom', symptom: { source: 'catalogue', id: 'pain' }, severity },
		author
	);
const weight = (at: number, value: number, author?: string) =>
	record(
		'measurements',
		at,
		{ kind: 'measurement', measurement: { type: 'weight', value, unit: 'kg' } },
		author
	);

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('member view', () => {
	it('shows the grants and the readable categories newest first, with who wrote each entry', async () => {
		const { view } = fakeView(
			[
				{ category: 'symptoms', access: 'read', until: Date.UTC(2030, 5, 30) },
				{ category: 'measurements', access: 'write', until: null }
			],
			[
				symptom(T, 3),
				symptom(T + 3_600_000, 7, 'acc-nurse'),
				weight(T, 71.5, 'acc-claire'),
				record('notes', T, { kind: 'note', text: 'private' })
			]
		);
		render(MemberView, { view, grants: [] });
		await expect
			.element(page.getByRole('heading', { name: 'Symptoms: recent entries' }))
			.toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Measurements: recent entries' }))
			.toBeVisible();
		expect(page.getByRole('heading', { name: /Notes/ }).elements()).toHaveLength(0);
		expect(document.body.textContent).not.toContain('private');
		const symptoms = page
			.getByRole('region', { name: 'Symptoms: recent entries' })
			.getByRole('listitem')
			.elements()
			.map((li) => li.textContent);
		expect(symptoms).toHaveLength(2);
		expect(symptoms[0]).toContain('7/10');
		expect(symptoms[0]).toContain('Written by Nadia');
		expect(symptoms[1]).toContain('3/10');
		expect(symptoms[1]).not.toContain('Written by');
		await expect.element(page.getByText('Written by you', { exact: true })).toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Write on Maman’s behalf' }))
			.toBeVisible();
		expect(page.getByRole('heading', { name: 'Add a symptom' }).elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('marks an entry that claims to be the person’s but is not verified here (EN, FR)', async () => {
		// Checked on this device (`checkViewAuthors`): no author, unsigned after her marker.
		const forged = {
			...weight(T + 60_000, 95),
			authorCheck: { type: 'not-verified', accountId: 'acc-marie', reason: 'unsigned' } as const
		};
		const grants: Grant[] = [{ category: 'measurements', access: 'read', until: null }];
		const { view } = fakeView(grants, [weight(T, 71.5), forged]);
		render(MemberView, { view, grants });
		const items = () =>
			page
				.getByRole('region', { name: 'Measurements: recent entries' })
				.getByRole('listitem')
				.elements()
				.map((li) => li.textContent);
		await expect
			.element(page.getByText('Could not check who wrote this: it is not signed (it names Maman).'))
			.toBeVisible();
		expect(items()).toHaveLength(2);
		expect(items()[0]).toContain('Could not check who wrote this');
		expect(items()[1]).not.toContain('Could not check');
		await expectAxeClean();
		await setLocale('fr', { reload: false });
		render(MemberView, { view, grants });
		await expect
			.element(
				page.getByText(
					'Impossible de vérifier qui a écrit ceci\u202f: ce n’est pas signé (le texte indique Maman).'
				)
			)
			.toBeVisible();
	});

	it('lists the grants with their access and end date, in French, and offers no form without a write grant', async () => {
		await setLocale('fr', { reload: false });
		const grants: Grant[] = [
			{ category: 'symptoms', access: 'read', until: Date.UTC(2030, 5, 30, 12) },
			{ category: 'medications', access: 'read', until: null }
		];
		const { view } = fakeView(grants, [symptom(T, 4)]);
		render(MemberView, { view, grants });
		await expect
			.element(page.getByRole('heading', { name: 'Ce que Maman partage avec vous' }))
			.toBeVisible();
		await expect
			.element(page.getByText('Symptômes\u202f: lecture, jusqu’au 30 juin 2030'))
			.toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Symptômes\u202f: entrées récentes' }))
			.toBeVisible();
		await expect.element(page.getByText('Rien pour l’instant.')).toBeVisible();
		expect(page.getByRole('heading', { name: /Écrire au nom/ }).elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('drops a category the person took back when the page hands down the refreshed grants', async () => {
		const before: Grant[] = [
			{ category: 'medications', access: 'read', until: null },
			{ category: 'plan', access: 'write', until: null }
		];
		const { view, readable } = fakeView(before, [
			record('medications', T, { kind: 'medication', name: 'Metformin' })
		]);
		const access = $state({ grants: before });
		render(MemberViewHarness, { view, access });
		await expect
			.element(page.getByRole('heading', { name: 'Medicines: recent entries' }))
			.toBeVisible();
		expect(
			page
				.getByRole('region', { name: 'Medicines: recent entries' })
				.getByRole('listitem')
				.elements()
		).toHaveLength(1);
		// A refresh: the same view no longer reads medications, and the page hands down the grants.
		readable.delete('medications');
		access.grants = before.filter((g) => g.category !== 'medications');
		await expect
			.element(page.getByRole('heading', { name: 'Medicines: recent entries' }))
			.not.toBeInTheDocument();
		await expect
			.element(page.getByRole('heading', { name: 'Plan & tasks: recent entries' }))
			.toBeVisible();
		await expectAxeClean();
	});

	it('writes a measurement on the person’s behalf, marked with this member', async () => {
		const { view, committed } = fakeView(
			[{ category: 'measurements', access: 'write', until: null }],
			[]
		);
		render(MemberView, { view, grants: [] });
		await page.getByLabelText('What did you measure?').selectOptions('Weight');
		await page.getByLabelText('Weight (kg)').fill('70.4');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect
			.element(page.getByText('Saved. Maman will see it, marked as written by you.'))
			.toBeVisible();
		expect(committed).toHaveLength(1);
		expect(committed[0]?.author).toBe('acc-claire');
		expect(committed[0]?.ops[0]).toMatchObject({ category: 'measurements', kind: 'measurement' });
		await expect.element(page.getByText('Written by you', { exact: true })).toBeVisible();
		await expectAxeClean();
	});
});

// ---- decisions and notes ---------------------------------------------------------------------

const AID = 'statin-primary-prevention';

function aidIn(lang: 'en' | 'fr') {
	const aid = getAid(AID, lang);
	if (aid === undefined) throw new Error('fixture aid missing');
	return aid;
}

/** A decision record as the person's flow writes it (kind `decision-record`, category `decisions`). */
function decision(
	id: string,
	at: number,
	lang: 'en' | 'fr',
	answers: Partial<DecisionAnswers>
): VaultRecord {
	const built = buildDecisionRecord(
		aidIn(lang),
		{
			aidId: AID,
			choice: null,
			reasons: '',
			sliders: {},
			questions: [],
			sure: { sure: true, understand: true, risks: true, encouragement: true },
			knowledge: {},
			...answers
		},
		'2026-11-20'
	);
	if (!built.ok) throw new Error('fixture record invalid');
	return raw('decisions', id, at, 'decision-record', built.value);
}

function raw(
	category: Category,
	id: string,
	at: number,
	kind: string,
	body: unknown,
	author?: string
): VaultRecord {
	return {
		id,
		circleId: 'circle-1',
		kind,
		category,
		at,
		hlc: `${String(at).padStart(15, '0')}-0000-0000000000000001`,
		deleted: false,
		...(author === undefined ? {} : { author }),
		body
	};
}

const DECIDE_AND_NOTES: Grant[] = [
	{ category: 'decisions', access: 'read', until: null },
	{ category: 'notes', access: 'read', until: null }
];

function sharedRecords(decisionLang: 'en' | 'fr'): VaultRecord[] {
	return [
		decision('d-statin', T, decisionLang, {
			choice: 'statin',
			reasons: 'Mon père a fait un infarctus à 60 ans.',
			sliders: { 'daily-tablet': 10 },
			questions: ['Faut-il une prise de sang\u202f?', 'Et si j’ai des douleurs\u202f?'],
			sure: { sure: true, understand: true, risks: false, encouragement: true }
		}),
		decision('d-undecided', T - 86_400_000, decisionLang, {}),
		raw('decisions', 'd-broken', T - 2 * 86_400_000, 'decision-record', { aidId: AID }),
		raw('notes', 'n-shared', T, 'shared-article', {
			articleId: 'sleep',
			language: 'fr',
			note: 'Regarde la partie sur les siestes'
		}),
		raw(
			'notes',
			'n-recommended',
			T + 60_000,
			'article-recommendation',
			{ articleId: 'sleep' },
			'acc-nurse'
		),
		raw('notes', 'n-unknown', T - 60_000, 'shared-article', {
			articleId: 'miracle-cure',
			language: 'fr'
		})
	];
}

describe('member view of decisions and notes', () => {
	it('reads a decision record, a shared and a recommended article, in English', async () => {
		const { view } = fakeView(DECIDE_AND_NOTES, sharedRecords('fr'));
		render(MemberView, {
			view,
			grants: DECIDE_AND_NOTES,
			articleTitles: () => Promise.resolve(new Map([['sleep', 'Sleeping better']])),
			aidFor: (id: string) => Promise.resolve(id === AID ? aidIn('en') : null)
		});
		const en = aidIn('en');
		const decisions = page.getByRole('region', { name: 'Decisions: recent entries' });
		// The person decided in French; the aid's words reach this member in English.
		await expect
			.element(decisions.getByRole('heading', { level: 3, name: `Decision: ${en.title}` }).first())
			.toBeVisible();
		const first = decisions.getByRole('article').first();
		await expect
			.element(first.getByRole('heading', { level: 4, name: 'Maman’s choice' }))
			.toBeVisible();
		await expect.element(first.getByText('Take a statin', { exact: true })).toBeVisible();
		await expect
			.element(first.getByText('Mon père a fait un infarctus à 60 ans.', { exact: true }))
			.toBeVisible();
		await expect
			.element(first.getByRole('heading', { level: 4, name: 'What matters most to Maman' }))
			.toBeVisible();
		await expect
			.element(first.getByText("I don't mind taking a daily tablet", { exact: true }))
			.toBeVisible();
		await expect
			.element(first.getByRole('heading', { name: 'Maman’s questions for the clinician' }))
			.toBeVisible();
		await expect.element(first.getByText('Faut-il une prise de sang\u202f?')).toBeVisible();
		await expect
			.element(first.getByRole('heading', { level: 4, name: 'SURE score: 3 out of 4' }))
			.toBeVisible();
		await expect
			.element(first.getByText(/^A score below 4 means Maman may not be ready/u))
			.toBeVisible();
		await expect
			.element(first.getByText('Are you clear about which benefits and risks matter most to you?'))
			.toBeVisible();
		await expect.element(first.getByText('Date: November 20, 2026')).toBeVisible();
		const second = decisions.getByRole('article').nth(1);
		await expect.element(second.getByText('Not decided yet', { exact: true })).toBeVisible();
		await expect
			.element(second.getByRole('heading', { name: 'SURE score: 4 out of 4' }))
			.toBeVisible();
		await expect
			.element(second.getByText('Maman did not lean either way on the sliders.'))
			.toBeVisible();
		await expect
			.element(decisions.getByText('An entry this version of Cercle cannot read'))
			.toBeVisible();

		const notes = page.getByRole('region', { name: 'Notes: recent entries' });
		const shared = notes.getByRole('link', { name: 'Shared article: Sleeping better' });
		await expect.element(shared).toHaveAttribute('href', '/learn/sleep');
		await expect.element(notes.getByText('Regarde la partie sur les siestes')).toBeVisible();
		const recommended = notes.getByRole('link', { name: 'Recommended by Nadia: Sleeping better' });
		await expect.element(recommended).toHaveAttribute('href', '/learn/sleep');
		expect(decisions.getByRole('article').elements()).toHaveLength(2);
		// An article the library does not have is not read as one.
		expect(notes.getByRole('link').elements()).toHaveLength(2);
		await expect
			.element(notes.getByText('An entry this version of Cercle cannot read'))
			.toBeVisible();
		expect(document.body.textContent).not.toContain('miracle-cure');
		await expectAxeClean();
	});

	it('reads the same in French, the aid’s words in French although the person decided in English', async () => {
		await setLocale('fr', { reload: false });
		const { view } = fakeView(DECIDE_AND_NOTES, sharedRecords('en'));
		render(MemberView, {
			view,
			grants: DECIDE_AND_NOTES,
			articleTitles: () => Promise.resolve(new Map([['sleep', 'Mieux dormir']])),
			aidFor: (id: string) => Promise.resolve(id === AID ? aidIn('fr') : null)
		});
		const fr = aidIn('fr');
		const decisions = page.getByRole('region', { name: 'Décisions\u202f: entrées récentes' });
		await expect
			.element(
				decisions.getByRole('heading', { level: 3, name: `Décision\u202f: ${fr.title}` }).first()
			)
			.toBeVisible();
		const first = decisions.getByRole('article').first();
		await expect
			.element(first.getByRole('heading', { level: 4, name: 'Le choix de Maman' }))
			.toBeVisible();
		await expect.element(first.getByText('Prendre une statine', { exact: true })).toBeVisible();
		await expect
			.element(first.getByRole('heading', { name: 'Les raisons de Maman, avec ses mots' }))
			.toBeVisible();
		await expect.element(first.getByText('Cela ne me gêne pas', { exact: true })).toBeVisible();
		await expect
			.element(first.getByRole('heading', { name: 'Score SURE : 3 sur 4' }))
			.toBeVisible();
		await expect.element(first.getByText(/^Un score sous 4 veut dire que Maman/u)).toBeVisible();
		await expect.element(first.getByText('Date : 20 novembre 2026')).toBeVisible();
		await expect
			.element(decisions.getByRole('article').nth(1).getByText('Pas encore décidé'))
			.toBeVisible();

		const notes = page.getByRole('region', { name: 'Notes\u202f: entrées récentes' });
		await expect
			.element(notes.getByRole('link', { name: 'Article partagé\u202f: Mieux dormir' }))
			.toHaveAttribute('href', '/learn/sleep');
		await expect
			.element(notes.getByRole('link', { name: 'Recommandé par Nadia\u202f: Mieux dormir' }))
			.toHaveAttribute('href', '/learn/sleep');
		await expectAxeClean();
	});
});
