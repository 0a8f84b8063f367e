// Assigned questionnaires on this device: the person assigns one (once, every N weeks, after each
// visit) as a `survey-assignment` record in the `surveys` category, so a member granted write on
// `surveys` can assign one in her circle too; Today lists what is due now (domain/surveys/due.ts,
// with the device's clock and zone), and the Surveys page draws each instrument's scores over time.
// Call the factories during component initialisation.
import {
	SURVEY_ASSIGNMENT,
	SURVEY_RESPONSE,
	assignmentsOf,
	dueNow,
	responseRefSchema
} from '$lib/domain/surveys/due';
import type { Due, Frequency } from '$lib/domain/surveys/schedule';
import { localDateOf } from '$lib/domain/time/zoned';
import type { CircleRecords } from '$lib/domain/circle-view';
import { liveRecords } from './vault.svelte';

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Writes an assignment starting today (in this device's zone) in the given circle's records. */
export async function assignQuestionnaire(
	records: CircleRecords,
	input: { readonly questionnaireId: string; readonly frequency: Frequency; readonly by: string },
	now: number
): Promise<boolean> {
	const saved = await records.commit([
		{
			type: 'put',
			kind: SURVEY_ASSIGNMENT,
			category: 'surveys',
			at: now,
			body: {
				id: crypto.randomUUID(),
				questionnaireId: input.questionnaireId,
				assignedBy: input.by,
				frequency: input.frequency,
				start: localDateOf(now, zone()),
				ended: false
			}
		}
	]);
	return saved.ok;
}

export async function endAssignment(
	records: CircleRecords,
	recordId: string,
	now: number
): Promise<boolean> {
	const current = await records.get('surveys', recordId);
	if (current === null) return false;
	const parsed = assignmentsOf([current])[0];
	if (parsed === undefined) return false;
	const saved = await records.commit([
		{
			type: 'put',
			id: recordId,
			kind: SURVEY_ASSIGNMENT,
			category: 'surveys',
			at: now,
			body: { ...parsed.assignment, ended: true },
			expectedHlc: current.hlc
		}
	]);
	return saved.ok;
}

/** The live assignments of the person's own vault. */
export function createAssignments() {
	const records = liveRecords(() => ({ category: 'surveys', kinds: [SURVEY_ASSIGNMENT] }));
	const list = $derived(assignmentsOf(records.current ?? []).filter((a) => !a.assignment.ended));
	return {
		get all() {
			return list;
		}
	};
}

/** What is due now (re-evaluated when records change and every minute). */
export function createDueSurveys(now: () => number = Date.now) {
	const assignments = liveRecords(() => ({ category: 'surveys', kinds: [SURVEY_ASSIGNMENT] }));
	const responses = liveRecords(() => ({ category: 'surveys', kinds: [SURVEY_RESPONSE] }));
	const tasks = liveRecords(() => ({ category: 'plan', kinds: ['task'] }));
	let tick = $state(now());
	$effect(() => {
		const timer = setInterval(() => {
			tick = now();
		}, 60_000);
		return () => {
			clearInterval(timer);
		};
	});
	const due = $derived(
		dueNow({
			assignments: assignments.current ?? [],
			responses: (responses.current ?? []).flatMap((r) => {
				const p = responseRefSchema.safeParse(r.body);
				return p.success && !r.deleted
					? [{ questionnaireId: p.data.questionnaireId, at: r.at }]
					: [];
			}),
			tasks: tasks.current ?? [],
			now: tick,
			timeZone: zone()
		})
	);
	return {
		get all(): readonly Due[] {
			return due;
		}
	};
}
