// What rings at `now`: the due list of Today, the missed-reminders banner and the next ring the
// alert timer waits for, from the expanded occurrences. Pure: `now` is a parameter, so the manager
// and its tests agree to the minute.
// Invariants: one entry per source (its latest ring); acknowledged sources never ring; a ring is
// "soon" up to an hour ahead, "due" for an hour, then "missed" for half a day.
import { missedReminders, type ReminderOccurrence } from './rules';

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** How far back a reminder is still offered on Today. */
export const DUE_BACK_MS = 12 * HOUR_MS;
/** How far ahead a reminder shows on Today. */
export const DUE_AHEAD_MS = HOUR_MS;
/** A ring is "missed" for the banner once this late. */
const MISSED_AFTER_MS = 5 * MINUTE_MS;

export type RingState = 'soon' | 'due' | 'missed';

export interface Ringing {
	readonly occurrence: ReminderOccurrence;
	readonly state: RingState;
}

/** Latest ring per source, not acknowledged, in time order. */
export function latestPerSource(
	list: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>
): readonly ReminderOccurrence[] {
	const latest: Record<string, ReminderOccurrence> = {};
	for (const o of list) {
		if (acknowledged.has(o.sourceRef)) continue;
		const key = `${o.kind}\n${o.sourceRef}`;
		const previous = latest[key];
		if (previous === undefined || previous.fireAt <= o.fireAt) latest[key] = o;
	}
	return Object.values(latest).sort((a, b) => a.fireAt - b.fireAt);
}

/** Today's list: rings from half a day back to an hour ahead, each soon, due or missed. */
export function dueAt(
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	now: number
): readonly Ringing[] {
	return latestPerSource(
		occurrences.filter((o) => o.fireAt >= now - DUE_BACK_MS && o.fireAt <= now + DUE_AHEAD_MS),
		acknowledged
	).map((occurrence) => ({
		occurrence,
		state: occurrence.fireAt > now ? 'soon' : occurrence.fireAt > now - HOUR_MS ? 'due' : 'missed'
	}));
}

/** The banner: rings missed since the person last dismissed it (`seenUntil`). */
export function missedAt(
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	seenUntil: number,
	now: number
): readonly ReminderOccurrence[] {
	return missedReminders(
		occurrences.filter((o) => o.fireAt >= now - DUE_BACK_MS),
		acknowledged,
		now
	).filter((o) => o.fireAt > seenUntil && o.fireAt < now - MISSED_AFTER_MS);
}

/** The next ring after `now` that is not acknowledged (what the alert timer waits for). */
export const nextRing = (
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	now: number
): ReminderOccurrence | undefined =>
	occurrences.find((o) => o.fireAt > now && !acknowledged.has(o.sourceRef));
