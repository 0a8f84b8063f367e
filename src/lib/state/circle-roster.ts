// The circle roster on each device (issue 14 §6; the list and its checks are
// `domain/circle/roster.ts`), with the vault, `fetch` and the clock injected so integration tests
// drive the real functions against the real server and a lying one.
// - The person's device: `publishRoster` re-signs and uploads the member list whenever membership
//   changes (the circle commands call it after a confirmation, a removal or a re-verification, and
//   when the circle page loads, so a failed upload is retried). It lists the active members whose
//   keys it PINNED, with the pinned identity key: never a key the server lists (a server that swaps
//   a member's listed key changes nothing in the roster; re-verifying in person re-pins, and the
//   next roster carries the new key).
// - A member's device: `refreshRoster` checks the server's list against the owner key it pinned
//   and the highest version it kept (sealed in its vault); a refused list is reported as data (the
//   screen says why) and the kept one stays in force. `rosterKeys` gives the keys a verified kept
//   list vouches for (re-checked against the owner pin at each read).
import type { Member } from '$lib/contracts/circle';
import { createApiClient, type FetchLike } from '$lib/contracts/client';
import { signFields, verifyFields } from '$lib/crypto/framed-signature';
import {
	checkRoster,
	nextRoster,
	rosterFields,
	rosterKeyOf,
	type Roster,
	type RosterKey,
	type RosterRefusal,
	type SignedRoster
} from '$lib/domain/circle/roster';
import { careRoleSchema } from '$lib/domain/circle';
import { err, ok, type Result } from '$lib/domain/result';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { keepRoster, keptRoster } from '$lib/vault/roster-pin';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { circleErrorOf, type CircleError } from './circle-http';

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

export function createRosterCommands(deps: RosterDeps) {
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

	/**
	 * Person side: signs and uploads the list of members whose keys this device pinned, if it
	 * differs from the last one; the new version is above both the kept one and the server's.
	 * `members`: the list just received (else it is asked for). ok(version published) or ok(null)
	 * when nothing changed.
	 */
	async function publishRoster(
		circleId: string,
		members?: readonly Member[]
	): Promise<Result<number | null, CircleError>> {
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return err({ type: 'locked' });
		let listed = members;
		if (listed === undefined) {
			const answer = await api.call('listMembers', { params: { circleId } });
			if (!answer.ok) return err(circleErrorOf(answer.error));
			listed = answer.value.members;
		}
		const pins = await pinsOf(v, circleId);
		const current = listed.flatMap((m) => {
			const role = careRoleSchema.safeParse(m.role);
			const pin = pins.find((p) => p.role === 'member' && p.accountId === m.accountId);
			// The PINNED key, whatever the server lists now (a swapped key changes nothing here).
			if (!role.success || m.status !== 'active' || pin === undefined) return [];
			return [
				{
					accountId: m.accountId,
					role: role.data,
					label: m.label,
					identityKey: pin.identityKey
				}
			];
		});
		// The base: the higher of what this account kept and what the server holds signed by it.
		let previous = (await keptRoster(v, circleId))?.roster ?? null;
		const served = await api.call('roster', { params: { circleId } });
		if (served.ok && served.value.signed !== null) {
			const own = await checkRoster(served.value.signed, {
				circleId,
				ownerKey: signing.identityKey,
				kept: null,
				...verify
			});
			if (own.ok && (previous === null || own.value.roster.version > previous.version))
				previous = own.value.roster;
		}
		const next = nextRoster({ circleId, previous, current, now: deps.now() });
		if (next === null) return ok(null);
		const signed: SignedRoster = {
			roster: next,
			signature: await signFields(signing.privateKey, rosterFields(next))
		};
		const put = await api.send('putRoster', { params: { circleId }, body: { signed } });
		if (!put.ok) return err(circleErrorOf(put.error));
		await keepRoster(v, signed, deps.now());
		return ok(next.version);
	}

	return { refreshRoster, rosterKeys, publishRoster };
}

export type RosterCommands = ReturnType<typeof createRosterCommands>;
