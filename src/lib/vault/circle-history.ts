// Whether this device ever received anything of a circle's membership (issue 14, trust between
// members): a member list or a ledger of write grants (`circle-writers.ts`, sealed local secrets),
// or a signed roster (`roster-pin.ts`, a settings record). With none of them, nobody but the
// person can have written in her circle as far as this device knows (`record-authors.ts`
// `writableByOthers` is empty), so her own records need no check of who wrote them and the
// check's code is not loaded at all (`state/own-unverified.ts`; 44 kB on a 2G link).
// Light on purpose: no zod, no crypto, no decryption beyond the settings bucket. The names are
// written out here rather than imported, so that importing this module pulls neither in; a unit
// test holds them equal to the modules that write them.
import { dbOf } from './db';
import type { Vault } from './vault';

/** The meta keys of `circle-writers.ts`'s two sealed secrets, any circle. */
export const CIRCLE_SECRET_PREFIXES = [
	'local-secret:circle-snapshot:',
	'local-secret:circle-writers:'
] as const;
/** `roster-pin.ts`'s ROSTER_KIND. */
export const ROSTER_RECORD_KIND = 'circle-roster';

/** True once any member list, ledger or roster of any circle is on this device. */
export async function hasCircleHistory(vault: Vault): Promise<boolean> {
	const meta = dbOf(vault).meta;
	for (const prefix of CIRCLE_SECRET_PREFIXES) {
		if ((await meta.where('key').startsWith(prefix).count()) > 0) return true;
	}
	const rosters = await vault.query({ category: 'settings', kinds: [ROSTER_RECORD_KIND] });
	return rosters.length > 0;
}
