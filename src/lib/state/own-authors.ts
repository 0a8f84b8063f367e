// The app's wiring of `record-authors.ts` for the person's own circle: the open vault, her account
// (or LOCAL_ACCOUNT) as owner. Every screen of her own circle that names who wrote a record (her
// charts and targets, "Written by your circle", the board) passes its records through here first;
// her charts and journal also set aside what fails through `own-unverified.ts`.
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { account } from './account.svelte';
import {
	checkAuthorsIn,
	writableByOthers,
	type CheckableRecord,
	type ViewOfAuthors
} from './record-authors';
import { vault } from './vault.svelte';

async function ownView(): Promise<ViewOfAuthors> {
	const me = account.account?.id ?? LOCAL_ACCOUNT;
	// Without an account her circle is the vault's own (its header): the id her signatures cover.
	const circleId = account.account?.circleId ?? (await vault.vault().header())?.circleId ?? '';
	return { circleId, isOwner: true, me, ownerId: me };
}

/** `records` with each member's authorship checked against the keys the person pinned. */
export async function checkOwnAuthors<R extends CheckableRecord>(
	records: readonly R[]
): Promise<readonly R[]> {
	if (vault.status !== 'unlocked') return records;
	return checkAuthorsIn(vault.vault(), await ownView(), records);
}

/** The categories of her circle whose every version is checked as hers (`writableByOthers`). */
export async function ownCheckedCategories(): Promise<ReadonlySet<string>> {
	if (vault.status !== 'unlocked') return new Set();
	return writableByOthers(vault.vault(), await ownView());
}
