// What members write into a person's circle (issue 14 §7), bound to the open vault: the commands
// for a screen's circle view (a member's, or the person's own for removing), with the clock of the
// device; and, for the person, the notes and target ranges members wrote in her circle, live.
// Invariant: the writer of each record is its author as this device decrypted it AND checked
// against the writer's identity signature (`record-authors.ts`), never a name typed in a form.
import { createCircleWriteCommands, type CircleWriteCommands } from '$lib/commands/circle-writes';
import { memberWritesOf, type MemberWrite } from '$lib/domain/care-team/circle-writes';
import { LOCAL_ACCOUNT, type CircleView } from '$lib/domain/circle-view';
import type { UnitPreferences } from '$lib/domain/journal/measurements';
import { account } from './account.svelte';
import { checkOwnAuthors } from './own-authors';
import { liveRecords } from './vault.svelte';

/** The write commands over the circle a screen holds (read at each call). */
export function circleWriteCommands(
	view: () => CircleView,
	preferences: () => UnitPreferences
): CircleWriteCommands {
	return createCircleWriteCommands({ view, now: () => Date.now(), preferences });
}

/** The person's own circle: what members wrote in it, newest first (call during init). */
export function liveMemberWrites(): { readonly current: readonly MemberWrite[] | undefined } {
	const notes = liveRecords(() => ({ category: 'notes', kinds: ['note'] }));
	const targets = liveRecords(() => ({ category: 'measurements', kinds: ['target-range'] }));
	let writes = $state.raw<readonly MemberWrite[] | undefined>(undefined);
	$effect(() => {
		if (notes.current === undefined || targets.current === undefined) return;
		const records = [...notes.current, ...targets.current];
		const owner = account.account?.id ?? LOCAL_ACCOUNT;
		let live = true;
		// Each writer is named only once her signature is checked here (`record-authors.ts`).
		void checkOwnAuthors(records).then((checked) => {
			if (live) writes = memberWritesOf(checked, owner);
		});
		return () => {
			live = false;
		};
	});
	return {
		get current() {
			return writes;
		}
	};
}
