// The person's own records on her own device, split by what her device checked (issue 14, trust
// between members): a version with no author whose check as hers failed is set aside as on a
// member's device (`shared-records.ts` `isSetAside`: notes and plan records keep their own words),
// so her charts and journal count only what is verified as hers. Pure: the check itself is
// `state/record-authors.ts` (`authorCheck` on each record), wired by `state/own-unverified.ts`.
import type { Category } from '../categories';
import type { AuthorCheck } from '../circle/record-signature';
import { isSetAside, type UnverifiedEntry } from './shared-records';

/** Her records split: those that count, and those set aside as not verified as hers. */
export interface OwnChecked<R> {
	readonly kept: readonly R[];
	/** Newest first. */
	readonly unverified: readonly UnverifiedEntry[];
}

/** What the split reads of a record (a `JournalRecord` checked by `checkAuthorsIn` fits). */
export interface OwnCheckedRecord {
	readonly id: string;
	readonly kind: string;
	readonly category: Category;
	readonly at: number;
	readonly author?: string | undefined;
	readonly authorCheck?: AuthorCheck | null | undefined;
}

/** `records`, checked already, split into what counts and what is set aside. */
export function splitOwnChecked<R extends OwnCheckedRecord>(records: readonly R[]): OwnChecked<R> {
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
