// The reminders' errors in words: one exhaustive function over `ReminderError`
// (commands/reminders.ts), for the writes (settings, snooze, "seen", a dose taken) and the
// Settings commands (push, the calendar feed) alike, so a new error type does not compile until
// it has its words. The message functions are called by name.
import {
	reminders_error_invalid,
	reminders_error_locked,
	reminders_error_not_a_dose,
	reminders_error_not_saved,
	reminders_error_offline,
	reminders_error_server,
	reminders_push_needs_account,
	reminders_push_permission_denied,
	reminders_push_unsupported
} from '$lib/paraglide/messages.js';
import type { ReminderError } from '$lib/commands/reminders';

export function reminderErrorText(error: ReminderError): string {
	switch (error.type) {
		case 'locked':
			return reminders_error_locked();
		case 'invalid':
			return reminders_error_invalid();
		case 'not-a-dose':
			return reminders_error_not_a_dose();
		case 'commit':
		case 'dose':
			return error.error.type === 'locked' ? reminders_error_locked() : reminders_error_not_saved();
		case 'unsupported':
			return reminders_push_unsupported();
		case 'permission-denied':
			return reminders_push_permission_denied();
		case 'no-account':
			return reminders_push_needs_account();
		case 'offline':
			return reminders_error_offline();
		case 'server':
			return reminders_error_server();
	}
}
