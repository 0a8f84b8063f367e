// The app's wiring of `record-authors.ts` for a circle view this account reads as a member (the
// member circle screen): the open vault, the view's owner and members. A screen that lists the
// person's records passes them through here first, so a version that claims to be hers (no
// author) but is not verified here, or a member's whose signature does not verify, is said so.
import { checkAuthorsIn, type CheckableRecord, type ViewOfAuthors } from './record-authors';
import { vault } from './vault.svelte';

/** `records` with who wrote each one checked on this device (as they are while locked). */
export async function checkViewAuthors<R extends CheckableRecord>(
	view: ViewOfAuthors,
	records: readonly R[]
): Promise<readonly R[]> {
	if (vault.status !== 'unlocked') return records;
	return checkAuthorsIn(vault.vault(), view, records);
}
