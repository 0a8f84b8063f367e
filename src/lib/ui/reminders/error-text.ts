// The words for a reminder write that did not happen (settings, snooze, "seen", a dose taken):
// one exhaustive function, so a new error type does not compile until it has its words.
import { m } from '$lib/paraglide/messages.js';
import type { ReminderWriteError } from '$lib/state/reminder-writes';

export function reminderWriteText(error: ReminderWriteError): string {
	switch (error.type) {
		case 'locked':
			return m.reminders_error_locked();
		case 'invalid':
			return m.reminders_error_invalid();
		case 'not-a-dose':
			return m.reminders_error_not_a_dose();
		case 'commit':
			return error.error.type === 'locked'
				? m.reminders_error_locked()
				: m.reminders_error_not_saved();
		case 'dose':
			return error.error.type === 'locked'
				? m.reminders_error_locked()
				: m.reminders_error_not_saved();
	}
}
