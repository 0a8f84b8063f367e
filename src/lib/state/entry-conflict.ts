// Sync's conflict commands (commands/sync.ts: keep one version of an entry edited on two devices
// at once) bound to the open vault, for the account's conflict list and the journal's timeline.
import { createSyncCommands } from '$lib/commands/sync';
import { vault } from './vault.svelte';

export const syncCommands = createSyncCommands({
	records: () => (vault.status === 'unlocked' ? vault.vault() : null)
});

/** For the journal page: keep a version from the entry itself (read again first). */
export const keepVersion = syncCommands.keepVersion;
