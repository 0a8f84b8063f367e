// Pinned identities (DESIGN: Sharing — "the server may lie"), the Signal model: after an invitation
// proof verifies (or after two people compared their safety code in person), each side records the
// other's identity and sharing public keys in an encrypted `settings` record of its own vault.
// From then on, keys are only ever wrapped to the PINNED sharing key and a wrap is only accepted
// with the PINNED owner's signature; whatever the server lists is compared with the pin, never
// trusted. Invariant: at most one pin per (circle, account) is in force: pinning again replaces it
// in one commit; the owner's pin on a member's device is stored under the role `owner`.
import * as z from 'zod';
import type { Vault } from './vault';

export const PIN_KIND = 'circle-pin';

export const pinSchema = z.object({
	circleId: z.string().min(1),
	/** The other party's account id; null for a circle's owner pinned before their id was known. */
	accountId: z.string().nullable(),
	role: z.enum(['owner', 'member']),
	identityKey: z.string().min(1),
	sharingKey: z.string().min(1),
	/** How it was pinned: the invitation proof, or a safety code compared in person. */
	source: z.enum(['invitation', 'in-person']),
	pinnedAt: z.number()
});
export type Pin = z.infer<typeof pinSchema>;

interface StoredPin {
	readonly recordId: string;
	readonly pin: Pin;
}

async function storedPins(vault: Vault): Promise<readonly StoredPin[]> {
	const rows = await vault.query({ category: 'settings', kinds: [PIN_KIND] });
	return rows.flatMap((r) => {
		const parsed = pinSchema.safeParse(r.body);
		return parsed.success ? [{ recordId: r.id, pin: parsed.data }] : [];
	});
}

const samePin = (a: Pin, b: Pick<Pin, 'circleId' | 'accountId' | 'role'>): boolean =>
	a.circleId === b.circleId &&
	a.role === b.role &&
	(a.role === 'owner' || a.accountId === b.accountId);

/** Every pin of one circle (the owner's, on a member's device; the members', on the owner's). */
export async function pinsOf(vault: Vault, circleId: string): Promise<readonly Pin[]> {
	return (await storedPins(vault)).filter((p) => p.pin.circleId === circleId).map((p) => p.pin);
}

/** The pin of a circle's owner on this (member's) device, or null. */
export async function ownerPin(vault: Vault, circleId: string): Promise<Pin | null> {
	return (await pinsOf(vault, circleId)).find((p) => p.role === 'owner') ?? null;
}

/** Pins (or re-pins) one party; any earlier pin of the same party goes in the same commit. */
export async function pinKeys(vault: Vault, pin: Pin): Promise<boolean> {
	const old = (await storedPins(vault)).filter((p) => samePin(p.pin, pin));
	const saved = await vault.commit([
		...old.map((p) => ({ type: 'delete', id: p.recordId, category: 'settings' }) as const),
		{ type: 'put', kind: PIN_KIND, category: 'settings', at: pin.pinnedAt, body: pin }
	]);
	return saved.ok;
}

/** How a listed member compares with the pin: what decides whether keys may go to them. */
export type PinCheck = 'pinned' | 'changed' | 'unpinned';

export function checkPin(
	pins: readonly Pin[],
	listed: {
		readonly accountId: string;
		readonly identityKey: string | null;
		readonly publicKey: string | null;
	}
): PinCheck {
	const pin = pins.find((p) => p.role === 'member' && p.accountId === listed.accountId);
	if (pin === undefined) return 'unpinned';
	return pin.identityKey === listed.identityKey && pin.sharingKey === listed.publicKey
		? 'pinned'
		: 'changed';
}
