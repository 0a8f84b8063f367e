// The access log as this device last verified it (issue 12 §8): the UI's entry point to the
// pinned-head check, on the open vault. A log that does not extend the head pinned here is shown
// to the person as changed (src/lib/ui/circle/AccessLog.svelte), never pinned.
import type { AuditLogResponse } from '$lib/contracts/circle';
import type { PinnedCheck } from '$lib/domain/audit/pinned';
import { checkAgainstPin } from '$lib/vault/audit-pin';
import { vault } from './vault.svelte';

export function checkPinnedAccessLog(
	circleId: string,
	log: AuditLogResponse,
	chainOk: boolean
): Promise<PinnedCheck> {
	return checkAgainstPin(vault.vault(), circleId, log.entries, chainOk && log.verified);
}
