// The circle roster's words on a member's device (issue 14 §6): why the member list the server
// sent was not used, and what the device does instead, in the reader's language. One exhaustive
// switch over the domain's refusals, so a new refusal cannot go unsaid.
import { m } from '$lib/paraglide/messages.js';
import type { RosterRefusal } from '$lib/domain/circle/roster';
import type { RosterStatus } from '$lib/state/circle.svelte';

export const refusalText = (refusal: RosterRefusal, name: string): string => {
	switch (refusal.type) {
		case 'missing':
			return m.roster_refused_missing({ name });
		case 'malformed':
			return m.roster_refused_malformed();
		case 'no-owner-key':
			return m.roster_refused_no_owner_key({ name });
		case 'wrong-circle':
			return m.roster_refused_wrong_circle();
		case 'bad-signature':
			return m.roster_refused_bad_signature({ name });
		case 'rollback':
			return m.roster_refused_rollback({ got: refusal.got, seen: refusal.seen });
		case 'fork':
			return m.roster_refused_fork({ version: refusal.version });
	}
};

/** What to tell the reader about the roster, or null when there is nothing to say. */
export const rosterStatusText = (status: RosterStatus | null, name: string): string | null => {
	if (status === null || status.type === 'verified') return null;
	if (status.type === 'unreachable' && status.kept !== null) return null;
	const first =
		status.type === 'refused' ? refusalText(status.refusal, name) : m.roster_unreachable({ name });
	const then =
		status.kept === null
			? m.roster_none_kept({ name })
			: m.roster_keeps({ version: status.kept.version });
	return `${first} ${then}`;
};
