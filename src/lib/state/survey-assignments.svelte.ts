// Assigned questionnaires on this device: the person assigns one (once, every N weeks, after each
// visit) as a `survey-assignment` record in the `surveys` category, so a member granted write on
// `surveys` can assign one in her circle too (written by commands/surveys.ts `assign` and
// `endAssignment`, bound in ./survey-writes.ts); Today lists what is due now (domain/surveys/due.ts,
// with the device's clock and zone), and the Surveys page draws each instrument's scores over time.
// Call the factories during component initialisation.
import {
	SURVEY_ASSIGNMENT,
	SURVEY_RESPONSE,
	assignmentsOf,
	dueNow,
	responseRefSchema
} from '$lib/domain/surveys/due';
import type { Due } from '$lib/domain/surveys/schedule';
import { liveRecords } from './vault.svelte';

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

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
