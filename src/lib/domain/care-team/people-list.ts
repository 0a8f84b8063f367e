// "My people" as a list (issue 14 §3): one row per person whose circle I belong to, searched and
// sorted on my device, and my own follow-up settings per person (the "seen" marker of my last
// visit and after how many days without news a flag is raised), kept as `person-follow` records
// in my own vault's `settings` category (they never leave my devices).
// Invariants: search ignores case and accents; every sort is total (ties broken by name, then
// circle id), so the list does not jump between renders; "most serious flag" orders by the rank
// of each person's first flag in FLAG_ORDER, people without flags last.
import * as z from 'zod';
import { FLAG_ORDER, type Flag } from './flags';

export const PERSON_FOLLOW_KIND = 'person-follow';
export const DEFAULT_NO_NEWS_DAYS = 7;
export const NO_NEWS_DAYS_MAX = 365;

export const noNewsDaysSchema = z
	.int({ error: 'people_error_days' })
	.min(1, { error: 'people_error_days' })
	.max(NO_NEWS_DAYS_MAX, { error: 'people_error_days' });

export const personFollowBodySchema = z.object({
	circleId: z.string().min(1),
	/** The person's name as the circle list gave it, for the list offline. */
	name: z.string().max(200),
	/** When I last marked this person as seen (end of my visit), or null. */
	seenAt: z.number().int().nonnegative().nullable(),
	noNewsDays: noNewsDaysSchema
});
export type PersonFollow = z.infer<typeof personFollowBodySchema>;

export const defaultFollow = (circleId: string, name: string): PersonFollow => ({
	circleId,
	name,
	seenAt: null,
	noNewsDays: DEFAULT_NO_NEWS_DAYS
});

export interface PersonRow {
	readonly circleId: string;
	readonly name: string;
	/** At most three, most serious first (`flagsFor`). */
	readonly flags: readonly Flag[];
	readonly lastEntryAt: number | null;
	/** Entries newer than my "seen" marker. */
	readonly changes: number;
	readonly follow: PersonFollow;
}

export type PeopleSort = 'name' | 'flag' | 'news';
export const PEOPLE_SORTS: readonly PeopleSort[] = ['flag', 'name', 'news'];

/** Lower is more serious; people without a flag come after everyone flagged. */
export const seriousness = (flags: readonly Flag[]): number => {
	const first = flags[0];
	return first === undefined ? FLAG_ORDER.length : FLAG_ORDER.indexOf(first.kind);
};

const fold = (text: string): string =>
	text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Rows whose name contains the query (case and accents ignored); all rows for a blank query. */
export function searchPeople<R extends { readonly name: string }>(
	rows: readonly R[],
	query: string
): readonly R[] {
	const q = fold(query.trim());
	return q === '' ? rows : rows.filter((r) => fold(r.name).includes(q));
}

/** The rows in the chosen order; `collator` compares names in the reader's language. */
export function sortPeople(
	rows: readonly PersonRow[],
	sort: PeopleSort,
	collator: Intl.Collator
): readonly PersonRow[] {
	const byName = (a: PersonRow, b: PersonRow): number =>
		collator.compare(a.name, b.name) ||
		(a.circleId < b.circleId ? -1 : a.circleId > b.circleId ? 1 : 0);
	const compare = (a: PersonRow, b: PersonRow): number => {
		switch (sort) {
			case 'name':
				return byName(a, b);
			case 'flag':
				return (
					seriousness(a.flags) - seriousness(b.flags) ||
					b.flags.length - a.flags.length ||
					byName(a, b)
				);
			case 'news':
				return (b.lastEntryAt ?? -1) - (a.lastEntryAt ?? -1) || byName(a, b);
		}
	};
	return [...rows].sort(compare);
}
