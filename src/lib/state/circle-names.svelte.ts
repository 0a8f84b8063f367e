// Who wrote an entry, as the person reads it in their own journal: a member who writes on the
// person's behalf marks the entry with their account id (`author`, see vault/member-records.ts); here it
// becomes the member's label in the person's circle ("Claire"). The labels come from the circle's
// member list, fetched once per session when an account is attached and kept in memory only;
// until then, or offline, an id the list does not name reads as "a member of the circle", never
// as a raw id.
import { m } from '$lib/paraglide/messages.js';
import { account } from './account.svelte';
import { loadCircle } from './circle.svelte';

let names = $state<ReadonlyMap<string, string>>(new Map());
let loadedFor: string | null = null;

function load(circleId: string): void {
	if (loadedFor === circleId) return;
	loadedFor = circleId;
	void loadCircle(circleId).then((result) => {
		// Offline (or a list kept from an earlier visit): asked again next time.
		if (!result.ok || result.value.cached) loadedFor = null;
		if (!result.ok) return;
		names = new Map(
			result.value.members.filter((x) => x.label !== '').map((x) => [x.accountId, x.label])
		);
	});
}

/** The name to show for an entry's `author` in the person's own journal. */
export function authorName(author: string): string {
	const me = account.account;
	if (me === null) return author;
	queueMicrotask(() => {
		load(me.circleId);
	});
	return names.get(author) ?? m.circle_member_someone();
}
