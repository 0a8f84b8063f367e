// The care plan over a CircleView (issue 14 §6), real WebCrypto signatures in Chromium: the person
// writes the first version (an empty line is refused in words beside its field; nothing written),
// and it shows with its author; a version agreed by the GP reads "Agreed by Dr Martin on …" while
// an agreement whose version was rewritten, or by someone not pinned, is "not verified" in words;
// the GP agrees with one button and then reads "Agreed by you". English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { signFields, sha256Text } from '$lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import type { Category } from '$lib/domain/categories';
import {
	agreementFields,
	canonicalContent,
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	type CarePlanAgreementBody,
	type CarePlanContent,
	type CarePlanVersion,
	type CarePlanVersionBody
} from '$lib/domain/plan/care-plan';
import { err, ok } from '$lib/domain/result';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { CircleView } from '$lib/domain/circle-view';
import CarePlanPanel from '$lib/ui/care-plan/CarePlanPanel.svelte';
import type { RecordQuery, VaultRecord } from '$lib/domain/records';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const OWNER = 'acc-monique';
const GP = 'acc-gp';
const LEA = 'acc-lea';
const CIRCLE = 'circle-1';

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

/** An in-memory circle whose writes carry their author, as the vault marks them. */
function circle(me: string, writable = true) {
	let records: VaultRecord[] = [];
	let n = 0;
	const listeners = new Set<() => void>();
	const matches = (q: RecordQuery) => (r: VaultRecord) =>
		r.category === q.category && (q.kinds === undefined || q.kinds.includes(r.kind));
	const put = (
		kind: string,
		category: Category,
		id: string,
		body: unknown,
		author: string
	): VaultRecord => {
		n += 1;
		const record: VaultRecord = {
			id,
			circleId: CIRCLE,
			kind,
			category,
			at: Date.now(),
			hlc: `${String(n).padStart(15, '0')}-0000-0000000000000000`,
			deleted: false,
			...(author === OWNER ? {} : { author }),
			body
		};
		records = [...records.filter((r) => r.id !== id), record];
		for (const listener of listeners) listener();
		return record;
	};
	const view: CircleView & { readonly members: readonly string[] } = {
		circleId: CIRCLE,
		me,
		ownerId: OWNER,
		isOwner: me === OWNER,
		ownerName: 'Monique',
		canRead: () => true,
		canWrite: () => writable,
		nameOf: (id) => ({ [GP]: 'Dr Martin', [LEA]: 'Léa', [OWNER]: 'Monique' })[id] ?? null,
		members: [GP, LEA],
		records: {
			commit(ops) {
				const written = ops.flatMap((op) =>
					op.type === 'put'
						? [put(op.kind, op.category, op.id ?? crypto.randomUUID(), op.body, me)]
						: []
				);
				return Promise.resolve({ ok: true, value: written });
			},
			query: (q) => Promise.resolve(records.filter(matches(q))),
			get: (category, id) =>
				Promise.resolve(records.find((r) => r.category === category && r.id === id) ?? null),
			observe(q, onChange) {
				const listener = () => {
					onChange(records.filter(matches(q)));
				};
				listeners.add(listener);
				queueMicrotask(listener);
				return () => {
					listeners.delete(listener);
				};
			}
		}
	};
	return {
		view,
		put,
		get records() {
			return records;
		}
	};
}

const content: CarePlanContent = {
	needs: [{ id: 'n1', text: 'Breathless when climbing stairs' }],
	goals: [{ id: 'g1', text: 'Walk to the market on Saturdays', goalId: null }],
	actions: [
		{ id: 'a1', what: 'Weigh every morning', who: { type: 'person' }, taskId: null, due: null }
	],
	reviewDate: '2027-03-01'
};
const versionBody = (c: CarePlanContent): CarePlanVersionBody => ({
	schemaVersion: 1,
	parentId: null,
	createdAt: Date.UTC(2026, 11, 1, 10),
	content: c
});

async function signedAgreement(versionId: string, signed: CarePlanContent) {
	const pair = await generateIdentityKeyPair();
	const identityKey = await exportIdentityPublicKey(pair.publicKey);
	const contentHash = await sha256Text(canonicalContent(signed));
	const agreedAt = Date.UTC(2026, 11, 2, 9);
	const body: CarePlanAgreementBody = {
		schemaVersion: 1,
		versionId,
		contentHash,
		agreedAt,
		identityKey,
		signature: await signFields(
			pair.privateKey,
			agreementFields({ circleId: CIRCLE, versionId, contentHash, agreedAt })
		)
	};
	return { body, identityKey, privateKey: pair.privateKey };
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('care plan', () => {
	it('the person writes the first version; an empty line is refused beside its field', async () => {
		const c = circle(OWNER);
		render(CarePlanPanel, {
			view: c.view,
			personName: 'You',
			trusted: () => Promise.resolve(() => null)
		});
		await expect.element(page.getByText('No care plan yet.')).toBeVisible();
		await page.getByRole('button', { name: 'Write the care plan' }).click();
		await page.getByRole('button', { name: 'Add a need or problem' }).click();
		await page.getByRole('button', { name: 'Propose this version' }).click();
		await expect
			.element(page.getByLabelText('Need or problem 1'))
			.toHaveAccessibleDescription('Write a few words, or remove this line.');
		expect(c.records).toHaveLength(0);
		await expectAxeClean();

		await page.getByLabelText('Need or problem 1').fill('Breathless when climbing stairs');
		await page.getByRole('button', { name: 'Add an action' }).click();
		await page.getByLabelText('Action 1: what').fill('Pharmacy on Friday');
		await page.getByLabelText('Action 1: who does it').selectOptions('member:acc-lea');
		await page.getByLabelText('Review date (optional)').fill('2027-03-01');
		await page.getByRole('button', { name: 'Propose this version' }).click();

		const current = page.getByRole('region', { name: 'Current version' });
		await expect.element(current).toHaveTextContent(/Proposed by you on/);
		await expect.element(current).toHaveTextContent(/Breathless when climbing stairs/);
		await expect.element(current).toHaveTextContent(/Pharmacy on Friday\s*Who: Léa/);
		await expect.element(current).toHaveTextContent(/Not agreed by a professional yet\./);
		expect(c.records.map((r) => r.kind)).toEqual([CARE_PLAN_VERSION_KIND]);
		// The person is not a professional: no agreeing on her own page.
		expect(page.getByRole('button', { name: 'Agree to this version' }).elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('shows who agreed, and in words an agreement that does not verify', async () => {
		const c = circle(OWNER);
		c.put(CARE_PLAN_VERSION_KIND, 'plan', 'v1', versionBody(content), OWNER);
		const gp = await signedAgreement('v1', content);
		c.put(CARE_PLAN_AGREEMENT_KIND, 'plan', 'ag-gp', gp.body, GP);
		// Léa's key is not pinned on this device: her "agreement" is not one.
		const lea = await signedAgreement('v1', content);
		c.put(CARE_PLAN_AGREEMENT_KIND, 'plan', 'ag-lea', lea.body, LEA);
		const pins: Record<string, string> = { [GP]: gp.identityKey };
		const props = {
			view: c.view,
			personName: 'You',
			trusted: () => Promise.resolve((id: string) => pins[id] ?? null)
		};
		const screen = render(CarePlanPanel, props);
		const current = page.getByRole('region', { name: 'Current version' });
		await expect.element(current).toHaveTextContent(/Agreed by Dr Martin on/);
		await expect
			.element(current)
			.toHaveTextContent(
				/The agreement by Léa could not be verified on this device: their identity key is neither pinned here nor in a member list signed by the person\./
			);
		await expectAxeClean();

		// The version is rewritten afterwards (same id, new content): the GP's agreement no longer holds.
		c.put(
			CARE_PLAN_VERSION_KIND,
			'plan',
			'v1',
			versionBody({ ...content, reviewDate: '2028-01-01' }),
			LEA
		);
		await expect
			.element(current)
			.toHaveTextContent(/this version was changed after it was signed\./);
		expect(current.element().textContent).not.toMatch(/Agreed by/);

		screen.unmount();
		await setLocale('fr', { reload: false });
		render(CarePlanPanel, { ...props, personName: 'Vous' });
		await expect
			.element(page.getByRole('region', { name: 'Version actuelle' }))
			.toHaveTextContent(
				/L’approbation de Dr Martin n’a pas pu être vérifiée sur cet appareil\s: cette version a été modifiée après sa signature\./
			);
		await expectAxeClean();
	});

	it('the GP agrees with one button and reads "Agreed by you"', async () => {
		const c = circle(GP);
		c.put(CARE_PLAN_VERSION_KIND, 'plan', 'v1', versionBody(content), OWNER);
		const pair = await generateIdentityKeyPair();
		const identityKey = await exportIdentityPublicKey(pair.publicKey);
		const agree = async (
			view: CircleView,
			_role: unknown,
			version: CarePlanVersion,
			now: number
		) => {
			const contentHash = await sha256Text(canonicalContent(version.content));
			const body: CarePlanAgreementBody = {
				schemaVersion: 1,
				versionId: version.id,
				contentHash,
				agreedAt: now,
				identityKey,
				signature: await signFields(
					pair.privateKey,
					agreementFields({
						circleId: view.circleId,
						versionId: version.id,
						contentHash,
						agreedAt: now
					})
				)
			};
			const saved = await view.records.commit([
				{ type: 'put', kind: CARE_PLAN_AGREEMENT_KIND, category: 'plan', at: now, body }
			]);
			return saved.ok ? ok('agreed') : err({ type: 'locked' } as const);
		};
		render(CarePlanPanel, {
			view: c.view,
			role: 'doctor',
			personName: 'Monique',
			trusted: () => Promise.resolve((id: string) => (id === GP ? identityKey : null)),
			commands: {
				propose: () => Promise.resolve(err({ type: 'read-only' } as const)),
				agree
			}
		});
		const current = page.getByRole('region', { name: 'Current version' });
		await expect.element(current).toHaveTextContent(/Proposed by Monique on/);
		await expect.element(current).toHaveTextContent(/Who: Monique/);
		await current.getByRole('button', { name: 'Agree to this version' }).click();
		await expect.element(current).toHaveTextContent(/Agreed by you on/);
		await expect.element(current).toHaveTextContent(/Your agreement is signed and saved\./);
		await expect
			.element(current.getByRole('button', { name: 'Agree to this version' }))
			.not.toBeInTheDocument();
		await expectAxeClean();
	});
	it('on the carer’s device: the GP’s agreement verifies through the roster; a refused roster is said in words', async () => {
		const c = circle(LEA, false);
		c.put(CARE_PLAN_VERSION_KIND, 'plan', 'v1', versionBody(content), OWNER);
		const gp = await signedAgreement('v1', content);
		c.put(CARE_PLAN_AGREEMENT_KIND, 'plan', 'ag-gp', gp.body, GP);
		const roster = {
			circleId: CIRCLE,
			version: 4,
			issuedAt: 1,
			members: [
				{
					accountId: GP,
					role: 'doctor' as const,
					label: 'Dr Martin',
					identityKey: gp.identityKey,
					until: null
				}
			]
		};
		// Verified: the roster's key for the GP is trusted on this device.
		const verified = render(CarePlanPanel, {
			view: c.view,
			personName: 'Monique',
			trusted: () =>
				Promise.resolve((id: string) =>
					id === GP ? { identityKey: gp.identityKey, until: null } : null
				),
			roster: () => Promise.resolve({ type: 'verified' as const, roster })
		});
		const current = page.getByRole('region', { name: 'Current version' });
		await expect.element(current).toHaveTextContent(/Agreed by Dr Martin on/);
		expect(
			page
				.getByRole('status')
				.elements()
				.map((e) => e.textContent)
				.join(' ')
		).not.toMatch(/member list/);
		await expectAxeClean();
		verified.unmount();

		// A tampered list, none kept before: said in words, and the GP's agreement is not shown as one.
		const tampered = render(CarePlanPanel, {
			view: c.view,
			personName: 'Monique',
			trusted: () => Promise.resolve(() => null),
			roster: () =>
				Promise.resolve({
					type: 'refused' as const,
					refusal: { type: 'bad-signature' as const },
					kept: null
				})
		});
		await expect
			.element(page.getByText(/The member list the server sent is not signed by Monique/))
			.toHaveTextContent(
				'The member list the server sent is not signed by Monique, so it was not used. Agreements by other members cannot be verified on this device until it has a member list signed by Monique.'
			);
		await expect
			.element(current)
			.toHaveTextContent(
				/The agreement by Dr Martin could not be verified on this device: their identity key is neither pinned here nor in a member list signed by the person\./
			);
		await expectAxeClean();
		tampered.unmount();

		// An older list replayed: said with both versions, in French too.
		await setLocale('fr', { reload: false });
		render(CarePlanPanel, {
			view: c.view,
			personName: 'Monique',
			trusted: () => Promise.resolve(() => null),
			roster: () =>
				Promise.resolve({
					type: 'refused' as const,
					refusal: { type: 'rollback' as const, seen: 4, got: 2 },
					kept: roster
				})
		});
		await expect
			.element(page.getByText(/plus ancienne/))
			.toHaveTextContent(
				'Le serveur a envoyé une liste des membres plus ancienne (version 2) que celle déjà vérifiée sur cet appareil (version 4), elle n’a donc pas été utilisée. Cet appareil continue d’utiliser la liste qu’il a vérifiée auparavant (version 4).'
			);
		await expectAxeClean();
	});
});
