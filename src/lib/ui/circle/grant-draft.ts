// The form state of a grants editor: one row per shareable category (nothing / read / write, an
// optional "until" date), and its conversion to and from the wire's grant list.
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import type { Grant, ShareableCategory } from '$lib/domain/circle';

export type AccessChoice = 'none' | 'read' | 'write';
export type GrantDraft = Record<ShareableCategory, { access: AccessChoice; until: string }>;

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (ms: number): string => {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function draftFromGrants(grants: readonly Grant[]): GrantDraft {
	const draft = Object.fromEntries(
		SHAREABLE_CATEGORIES.map((c) => [c, { access: 'none', until: '' }])
	) as GrantDraft;
	for (const g of grants) {
		draft[g.category] = { access: g.access, until: g.until === null ? '' : localDate(g.until) };
	}
	return draft;
}

/** "until 30 June" means through that whole day: the grant ends at the next local midnight. */
export function grantsFromDraft(draft: GrantDraft): Grant[] {
	return SHAREABLE_CATEGORIES.flatMap((category) => {
		const row = draft[category];
		if (row.access === 'none') return [];
		const until =
			row.until === '' ? null : new Date(`${row.until}T00:00:00`).getTime() + 86_400_000;
		return [
			{
				category,
				access: row.access,
				until: until !== null && Number.isFinite(until) ? until : null
			}
		];
	});
}
