// Who can, or could, write each category of the person's circle, as her device knows it (issue 14,
// trust between members): what decides which of her own versions her device checks as hers
// (`state/record-authors.ts` `writableByOthers`). Two sealed local secrets (`local-secret.ts`:
// the vault's meta, never synced), both per circle:
// - the member list her device last received (`circle-snapshot:<circle>`, written by
//   `state/circle-commands.ts` `loadCircle`: members and teams with their grants);
// - a ledger of every write grant any list she received ever carried (`circle-writers:<circle>`):
//   account id → the categories that account held a write grant on, expired or not, kept after
//   the account leaves the list, so a former member who could write still counts. An account
//   listed with no write grant is kept with no category (its grants are known).
// Why a ledger: the server lists current members only, and the roster she signs names former
// members without their grants. The grants themselves are the server's word (she set them with
// her device, but the list comes back from the server): a server that hides a write grant can
// still have her device skip a check; a member's device is not concerned (it checks every kind).
// Invariants: the ledger only grows (an account's categories are merged, never dropped); the
// person herself (`owner`) is never listed in it; anything that does not parse reads as empty.
import * as z from 'zod/mini';
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import { readLocalSecret, saveLocalSecret } from './local-secret';
import type { Vault } from './vault';

/** The sealed name of the member list this device last received for a circle. */
export const snapshotCacheName = (circleId: string): string => `circle-snapshot:${circleId}`;
/** The sealed name of the circle's ledger of write grants. */
const ledgerName = (circleId: string): string => `circle-writers:${circleId}`;

const SHAREABLE: ReadonlySet<string> = new Set(SHAREABLE_CATEGORIES);

/** What the ledger reads of a listed member (a contract `Member` fits). */
export interface GrantedMember {
	readonly accountId: string;
	readonly role: string;
	readonly grants: readonly { readonly category: string; readonly access: string }[] | null;
}

const listSchema = z.object({
	members: z.array(
		z.object({
			accountId: z.string(),
			role: z.string(),
			grants: z.nullable(z.array(z.object({ category: z.string(), access: z.string() })))
		})
	)
});
const ledgerSchema = z.record(z.string(), z.array(z.string()));

/** Account id → categories it may write; never the person (`owner`); grants null: not listed. */
export type Writers = ReadonlyMap<string, ReadonlySet<string>>;

function writersIn(members: readonly GrantedMember[]): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const member of members) {
		if (member.role === 'owner' || member.grants === null) continue;
		const categories = out.get(member.accountId) ?? new Set<string>();
		for (const g of member.grants)
			if (g.access === 'write' && SHAREABLE.has(g.category)) categories.add(g.category);
		out.set(member.accountId, categories);
	}
	return out;
}

async function readJson(vault: Vault, name: string): Promise<unknown> {
	const bytes = await readLocalSecret(vault, name);
	if (bytes === null) return null;
	try {
		return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
	} catch {
		return null;
	}
}

async function ledgerOf(vault: Vault, circleId: string): Promise<Map<string, Set<string>>> {
	const parsed = ledgerSchema.safeParse(await readJson(vault, ledgerName(circleId)));
	const out = new Map<string, Set<string>>();
	if (!parsed.success) return out;
	for (const [accountId, categories] of Object.entries(parsed.data))
		out.set(accountId, new Set(categories.filter((c) => SHAREABLE.has(c))));
	return out;
}

function merge(into: Map<string, Set<string>>, from: ReadonlyMap<string, ReadonlySet<string>>) {
	let changed = false;
	for (const [accountId, categories] of from) {
		const known = into.get(accountId);
		if (known === undefined) {
			into.set(accountId, new Set(categories));
			changed = true;
			continue;
		}
		for (const c of categories) {
			if (known.has(c)) continue;
			known.add(c);
			changed = true;
		}
	}
	return changed;
}

/** Adds the write grants of a member list just received to the circle's ledger (see header). */
export async function noteWriters(
	vault: Vault,
	circleId: string,
	members: readonly GrantedMember[]
): Promise<void> {
	const ledger = await ledgerOf(vault, circleId);
	if (!merge(ledger, writersIn(members))) return;
	const json = Object.fromEntries([...ledger].map(([id, categories]) => [id, [...categories]]));
	await saveLocalSecret(
		vault,
		ledgerName(circleId),
		new TextEncoder().encode(JSON.stringify(json))
	);
}

/** Every account this device knows of in the circle with what it can or could write: ledger ∪ list. */
export async function writersOf(vault: Vault, circleId: string): Promise<Writers> {
	const [ledger, list] = await Promise.all([
		ledgerOf(vault, circleId),
		readJson(vault, snapshotCacheName(circleId))
	]);
	const parsed = listSchema.safeParse(list);
	if (parsed.success) merge(ledger, writersIn(parsed.data.members));
	return ledger;
}
