// The last access-log head this device verified, per circle, kept in the vault (sealed like any
// local secret: readable only while unlocked, bound to its name, never synced nor sent). Used by
// the access log check (src/lib/domain/audit/pinned.ts): a later log must extend it.
import { fromUtf8, utf8 } from '$lib/crypto/bytes';
import type { AuditEntry } from '$lib/domain/audit';
import {
	auditHeadSchema,
	extendsPinnedHead,
	type AuditHead,
	type PinnedCheck
} from '$lib/domain/audit/pinned';
import { readLocalSecret, saveLocalSecret } from './local-secret';
import type { Vault } from './vault';

const name = (circleId: string): string => `audit-head:${circleId}`;

/** The pinned head, null when none was pinned yet (or while locked). */
export async function pinnedAuditHead(vault: Vault, circleId: string): Promise<AuditHead | null> {
	const bytes = await readLocalSecret(vault, name(circleId));
	if (bytes === null) return null;
	try {
		const parsed = auditHeadSchema.safeParse(JSON.parse(fromUtf8(bytes)));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Pins `head` (only ever called with a head that extends the pinned one). False while locked. */
export function pinAuditHead(vault: Vault, circleId: string, head: AuditHead): Promise<boolean> {
	return saveLocalSecret(vault, name(circleId), utf8(JSON.stringify(head)));
}

/**
 * Checks a served log against the pinned head and, when it extends it and its own chain verified
 * (`chainOk`), pins its newest entry. A rewritten log is reported and never pinned.
 */
export async function checkAgainstPin(
	vault: Vault,
	circleId: string,
	entries: readonly AuditEntry[],
	chainOk: boolean
): Promise<PinnedCheck> {
	const check = extendsPinnedHead(entries, await pinnedAuditHead(vault, circleId));
	if (check.ok && chainOk && check.head !== null) await pinAuditHead(vault, circleId, check.head);
	return check;
}
