// An entry edited on two devices at once, on the entry itself in the journal timeline: a heading
// in words, both versions side by side with their label, note and author (text, not colour), and
// "Keep this version" / "Keep the other version", each described by the version it keeps; the
// choice reaches the page with the entry; buttons wait while it is applied. English and French.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { JournalRecord } from '$lib/vault/repos/journal';
import Timeline from '$lib/ui/journal/Timeline.svelte';
import type { TimelineEntry } from '$lib/ui/journal/timeline';
import { conflictVersions } from '$lib/ui/journal/entry-versions';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';

const AT = Date.UTC(2025, 2, 10, 9, 0);

function fatigue(note: string, conflict?: JournalRecord['conflict']): JournalRecord {
	return {
		id: '01956f2a-0000-7000-8000-000000000001',
		kind: 'symptom',
		category: 'symptoms',
		at: AT,
		hlc: 'hlc-1',
		deleted: false,
		body: {
			kind: 'symptom',
			at: AT,
			symptom: { source: 'catalogue', id: 'fatigue' },
			severity: 5,
			note
		},
		...(conflict ? { conflict } : {})
	};
}

const context = {
	preferences: METRIC_UNITS,
	medicationName: () => undefined,
	goalText: () => undefined
};

function entryOf(record: JournalRecord): TimelineEntry {
	const conflict = conflictVersions(record, context);
	return {
		record,
		text: 'Fatigue 5/10',
		note: record.body.kind === 'symptom' ? (record.body.note ?? '') : '',
		editHref: null,
		...(conflict ? { conflict } : {})
	};
}

const otherVersion = {
	hlc: 'hlc-0',
	author: 'Tablet',
	body: {
		kind: 'symptom',
		at: AT,
		symptom: { source: 'catalogue', id: 'fatigue' },
		severity: 7,
		note: 'note from B'
	}
};

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('timeline: a conflict on the entry', () => {
	it('shows both versions in words on the entry, and the choice reaches the page', async () => {
		const kept: [string, string][] = [];
		let release: () => void = () => undefined;
		render(Timeline, {
			entries: [entryOf(fatigue('note from A', otherVersion)), entryOf(fatigue('alone'))].map(
				(entry, index) =>
					index === 1
						? { ...entry, record: { ...entry.record, id: 'other-entry', at: AT + 60_000 } }
						: entry
			),
			ondelete: () => undefined,
			onkeep: (entry: TimelineEntry, keep: 'shown' | 'other') => {
				kept.push([entry.record.id, keep]);
				return new Promise<void>((resolve) => {
					release = resolve;
				});
			}
		});
		const items = page.getByRole('listitem');
		const withConflict = items.filter({ hasText: 'note from A' });
		await expect
			.element(
				withConflict.getByRole('heading', {
					name: 'Edited on two devices — choose which to keep'
				})
			)
			.toBeVisible();
		const mine = withConflict.getByRole('group', { name: 'This version' });
		const theirs = withConflict.getByRole('group', { name: 'The other version' });
		await expect.element(mine).toHaveTextContent(/Fatigue 5\/10.*note from A/u);
		await expect
			.element(theirs)
			.toHaveTextContent(/Fatigue 7\/10.*note from B.*Written by Tablet/u);
		// Only the entry in conflict offers the choice.
		expect(page.getByRole('heading', { name: /two devices/u }).elements()).toHaveLength(1);

		const keepOther = withConflict.getByRole('button', { name: 'Keep the other version' });
		await expect.element(keepOther).toHaveAccessibleDescription(/note from B/u);
		await expect
			.element(withConflict.getByRole('button', { name: 'Keep this version' }))
			.toHaveAccessibleDescription(/note from A/u);
		const button = keepOther.element();
		if (button instanceof HTMLElement) button.focus();
		await userEvent.keyboard('{Enter}');
		expect(kept).toEqual([['01956f2a-0000-7000-8000-000000000001', 'other']]);
		await expect.element(keepOther).toBeDisabled();
		release();
		await expect.element(keepOther).toBeEnabled();
	});

	it('speaks French, and summarises another version that is not a valid entry', async () => {
		void setLocale('fr', { reload: false });
		render(Timeline, {
			entries: [entryOf(fatigue('note A', { hlc: 'x', body: { note: 'version abîmée' } }))],
			ondelete: () => undefined
		});
		await expect
			.element(
				page.getByRole('heading', {
					name: 'Modifiée sur deux appareils — choisissez la version à garder'
				})
			)
			.toBeVisible();
		await expect
			.element(page.getByRole('group', { name: 'L’autre version' }))
			.toHaveTextContent('version abîmée');
		await expect.element(page.getByRole('button', { name: 'Garder cette version' })).toBeVisible();
	});
});
