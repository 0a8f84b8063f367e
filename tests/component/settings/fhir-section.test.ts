// The FHIR section of Settings: the preview says, before anything is written, how many entries
// would be added (plural rules in both languages), how many are already there, and each entry left
// out with its position, type and reason in words; "Add" confirms and "Cancel" goes back; a file
// that is not a Bundle says nothing changed; the export passes the name the person typed. EN/FR,
// axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { FhirExportNote, FhirImportState, FhirPreview } from '$lib/state/fhir-transfer.svelte';
import FhirSection from '$lib/ui/FhirSection.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

const body = { kind: 'note', at: 1, text: 'Bonjour' } as const;
const preview = (
	records: number,
	alreadyThere: number,
	kept: FhirPreview['kept'] = [],
	carePlan: FhirPreview['carePlan'] = { records: [], versions: 0, agreements: 0, verified: 0 }
): FhirImportState => ({
	phase: 'preview',
	preview: {
		fileName: 'dossier.json',
		records: Array.from({ length: records }, (_, i) => ({
			id: `id-${i}`,
			kind: 'note',
			category: 'notes' as const,
			at: 1,
			body
		})),
		alreadyThere,
		kept,
		carePlan,
		skipped: [
			{ index: 3, resourceType: 'Condition', id: 'c1', reason: 'unsupported-resource' },
			{ index: 7, resourceType: 'Observation', id: null, reason: 'unsupported-unit' }
		]
	}
});

function harness(state: FhirImportState, notes: readonly FhirExportNote[] = []) {
	const calls: string[] = [];
	render(FhirSection, {
		transfer: state,
		onexport: async (name: string) => {
			calls.push(`export:${name}`);
			await Promise.resolve();
			return notes;
		},
		onread: async () => {
			calls.push('read');
			await Promise.resolve();
		},
		onconfirm: async () => {
			calls.push('confirm');
			await Promise.resolve();
		},
		oncancel: () => {
			calls.push('cancel');
		}
	});
	return calls;
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('FHIR section', () => {
	it('previews what would be added and left out, and adds only when confirmed (EN)', async () => {
		const calls = harness(preview(2, 1));
		await expect.element(page.getByText('2 entries will be added to your journal.')).toBeVisible();
		await expect
			.element(page.getByText('1 entry is already in your journal and stays as it is.'))
			.toBeVisible();
		await expect
			.element(page.getByText('2 entries cannot be read and will be left out:'))
			.toBeVisible();
		await expect
			.element(page.getByText('Entry 4 (Condition): Cercle does not keep this kind of record'))
			.toBeVisible();
		await expect
			.element(page.getByText('Entry 8 (Observation): a unit Cercle cannot convert'))
			.toBeVisible();
		await expectAxeClean();
		expect(calls).toEqual([]);
		await page.getByRole('button', { name: 'Add 2 entries' }).click();
		await page.getByRole('button', { name: 'Cancel' }).click();
		expect(calls).toEqual(['confirm', 'cancel']);
	});

	it('uses the French plural rules and typography (FR)', async () => {
		await setLocale('fr', { reload: false });
		harness(preview(1, 0));
		await expect.element(page.getByText('1 entrée sera ajoutée à votre journal.')).toBeVisible();
		await expect
			.element(page.getByRole('button', { name: 'Ajouter 1 entrée', exact: true }))
			.toBeVisible();
		await expect
			.element(
				page.getByText('Entrée 4 (Condition)\u202f: Cercle ne conserve pas ce type de données')
			)
			.toBeVisible();
		await expectAxeClean();
	});

	it('says the care plan comes in the same commit and that agreements from a file are checked here', async () => {
		const agreement = {
			id: 'a1',
			kind: 'care-plan-agreement' as const,
			author: 'acc-gp',
			body: {
				schemaVersion: 1 as const,
				versionId: 'v1',
				contentHash: 'a'.repeat(64),
				agreedAt: 2,
				identityKey: 'k',
				signature: 's'
			}
		};
		const version = {
			id: 'v1',
			kind: 'care-plan-version' as const,
			body: {
				schemaVersion: 1 as const,
				parentId: null,
				createdAt: 1,
				content: { needs: [], goals: [], actions: [], reviewDate: null }
			}
		};
		const calls = harness(
			preview(0, 0, [], {
				records: [version, agreement, { ...agreement, id: 'a2' }],
				versions: 1,
				agreements: 2,
				verified: 1
			})
		);
		await expect.element(page.getByText('1 version of the care plan will be added.')).toBeVisible();
		await expect
			.element(page.getByText(/^2 agreements to a version come with it\./u))
			.toHaveTextContent(
				'2 agreements to a version come with it. A file is not trusted for agreements: each reads “agreed” only if its signature verifies against a key pinned on this device (verified here: 1 of 2).'
			);
		await expectAxeClean();
		await page.getByRole('button', { name: /^Add/u }).click();
		expect(calls).toEqual(['confirm']);
	});

	it('says nothing changed when the file is not a FHIR Bundle', async () => {
		harness({ phase: 'error', error: { type: 'not-a-bundle' } });
		await expect
			.element(page.getByText('This file is not a FHIR R4 Bundle. Nothing was changed.'))
			.toBeVisible();
	});

	it('exports with the name the person typed, and asks for a file before reading', async () => {
		const calls = harness({ phase: 'idle' });
		await page.getByLabelText('Name on the file (optional)').fill('M. D.');
		await page.getByRole('button', { name: 'Export as FHIR' }).click();
		await expect.element(page.getByText('The FHIR file is ready in your downloads.')).toBeVisible();
		await page.getByRole('button', { name: 'Read the file' }).click();
		await expect.element(page.getByText('Choose a file first.')).toBeVisible();
		expect(calls).toEqual(['export:M. D.']);
		await expectAxeClean();
	});

	it('lists the circle as kept for reference, with why, and still adds only on confirmation', async () => {
		const calls = harness(
			preview(3, 0, [
				{ index: 1, resourceType: 'CareTeam', id: 'ct', reason: 'circle-member' },
				{ index: 5, resourceType: 'Consent', id: 'c', reason: 'grant' },
				{ index: 9, resourceType: 'AuditEvent', id: 'a', reason: 'access-log' }
			])
		);
		await expect
			.element(
				page.getByText(
					'3 entries describe your circle and are kept for reference only; they are not restored:'
				)
			)
			.toBeVisible();
		await expect
			.element(
				page.getByText(
					'Entry 6 (Consent): a permission you gave: permissions are set on the Circle page, never from a file'
				)
			)
			.toBeVisible();
		await expect
			.element(page.getByText(/^Entry 10 \(AuditEvent\): an entry of the access log/))
			.toBeVisible();
		await expectAxeClean();
		expect(calls).toEqual([]);
	});

	it('says the kept list in French with its plural and typography (FR)', async () => {
		await setLocale('fr', { reload: false });
		harness(
			preview(0, 0, [{ index: 0, resourceType: 'CareTeam', id: null, reason: 'circle-member' }])
		);
		await expect
			.element(
				page.getByText(
					'1 entrée décrit votre cercle et n’est gardée qu’à titre de référence\u202f; elle n’est pas restaurée\u202f:'
				)
			)
			.toBeVisible();
		await expect
			.element(
				page.getByText(
					'Entrée 1 (CareTeam)\u202f: un membre de votre cercle\u202f: on n’y entre que sur invitation, avec ses propres clés'
				)
			)
			.toBeVisible();
		await expectAxeClean();
	});

	it('refuses a Bundle that is not R4, and says what the export could not include', async () => {
		harness({ phase: 'error', error: { type: 'not-r4' } }, ['access-log-unverified']);
		await expect
			.element(
				page.getByText(
					'This Bundle is not FHIR R4 (its type does not exist in R4). Nothing was changed.'
				)
			)
			.toBeVisible();
		await page.getByRole('button', { name: 'Export as FHIR' }).click();
		await expect
			.element(
				page.getByText('The access log did not check out on this device, so it is not in the file.')
			)
			.toBeVisible();
	});
});
