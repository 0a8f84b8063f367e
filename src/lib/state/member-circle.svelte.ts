// Opening someone else's circle on this device (issue 5 §6 "Member views"; through a care team,
// issue 14 §1, with ./team-reading.ts): the app's wiring of
// `src/lib/vault/member-circle.ts` (keys, cache, merge, writes) to this account, this vault's
// sharing identity, this browser's device id and `fetch`. The screen gets a `CircleView` (the
// same shape as one's own circle, see domain/circle-view.ts) plus the member-only extras: grants, sync,
// the offline flag and the `removed` state.
// Invariants: only while the vault is unlocked and an account is attached (the identity's private
// key lives in the vault); the view keeps its keys in memory, so the page closes it when it goes
// away (locking unmounts the page).
import { safetyCode } from '$lib/crypto/identity';
import type { Result } from '$lib/domain/result';
import { ownerPin } from '$lib/vault/pins';
import { sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import {
	openMemberCircleWith,
	type MemberCircle,
	type MemberCircleError
} from '$lib/vault/member-circle';
import { forgetMemberCircle } from '$lib/vault/member-db';
import { forgetPeopleDigest } from '$lib/vault/people-digest';
import { account } from './account.svelte';
import { deviceId } from './device-id';
import { myCircles, type CircleResult } from './circle.svelte';
import { createCircleHttp } from '$lib/sync/circle-http';
import { teamCircleRows, teamReachOf } from './team-reading';
import { teamReading } from './teams.svelte';
import { vault } from './vault.svelte';

export type { MemberCircle, MemberCircleError };

/**
 * Opens a circle this account is an active member of, directly or through a care team the person
 * invited (pulls what is new when online).
 */
export async function openMemberCircle(
	circleId: string
): Promise<Result<MemberCircle, MemberCircleError>> {
	const me = account.account;
	if (me === null) return { ok: false, error: { type: 'auth-required' } };
	if (vault.isDemo || vault.status !== 'unlocked') return { ok: false, error: { type: 'locked' } };
	const identity = await sharingIdentity(vault.vault());
	if (identity === null) return { ok: false, error: { type: 'locked' } };
	const [listed, throughTeams] = await Promise.all([myCircles(), teamCircleRows(teamReading)]);
	const circle = listed.ok ? listed.value.circles.find((c) => c.id === circleId) : undefined;
	const team = throughTeams?.find((t) => t.circleId === circleId);
	const direct = circle !== undefined && circle.role === 'member';
	if (listed.ok && throughTeams !== null && !direct && team === undefined) {
		await forgetMemberCircle(circleId);
		await forgetPeopleDigest(circleId);
		return { ok: false, error: { type: 'removed' } };
	}
	if (circle?.status === 'pending' && team === undefined)
		return { ok: false, error: { type: 'pending' } };
	return openMemberCircleWith({
		circleId,
		accountId: me.id,
		ownerName: circle?.displayLabel || team?.name || null,
		identity,
		signingKey: (await signingIdentity(vault.vault()))?.privateKey ?? null,
		ownerIdentityKey: (await ownerPin(vault.vault(), circleId))?.identityKey ?? null,
		fetch: (input, init) => fetch(input, init),
		// The same browser id the person's own sync sends (./device-id.ts).
		deviceId: deviceId(),
		// Offline (nothing listed), a team may still be how this account reads here.
		...(team !== undefined || throughTeams === null
			? { teamReach: () => teamReachOf(teamReading, circleId) }
			: {})
	});
}

export interface MemberCircleHandlers {
	/** The circle opened (still open while this runs); what the screen reads from it. */
	readonly opened: (circle: MemberCircle, circleId: string) => Promise<void> | void;
	readonly failed: (error: MemberCircleError) => void;
}

/**
 * A member screen's circle: opened with `openMemberCircle` while the vault is unlocked, again when
 * the id changes, and closed when the id changes or the screen goes, even when it opens after the
 * screen went. `current` is the open circle (null while opening, or after a failure). Call during
 * component initialisation.
 */
export function liveMemberCircle(
	circleId: () => string,
	handlers: MemberCircleHandlers
): { readonly current: MemberCircle | null } {
	let current = $state.raw<MemberCircle | null>(null);
	$effect(() => {
		const id = circleId();
		if (vault.status !== 'unlocked' || id === '') return;
		let opened: MemberCircle | null = null;
		// An object, so the async reader sees the cleanup's write (not a narrowed local).
		const run = { stopped: false };
		void (async () => {
			const result = await openMemberCircle(id);
			if (run.stopped) {
				if (result.ok) result.value.close();
				return;
			}
			if (!result.ok) {
				handlers.failed(result.error);
				return;
			}
			opened = result.value;
			current = opened;
			await handlers.opened(opened, id);
		})();
		return () => {
			run.stopped = true;
			opened?.close();
			current = null;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}

/** The safety code with the person, from this account's identity and the PINNED owner key. */
export async function pinnedOwnerSafetyCode(circleId: string): Promise<string | null> {
	if (vault.status !== 'unlocked' || vault.isDemo) return null;
	const own = await signingIdentity(vault.vault());
	const pin = await ownerPin(vault.vault(), circleId);
	return own === null || pin === null ? null : safetyCode(own.identityKey, pin.identityKey);
}

export interface ListedOwnerKeys {
	readonly identityKey: string;
	readonly sharingKey: string;
	/** Computed here from the listed owner key and this account's; compared in person. */
	readonly code: string;
}

/**
 * Re-verify on the member's side (no pin on this device, e.g. an invitation accepted before
 * identity keys): the owner keys as the server lists them, with the safety code to compare in
 * person. Nothing is trusted until the command `confirmOwnerKeys` (commands/circle.ts) pins these same
 * keys.
 */
export async function listedOwnerKeys(circleId: string): Promise<CircleResult<ListedOwnerKeys>> {
	if (vault.status !== 'unlocked' || vault.isDemo) return { ok: false, error: { type: 'locked' } };
	const own = await signingIdentity(vault.vault());
	if (own === null) return { ok: false, error: { type: 'locked' } };
	const listed = await createCircleHttp((input, init) => fetch(input, init)).call('myKeys', {
		params: { circleId }
	});
	if (!listed.ok) return listed;
	const { ownerIdentityKey, ownerPublicKey } = listed.value;
	if (ownerIdentityKey === null || ownerPublicKey === null)
		return { ok: false, error: { type: 'proof-invalid' } };
	const code = await safetyCode(own.identityKey, ownerIdentityKey);
	if (code === null) return { ok: false, error: { type: 'proof-invalid' } };
	return { ok: true, value: { identityKey: ownerIdentityKey, sharingKey: ownerPublicKey, code } };
}
