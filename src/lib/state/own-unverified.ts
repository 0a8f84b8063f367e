// The person's own records on her own device, with what her device could not verify as hers set
// aside (issue 14, trust between members): in a category someone else can, or could, write
// (`record-authors.ts` `writableByOthers`), a version with no author counts as hers only once
// checked (her signature, or unsigned and older than her marker); one that fails is left out of
// her charts' figures and trends and listed with why (`domain/care-team/own-checked.ts`,
// `ui/journal/own-unverified-text.ts`), as on a member's device.
// Loaded on demand (`import()`) by her charts and journal, so none of it is part of Today.
import {
	splitOwnChecked,
	type OwnChecked,
	type OwnCheckedRecord
} from '$lib/domain/care-team/own-checked';
import type { CheckableRecord } from './record-authors';
import { checkOwnAuthors, ownCheckedCategories } from './own-authors';

export { ownCheckedCategories, type OwnChecked };

/** Her `records`, checked on this device (`checkOwnAuthors`), then split (see the header). */
export async function readOwnChecked<R extends CheckableRecord & OwnCheckedRecord>(
	records: readonly R[]
): Promise<OwnChecked<R>> {
	return splitOwnChecked(await checkOwnAuthors(records));
}
