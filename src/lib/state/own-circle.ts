// The person's own circle as a CircleView (src/lib/domain/circle-view.ts): the open vault is the
// record store and every category is readable and writable. Screens built over a CircleView (the
// task board) work the same for the person here and for a carer in a member circle.
// Invariants:
// - records always go to the vault open NOW (the real one, or the demo), looked up at each call;
// - `me` is the account id when signed in, else LOCAL_ACCOUNT; the circle id is the account's
//   (equal to the vault header's, which is used without an account);
// - names come from the circle's members when the server answers; offline (or without an
//   account) the view still works and only names are missing.
import { m } from '$lib/paraglide/messages.js';
import type { Member } from '$lib/contracts/circle';
import { account } from './account.svelte';
import { loadCircle } from './circle.svelte';
import { LOCAL_ACCOUNT, type CircleRecords, type CircleView } from '$lib/domain/circle-view';
import { vault } from './vault.svelte';

/** A CircleView that also lists the circle's members (account ids), for choosing an assignee. */
export interface OwnCircleView extends CircleView {
	readonly members: readonly string[];
}

const records: CircleRecords = {
	commit: (ops, options) => vault.vault().commit(ops, options),
	query: (query) => vault.vault().query(query),
	get: (category, id) => vault.vault().get(category, id),
	observe: (query, onChange) => vault.vault().observe(query, onChange),
	observeDerived: (query, onChange) => vault.vault().observeDerived(query, onChange)
};

/**
 * Builds the view from what is known; `members` names the circle's accounts by their label. With
 * `membersKnown` (the list came from the server), any other account is one that left the circle.
 */
export function ownCircleView(
	members: readonly Pick<Member, 'accountId' | 'label' | 'status'>[] = [],
	headerCircleId = '',
	membersKnown = false
): OwnCircleView {
	const me = account.account?.id ?? LOCAL_ACCOUNT;
	const names = new Map(members.map((member) => [member.accountId, member.label]));
	const active = new Set(
		members.filter((member) => member.status === 'active').map((member) => member.accountId)
	);
	return {
		circleId: account.account?.circleId ?? headerCircleId,
		me,
		ownerId: me,
		isOwner: true,
		ownerName: m.plan_owner_you(),
		canRead: () => true,
		canWrite: () => true,
		records,
		// Tasks taken on before the account existed were written as LOCAL_ACCOUNT: that is the person.
		nameOf: (accountId) =>
			names.get(accountId) ?? (accountId === LOCAL_ACCOUNT ? m.plan_owner_you() : null),
		...(membersKnown
			? {
					departed: (accountId: string) =>
						accountId !== me && accountId !== LOCAL_ACCOUNT && !active.has(accountId)
				}
			: {}),
		// Only members who accepted can be proposed a task (they can read the plan).
		members: [
			me,
			...members
				.filter((member) => member.status === 'active' && member.accountId !== me)
				.map((member) => member.accountId)
		]
	};
}

/** The view with the circle id read from the vault and the members' names when online. */
export async function loadOwnCircleView(): Promise<OwnCircleView> {
	const signedIn = account.account;
	if (signedIn === null || vault.isDemo) {
		const header = await vault.vault().header();
		return ownCircleView([], header?.circleId ?? '');
	}
	const circle = await loadCircle(signedIn.circleId);
	// A list kept from an earlier visit names people, but cannot say who left since.
	return circle.ok
		? ownCircleView(circle.value.members, '', !circle.value.cached)
		: ownCircleView();
}
