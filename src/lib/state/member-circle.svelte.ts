// Opening someone else's circle on this device (issue 5 §6 "Member views"): the app's wiring of
// `src/lib/vault/member-circle.ts` (keys, cache, merge, writes) to this account, this vault's
// sharing identity, this browser's device id and `fetch`. The screen gets a `CircleView` (the
// same shape as one's own circle, see circle-view.ts) plus the member-only extras: grants, sync,
// the offline flag and the `removed` state.
// Invariants: only while the vault is unlocked and an account is attached (the identity's private
// key lives in the vault); the view keeps its keys in memory, so the page closes it when it goes
// away (locking unmounts the page).
import type { Result } from '$lib/domain/result';
import { ownerPin } from '$lib/vault/pins';
import { sharingIdentity } from '$lib/vault/sharing-keys';
import {
	forgetMemberCircle,
	openMemberCircleWith,
	type MemberCircle,
	type MemberCircleError
} from '$lib/vault/member-circle';
import { account } from './account.svelte';
import { myCircles } from './circle.svelte';
import { vault } from './vault.svelte';

export type { MemberCircle, MemberCircleError };

/** The same browser id the person's own sync sends (src/lib/state/sync.svelte.ts). */
const DEVICE_KEY = 'cercle.deviceId';

function deviceId(): string {
	const stored = localStorage.getItem(DEVICE_KEY);
	if (stored !== null && /^[0-9a-f-]{36}$/.test(stored)) return stored;
	const id = crypto.randomUUID();
	localStorage.setItem(DEVICE_KEY, id);
	return id;
}

/** Opens a circle this account is an active member of (pulls what is new when online). */
export async function openMemberCircle(
	circleId: string
): Promise<Result<MemberCircle, MemberCircleError>> {
	const me = account.account;
	if (me === null) return { ok: false, error: { type: 'auth-required' } };
	if (vault.isDemo || vault.status !== 'unlocked') return { ok: false, error: { type: 'locked' } };
	const identity = await sharingIdentity(vault.vault());
	if (identity === null) return { ok: false, error: { type: 'locked' } };
	const listed = await myCircles();
	const circle = listed.ok ? listed.value.circles.find((c) => c.id === circleId) : undefined;
	if (listed.ok && (circle === undefined || circle.role !== 'member')) {
		await forgetMemberCircle(circleId);
		return { ok: false, error: { type: 'removed' } };
	}
	if (circle?.status === 'pending') return { ok: false, error: { type: 'pending' } };
	return openMemberCircleWith({
		circleId,
		accountId: me.id,
		ownerName: circle?.displayLabel ?? null,
		identity,
		ownerIdentityKey: (await ownerPin(vault.vault(), circleId))?.identityKey ?? null,
		fetch: (input, init) => fetch(input, init),
		deviceId: deviceId()
	});
}
