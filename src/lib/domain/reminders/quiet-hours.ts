// Quiet hours: when the person does not want to be woken.
// Why: a reminder at 03:00 is ignored or resented; the person sets a nightly window in the local
// time of wherever they are sleeping (not their home zone: sleep follows the sun).
// Invariants:
// - A window with start > end wraps midnight (22:00–07:00); start is inside, end is outside.
// - What happens to a reminder inside the window depends on its kind (`QUIET_HOURS_ACTION`):
//   medication doses, appointments and claimed tasks are deferred to the end of the window (they
//   are never silently lost); goal check-ins are low priority and dropped (the next check-in comes
//   on its own rhythm, and a check-in at 07:00 sharp has no value).
// - Deferral lands on the wall-clock end time in the same zone, DST-safe (via zonedToInstant).
import { addDays, instantToZoned, zonedToInstant } from '../time/zoned';
import type { QuietHours, ReminderKind } from './sources';

export type QuietHoursAction = 'defer' | 'drop';

export const QUIET_HOURS_ACTION: Readonly<Record<ReminderKind, QuietHoursAction>> = {
	medication: 'defer',
	appointment: 'defer',
	task: 'defer',
	'goal-check-in': 'drop'
};

/** True when the wall-clock time `time` (HH:MM) is inside `quiet`. */
export const isQuietTime = (time: string, quiet: QuietHours): boolean =>
	quiet.start < quiet.end
		? time >= quiet.start && time < quiet.end
		: time >= quiet.start || time < quiet.end;

/** True when `instant` falls inside quiet hours in `timeZone`. */
export const isInQuietHours = (instant: number, quiet: QuietHours, timeZone: string): boolean =>
	isQuietTime(instantToZoned(instant, timeZone).time, quiet);

/**
 * The first instant after quiet hours that contain `instant`, or `instant` itself when it is not
 * inside them.
 */
export const endOfQuietHours = (instant: number, quiet: QuietHours, timeZone: string): number => {
	const zoned = instantToZoned(instant, timeZone);
	if (!isQuietTime(zoned.time, quiet)) return instant;
	const wrapsAndBeforeMidnight = quiet.start > quiet.end && zoned.time >= quiet.start;
	const endDate = wrapsAndBeforeMidnight ? addDays(zoned.date, 1) : zoned.date;
	return zonedToInstant(endDate, quiet.end, timeZone);
};

/** Where a reminder due at `fireAt` rings under quiet hours: an instant, or null when dropped. */
export const applyQuietHours = (
	fireAt: number,
	kind: ReminderKind,
	quiet: QuietHours | null,
	timeZone: string
): number | null => {
	if (quiet === null || !isInQuietHours(fireAt, quiet, timeZone)) return fireAt;
	switch (QUIET_HOURS_ACTION[kind]) {
		case 'defer':
			return endOfQuietHours(fireAt, quiet, timeZone);
		case 'drop':
			return null;
	}
};
