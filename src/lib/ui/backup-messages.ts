// One place that turns a backup error into words for the person (STYLE: errors mapped once).
import { m } from '$lib/paraglide/messages.js';
import type { BackupError } from '$lib/domain/records';

export function backupErrorText(error: BackupError): string {
	switch (error.type) {
		case 'not-a-backup':
			return m.vault_backup_not_a_backup();
		case 'unsupported-version':
			return m.vault_backup_unsupported({ version: error.version });
		case 'wrong-secret':
			return m.vault_backup_wrong_secret();
		case 'corrupt':
			return m.vault_backup_corrupt();
		case 'locked':
			return m.vault_backup_locked();
	}
}
