// Her own entries her device could not verify as hers, in words (issue 14; `state/own-unverified.ts`):
// the journal's line on such an entry, and the charts' list of what was left out. The reasons a
// check of her own version gives are said to her ("your devices sign everything you write"); any
// other in the words every screen uses (`writer-text.ts`), naming her as "you".
// Bundle note (issue 18): these words are loaded only here; reusing a message another screen
// imports (the summary's "{category}, {date}: {why}") would split it into a chunk of its own,
// one more file for that screen. Hence a line of its own, without the category.
// Loaded on demand with the check (`import()`): no screen's own code holds these words.
import { m } from '$lib/paraglide/messages.js';
import type { UnverifiedEntry } from '$lib/domain/care-team/shared-records';
import { formatDate } from '$lib/ui/format';
import { unverifiedText } from '$lib/ui/writer-text';

/** At most this many listed under a chart (the count says how many in all). */
export const OWN_UNVERIFIED_LISTED = 5;

/** Why one of her entries is not verified as hers. */
export function ownUnverifiedWhy(entry: UnverifiedEntry): string {
	switch (entry.writer.reason) {
		case 'unsigned':
			return m.memsig_own_unsigned();
		case 'bad-signature':
			return m.memsig_own_bad_signature();
		case 'unknown-signer':
			return m.memsig_own_unknown_signer();
		case 'after-leaving':
		case 'arrived-after-leaving':
		case 'not-the-writer':
			return unverifiedText(entry.writer, () => m.memsig_own_unverified_you());
	}
}

/** One line of the journal: "Not verified as yours. Could not check who wrote this: …". */
export const ownUnverifiedLine = (entry: UnverifiedEntry): string =>
	`${m.memsig_own_unverified_title()}. ${ownUnverifiedWhy(entry)}`;

export interface OwnUnverifiedList {
	readonly title: string;
	/** How many, and that they are left out of every figure and chart. */
	readonly intro: string;
	/** The newest few: date and why (the chart names the category). */
	readonly lines: readonly { readonly id: string; readonly text: string }[];
}

/** What a chart says of the entries it left out; null when there are none. */
export function ownUnverifiedList(entries: readonly UnverifiedEntry[]): OwnUnverifiedList | null {
	if (entries.length === 0) return null;
	return {
		title: m.memsig_own_unverified_title(),
		intro: m.memsig_own_unverified_intro({ count: entries.length }),
		lines: entries.slice(0, OWN_UNVERIFIED_LISTED).map((entry) => ({
			id: entry.id,
			text: m.memsig_own_unverified_entry({
				date: formatDate(entry.at),
				why: ownUnverifiedWhy(entry)
			})
		}))
	};
}
