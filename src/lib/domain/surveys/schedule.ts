// Which assigned questionnaires are due. The person, or a professional of her circle with write
// access to `surveys`, assigns a questionnaire once, every N weeks, or after each visit; this pure
// function says which are due on a given day so Today and the reminder engine can show them.
// Dates are local calendar days (`YYYY-MM-DD`); a completion on or after the day a round opened
// closes that round. Invariant: an assignment is never due before its start day, and at most one
// round of it is due at a time (missed rounds do not pile up).
import * as z from 'zod';

export const frequencySchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('once') }),
	z.strictObject({ type: z.literal('every-weeks'), weeks: z.int().min(1).max(52) }),
	z.strictObject({ type: z.literal('after-visit') })
]);
export type Frequency = z.infer<typeof frequencySchema>;

export const assignmentSchema = z.strictObject({
	id: z.string().min(1),
	questionnaireId: z.string().min(1),
	/** Who assigned it: `self`, or the circle member's id. */
	assignedBy: z.string().min(1),
	frequency: frequencySchema,
	start: z.iso.date(),
	/** Ended assignments are kept for the record but are never due. */
	ended: z.boolean()
});
export type Assignment = z.infer<typeof assignmentSchema>;

export interface Due {
	readonly assignment: Assignment;
	/** The day the due round opened. */
	readonly since: string;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The day the current round opened, or null when none is open yet. */
function roundStart(a: Assignment, visits: readonly string[], today: string): string | null {
	if (a.ended || a.start > today) return null;
	switch (a.frequency.type) {
		case 'once':
			return a.start;
		case 'every-weeks': {
			const period = a.frequency.weeks * 7;
			const elapsed = dayNumber(today) - dayNumber(a.start);
			return dateOf(dayNumber(a.start) + Math.floor(elapsed / period) * period);
		}
		case 'after-visit': {
			const past = visits.filter((v) => v >= a.start && v <= today).sort();
			return past.at(-1) ?? null;
		}
	}
}

/**
 * Assignments due on `today`, given the days each questionnaire was completed and the days of
 * visits, oldest round first.
 */
export function dueAssignments(
	assignments: readonly Assignment[],
	completions: readonly { readonly questionnaireId: string; readonly date: string }[],
	visits: readonly string[],
	today: string
): readonly Due[] {
	return assignments
		.flatMap((a): Due[] => {
			const since = roundStart(a, visits, today);
			if (since === null) return [];
			const done = completions.some(
				(c) => c.questionnaireId === a.questionnaireId && c.date >= since && c.date <= today
			);
			return done ? [] : [{ assignment: a, since }];
		})
		.toSorted((x, y) => x.since.localeCompare(y.since));
}
