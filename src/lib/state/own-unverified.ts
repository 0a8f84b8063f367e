// The person's own records on her own device, with what her device could not verify as hers set
// aside (issue 14, trust between members): in a category someone else can, or could, write
// (`record-authors.ts` `writableByOthers`), a version with no author counts as hers only once
// checked (her signature, or unsigned and older than her marker); one that fails is left out of
// her charts' figures and trends and listed with why (`domain/care-team/own-checked.ts`,
// `ui/journal/own-unverified-text.ts`), as on a member's device.
// Loaded on demand (`import()`) by her charts and journal, so none of it is part of Today; the
// check itself (`own-authors.ts`, with the signatures and rosters) loads only once this device has
// received anything of a circle's membership (`vault/circle-history.ts`): before that, nobody else
// can have written, and a journal on a 2G link does not wait for 44 kB it would not use.
import type { OwnChecked, OwnCheckedRecord } from '$lib/domain/care-team/own-checked';
import { hasCircleHistory } from '$lib/vault/circle-history';
import type { CheckableRecord } from './record-authors';
import { vault } from './vault.svelte';

export type { OwnChecked };

/** Whether her records may need a check at all (see the header). */
async function mayNeedCheck(): Promise<boolean> {
	return vault.status === 'unlocked' && (await hasCircleHistory(vault.vault()));
}

/** Her `records`, checked on this device (`checkOwnAuthors`), then split (see the header). */
export async function readOwnChecked<R extends CheckableRecord & OwnCheckedRecord>(
	records: readonly R[]
): Promise<OwnChecked<R>> {
	// Unchecked, nothing is set aside (the split keeps every record without a failed check).
	if (!(await mayNeedCheck())) return { kept: records, unverified: [] };
	const [{ checkOwnAuthors }, { splitOwnChecked }] = await Promise.all([
		import('./own-authors'),
		import('$lib/domain/care-team/own-checked')
	]);
	return splitOwnChecked(await checkOwnAuthors(records));
}

/** The categories of her circle whose every version is checked as hers (`writableByOthers`). */
export async function ownCheckedCategories(): Promise<ReadonlySet<string>> {
	if (!(await mayNeedCheck())) return new Set();
	return (await import('./own-authors')).ownCheckedCategories();
}
