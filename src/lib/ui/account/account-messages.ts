// The one place where account and sync failures become words for the person (FR/EN).
import { m } from '$lib/paraglide/messages.js';
import type {
	NewDeviceFailure,
	SignInAgainFailure,
	SignUpFailure
} from '$lib/state/account.svelte';
import type { AccountError } from '$lib/sync/account-http';
import type { SyncFailure, SyncStatus } from '$lib/sync/types';

type AnyFailure = AccountError | SignUpFailure | NewDeviceFailure | SignInAgainFailure;

export function accountErrorText(error: AnyFailure): string {
	switch (error.type) {
		case 'offline':
			return m.sync_error_offline();
		case 'invalid-credentials':
			return m.sync_error_invalid_credentials();
		case 'unauthenticated':
			return m.sync_error_unauthenticated();
		case 'login-taken':
			return m.sync_error_login_taken();
		case 'circle-taken':
			return m.sync_error_circle_taken();
		case 'rate-limited':
			return m.sync_error_rate_limited();
		case 'server':
			return m.sync_error_server();
		case 'bad-request':
		case 'invalid-response':
			return m.sync_error_generic();
		case 'forbidden-origin':
			return m.sync_error_forbidden_origin({ origin: error.origin });
		case 'locked':
			return m.sync_error_locked();
		case 'corrupt-keys':
			return m.sync_error_corrupt_keys();
		case 'altered-keys':
			return m.sync_error_altered_keys();
		case 'kdf-below-floor':
			return m.sync_error_kdf();
		case 'blob-too-large':
			return m.sync_error_blob_too_large();
		case 'unlock-failed':
			return m.sync_error_unlock();
		case 'second-factor-required':
			return m.factor_error_required();
		case 'second-factor-invalid':
			return m.factor_error_invalid();
		case 'second-factor-replayed':
			return m.factor_error_replayed();
		case 'professional-needs-second-factor':
			return m.factor_error_professional();
	}
}

/** A failed login in words, and whether the form should (still) ask for the second factor. */
export function loginFailure(error: AnyFailure): {
	readonly message: string;
	readonly askSecondFactor: boolean;
} {
	const askSecondFactor =
		error.type === 'second-factor-required' ||
		error.type === 'second-factor-invalid' ||
		error.type === 'second-factor-replayed';
	const message =
		error.type === 'second-factor-required' ? m.factor_login_needed() : accountErrorText(error);
	return { message, askSecondFactor };
}

export function syncFailureText(reason: SyncFailure): string {
	switch (reason.type) {
		case 'forbidden':
			return m.sync_reason_forbidden();
		case 'forbidden-origin':
			return m.sync_error_forbidden_origin({ origin: reason.origin });
		case 'rate-limited':
			return m.sync_reason_rate_limited();
		case 'server':
			return m.sync_reason_server();
		case 'bad-request':
			return m.sync_reason_bad_request();
		case 'invalid-response':
			return m.sync_reason_invalid_response();
		case 'rejected':
			return m.sync_reason_rejected({ count: reason.count });
		case 'storage':
			return m.sync_reason_storage();
	}
}

export function syncStatusText(status: SyncStatus): string {
	switch (status.kind) {
		case 'synced':
			return m.sync_status_synced();
		case 'pending':
			return m.sync_status_pending({ count: status.pending });
		case 'syncing':
			return m.sync_status_syncing();
		case 'offline':
			return m.sync_status_offline({ count: status.pending });
		case 'error':
			return m.sync_status_error({ reason: syncFailureText(status.reason) });
		case 'auth-required':
			return m.sync_status_auth({ count: status.pending });
	}
}

/** Pulled changes that did not authenticate (a server that altered or replayed them), in words. */
export function unreadableText(count: number): string {
	return m.sync_unreadable({ count });
}
