// The person's own records on her own device, with what her device could not verify as hers set
// aside (issue 14, trust between members): in a category someone else can, or could, write
// (`record-authors.ts` `writableByOthers`), a version with no author counts as hers only once
// checked (her signature, or unsigned and older than her marker). One that fails is treated as
// on a member's device (`domain/care-team/shared-records.ts` `isSetAside`): left out of her charts'
// figures and trends, and listed with why (`ui/journal/OwnUnverified.svelte`).
// Loaded on demand (`import()`) by her charts and journal, so none of it is part of Today.
import { isSetAside, type UnverifiedEntry } from '$lib/domain/care-team/shared-records';
import type { CheckableRecord } from './record-authors';
import { checkOwnAuthors, ownCheckedCategories } from './own-authors';

export { ownCheckedCategories };

/** Her records split: those that count, and those set aside as not verified as hers. */
export interface OwnChecked<R> {
	readonly kept: readonly R[];
	readonly unverified: readonly UnverifiedEntry[];
}

/** `records` (checked already) split into what counts and what is set aside (newest first). */
export function splitOwnChecked<R extends CheckableRecord & { readonly at: number }>(
	records: readonly R[]
): OwnChecked<R> {
	const kept: R[] = [];
	const unverified: UnverifiedEntry[] = [];
	for (const r of records) {
		const check = r.authorCheck;
		if (r.author === undefined && check?.type === 'not-verified' && isSetAside(r)) {
			unverified.push({ id: r.id, at: r.at, category: r.category, kind: r.kind, writer: check });
		} else kept.push(r);
	}
	return { kept, unverified: unverified.sort((a, b) => b.at - a.at) };
}

/** Her `records`, checked on this device (`checkOwnAuthors`), then split (see the header). */
export async function readOwnChecked<R extends CheckableRecord & { readonly at: number }>(
	records: readonly R[]
): Promise<OwnChecked<R>> {
	return splitOwnChecked(await checkOwnAuthors(records));
}
