// The circle roster on each device (issue 14 §6; the list and its checks are
// `domain/circle/roster.ts`), with the vault, `fetch` and the clock injected so integration tests
// drive the real functions against the real server and a lying one.
// - The person's device: `publishRoster` (a command, commands/circle.ts) re-signs and uploads the
//   member list whenever membership changes, and when the circle page loads, so a failed upload is
//   retried. It lists the active members whose keys it PINNED, never a key the server lists.
// - When a member leaves, the new list carries her commitment (`seen`): the digests of her signed
//   records this device holds (`domain/circle/record-signature.ts`), so readers can refuse what
//   she signs afterwards whatever date she gives it (commands/circle.ts `publishRoster`).
// - A member's device: `refreshRoster` checks the server's list against the owner key it pinned
//   and the highest version it kept (sealed in its vault); a refused list is reported as data (the
//   screen says why) and the kept one stays in force. `rosterKeys` gives the keys a verified kept
//   list vouches for (re-checked against the owner pin at each read).
import { createApiClient, type FetchLike } from '$lib/contracts/client';
import { verifyFields } from '$lib/crypto/framed-signature';
import {
	checkRoster,
	rosterKeyOf,
	type Roster,
	type RosterKey,
	type RosterRefusal,
	type SignedRoster
} from '$lib/domain/circle/roster';
import { ownerPin } from '$lib/vault/pins';
import { keepRoster, keptRoster } from '$lib/vault/roster-pin';
import type { Vault } from '$lib/vault/vault';

export interface RosterDeps {
	readonly vault: () => Vault;
	readonly fetch: FetchLike;
	readonly now: () => number;
}

/** What a member's device knows of the roster after asking the server. */
export type RosterStatus =
	| { readonly type: 'verified'; readonly roster: Roster }
	/** The server's list was refused; `kept` (verified earlier, or null) stays in force. */
	| { readonly type: 'refused'; readonly refusal: RosterRefusal; readonly kept: Roster | null }
	/** The server could not be reached (or answered with an error): the kept list, if any. */
	| { readonly type: 'unreachable'; readonly kept: Roster | null };

const verify = { verify: verifyFields };

export function createRosterReads(deps: RosterDeps) {
	const api = createApiClient(deps.fetch);

	/** The kept roster, re-checked against the owner key this device pinned now. */
	async function trustedKept(circleId: string): Promise<SignedRoster | null> {
		const v = deps.vault();
		const kept = await keptRoster(v, circleId);
		if (kept === null) return null;
		const owner = await ownerPin(v, circleId);
		const checked = await checkRoster(kept, {
			circleId,
			ownerKey: owner?.identityKey ?? null,
			kept: null,
			...verify
		});
		return checked.ok ? checked.value : null;
	}

	/** Member side: asks the server, checks, keeps a newer verified list; never throws. */
	async function refreshRoster(circleId: string): Promise<RosterStatus> {
		const v = deps.vault();
		const kept = await trustedKept(circleId);
		const answer = await api.call('roster', { params: { circleId } });
		if (!answer.ok) return { type: 'unreachable', kept: kept?.roster ?? null };
		const owner = await ownerPin(v, circleId);
		const checked = await checkRoster(answer.value.signed, {
			circleId,
			ownerKey: owner?.identityKey ?? null,
			kept,
			...verify
		});
		if (!checked.ok) return { type: 'refused', refusal: checked.error, kept: kept?.roster ?? null };
		if (kept === null || checked.value.roster.version > kept.roster.version)
			await keepRoster(v, checked.value, deps.now());
		return { type: 'verified', roster: checked.value.roster };
	}

	/** The keys the kept (verified) roster vouches for, by account. */
	async function rosterKeys(circleId: string): Promise<(accountId: string) => RosterKey | null> {
		const kept = await trustedKept(circleId);
		return (accountId) => (kept === null ? null : rosterKeyOf(kept.roster, accountId));
	}

	return { refreshRoster, rosterKeys };
}

export type RosterReads = ReturnType<typeof createRosterReads>;
