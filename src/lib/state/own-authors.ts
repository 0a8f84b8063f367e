// The app's wiring of `record-authors.ts` for the person's own circle: the open vault, her account
// (or LOCAL_ACCOUNT) as owner. Every screen of her own circle that names who wrote a record (her
// charts and targets, "Written by your circle", the board) passes its records through here first.
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { account } from './account.svelte';
import { checkAuthorsIn, type CheckableRecord } from './record-authors';
import { vault } from './vault.svelte';

/** `records` with each member's authorship checked against the keys the person pinned. */
export async function checkOwnAuthors<R extends CheckableRecord>(
	records: readonly R[]
): Promise<readonly R[]> {
	if (vault.status !== 'unlocked') return records;
	const me = account.account?.id ?? LOCAL_ACCOUNT;
	// Without an account her circle is the vault's own (its header): the id her signatures cover.
	const circleId = account.account?.circleId ?? (await vault.vault().header())?.circleId ?? '';
	const view = { circleId, isOwner: true, me, ownerId: me };
	return checkAuthorsIn(vault.vault(), view, records);
}
