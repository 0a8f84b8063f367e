// What the reminders send to the server, and when: the Web Push schedule (`{ fireAt, opaqueId }`
// pairs) and the calendar feed's generic events, each re-sent only when it changed since the last
// accepted upload, debounced after changes (time and timers injected, `reminder-timers.ts`).
// Invariants: nothing is sent while `active()` is false (the vault locked); a failed upload is not
// remembered, so the next change (or `uploadNow`) sends it again; one pending upload at a time.
import type { PushLocale, PushOccurrence } from '$lib/contracts/push';
import type { CalendarFeedEvent } from '$lib/contracts/reminders';
import type { ReminderHttp } from '$lib/sync/reminders-http';
import { createDebounce, type Timers } from './reminder-timers';

/** How long after the last change the uploads wait. */
export const UPLOAD_DEBOUNCE_MS = 2000;

export interface ReminderUploadsDeps {
	readonly timers: Timers;
	readonly http: Pick<ReminderHttp, 'uploadSchedule' | 'publishFeed'>;
	readonly locale: () => PushLocale;
	/** false while nothing may be sent (the vault is locked). */
	readonly active: () => boolean;
	/** The push schedule from `now`, or null when push is off for this account. */
	readonly schedule: (now: number) => readonly PushOccurrence[] | null;
	/** The calendar feed's events, or null when the person has no feed. */
	readonly feed: () => readonly CalendarFeedEvent[] | null;
}

export function createReminderUploads(deps: ReminderUploadsDeps) {
	let lastSchedule = '';
	let lastFeed = '';

	async function uploadNow(): Promise<void> {
		if (!deps.active()) return;
		const schedule = deps.schedule(deps.timers.now());
		if (schedule !== null) {
			const body = JSON.stringify(schedule);
			if (body !== lastSchedule && (await deps.http.uploadSchedule(schedule)).ok) {
				lastSchedule = body;
			}
		}
		const events = deps.feed();
		if (events !== null) {
			const body = JSON.stringify(events);
			if (body !== lastFeed && (await deps.http.publishFeed(events, deps.locale())).ok) {
				lastFeed = body;
			}
		}
	}

	const debounce = createDebounce(deps.timers, UPLOAD_DEBOUNCE_MS, () => {
		void uploadNow();
	});

	return {
		uploadNow,
		/** Uploads what changed, `UPLOAD_DEBOUNCE_MS` after the last call. */
		schedule: debounce.schedule,
		cancel: debounce.cancel,
		/** The next upload sends the schedule even if unchanged (a new subscription). */
		forgetSchedule() {
			lastSchedule = '';
		},
		/** The next upload publishes the feed even if unchanged (a new feed). */
		forgetFeed() {
			lastFeed = '';
		}
	};
}
