// The highest circle roster this account verified, per circle (issue 14 §6): an encrypted
// `settings` record of its own vault, like the pins (`pins.ts`), so the account's other devices
// know the version too and a server replaying an older list is caught on all of them. On a
// member's device it holds a list already checked against the owner's pin; on the person's
// device, the list she last signed (the base of the next one). Invariant: at most one per circle;
// keeping a newer one deletes the older in the same commit, and a lower version is never kept.
import { signedRosterSchema, type SignedRoster } from '$lib/domain/circle/roster';
import type { Vault } from './vault';

export const ROSTER_KIND = 'circle-roster';

async function stored(
	vault: Vault,
	circleId: string
): Promise<readonly { readonly recordId: string; readonly signed: SignedRoster }[]> {
	const rows = await vault.query({ category: 'settings', kinds: [ROSTER_KIND] });
	return rows.flatMap((r) => {
		if (r.deleted) return [];
		const parsed = signedRosterSchema.safeParse(r.body);
		return parsed.success && parsed.data.roster.circleId === circleId
			? [{ recordId: r.id, signed: parsed.data }]
			: [];
	});
}

/** The highest roster kept for the circle, or null. */
export async function keptRoster(vault: Vault, circleId: string): Promise<SignedRoster | null> {
	let best: SignedRoster | null = null;
	for (const { signed } of await stored(vault, circleId)) {
		if (best === null || signed.roster.version > best.roster.version) best = signed;
	}
	return best;
}

/** Keeps `signed` unless a higher version is kept already: one commit. */
export async function keepRoster(vault: Vault, signed: SignedRoster, at: number): Promise<boolean> {
	const old = await stored(vault, signed.roster.circleId);
	if (old.some((o) => o.signed.roster.version > signed.roster.version)) return false;
	const saved = await vault.commit([
		...old.map((o) => ({ type: 'delete', id: o.recordId, category: 'settings' }) as const),
		{ type: 'put', kind: ROSTER_KIND, category: 'settings', at, body: signed }
	]);
	return saved.ok;
}
