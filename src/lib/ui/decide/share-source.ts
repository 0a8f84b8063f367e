// What the "Share with my circle" control needs to know, and where it comes from. Decision records
// are not sent to anyone by a button: a saved record syncs (encrypted) to the person's circle, and
// every member holding an active "decisions" grant can read it. So the control tells the truth:
// who can read it now, and whether this record has left the phone yet.
// Invariants: a reader is an active, non-owner member with an active "decisions" grant (the same
// rule as the server's, `isGrantActive`); a reader is always named by their label (never an id);
// "sent" means the record's reference left the vault's outbox (it leaves only once pushed).
import type { Member } from '$lib/contracts/circle';
import { isGrantActive } from '$lib/domain/circle';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { account } from '$lib/state/account.svelte';
import { loadCircle, type CircleResult } from '$lib/state/circle.svelte';
import { sync } from '$lib/state/sync.svelte';
import { vault } from '$lib/state/vault.svelte';
import type { SyncStatus } from '$lib/sync/types';
import { roleText } from '$lib/ui/circle/labels';
import { formatDate } from '$lib/ui/format';

export interface ShareSource {
	/** The sample journal: nothing in it can be shared. */
	readonly isDemo: boolean;
	/** The person's circle when an account is attached, else null. */
	readonly circleId: string | null;
	/** The sync manager's status (null while it is not running). */
	readonly syncStatus: SyncStatus | null;
	loadMembers(circleId: string): Promise<CircleResult<readonly Member[]>>;
	/** Calls `onChange(true)` while the record waits in the outbox; returns the unsubscribe. */
	observeUnsent(recordId: string, onChange: (unsent: boolean) => void): () => void;
	now(): number;
}

/** The app's own state: the account, the open vault, the sync manager, the circle's server. */
export const appShareSource: ShareSource = {
	get isDemo() {
		return vault.isDemo;
	},
	get circleId() {
		return account.account?.circleId ?? null;
	},
	get syncStatus() {
		return sync.status;
	},
	async loadMembers(circleId) {
		const result = await loadCircle(circleId);
		if (!result.ok) return result;
		// Who may read is checked with the server, never from a list kept from an earlier visit.
		return result.value.cached
			? { ok: false, error: { type: 'offline' } }
			: { ok: true, value: result.value.members };
	},
	observeUnsent: (recordId, onChange) => vault.vault().observeUnsent(recordId, onChange),
	now: () => Date.now()
};

export interface DecisionReader {
	readonly accountId: string;
	readonly name: string;
	readonly role: string;
	/** When the grant ends (epoch ms), null while it lasts until taken back. */
	readonly until: number | null;
}

/** The members who can read the person's decision records at `now`, in the server's order. */
export function decisionReaders(
	members: readonly Member[],
	now: number
): readonly DecisionReader[] {
	return members.flatMap((member) => {
		if (member.role === 'owner' || member.status !== 'active') return [];
		const grant = (member.grants ?? []).find((g) => g.category === 'decisions');
		if (grant === undefined || !isGrantActive(grant, now)) return [];
		const name = member.label.trim() === '' ? m.circle_member_someone() : member.label;
		return [{ accountId: member.accountId, name, role: member.role, until: grant.until }];
	});
}

/** "Dr Martin (doctor) and Claire (carer, until 30 June 2026) can read your decision records." */
export function readersSentence(readers: readonly DecisionReader[]): string {
	const parts = readers.map((r) =>
		r.until === null
			? m.decide_share_reader({ name: r.name, role: roleText(r.role) })
			: m.decide_share_reader_until({
					name: r.name,
					role: roleText(r.role),
					date: formatDate(r.until)
				})
	);
	const list = new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(
		parts
	);
	return parts.length === 1
		? m.decide_share_readers_one({ readers: list })
		: m.decide_share_readers_many({ readers: list });
}

/** Where a saved record stands: sent, or why it is still waiting. */
export function sendingText(unsent: boolean, status: SyncStatus | null): string {
	if (!unsent) return m.decide_share_sent();
	switch (status?.kind) {
		case 'offline':
			return m.decide_share_waiting_offline();
		case 'auth-required':
			return m.decide_share_waiting_auth();
		case 'error':
			return m.decide_share_waiting_error();
		case 'pending':
		case 'syncing':
		case 'synced':
		case undefined:
			return m.decide_share_sending();
	}
}
