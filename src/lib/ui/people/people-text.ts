// Words for "My people", the person's summary and the visit summary, in the reader's language:
// each flag says why it is raised (the numbers behind it), each category not shared is said, and
// the visit summary's journal facts become editable lines. Pure functions over the generated
// messages, so the components stay thin and tests can check the exact sentences.
import { m } from '$lib/paraglide/messages.js';
import type { FollowError } from '$lib/commands/people';
import type { Category } from '$lib/domain/categories';
import type { Flag } from '$lib/domain/care-team/flags';
import type { ChangeFact } from '$lib/domain/plan/visit-changes';
import type { Band } from '$lib/domain/surveys/scoring';
import type { MemberCircleError } from '$lib/state/member-circle.svelte';
import { formatNumber } from '$lib/ui/format';
import { metricName, symptomKeyName, symptomName } from '$lib/ui/journal/text';
import { bandText } from '$lib/ui/surveys/survey-text';
import { BANDS } from '$lib/domain/surveys/scoring';

/** The band of `instrument` whose rank (0 best) is `rank`, for words; null when unknown. */
function bandOfRank(instrument: string, rank: number): Band | null {
	const prefix = instrument.toLowerCase().replace(/[^a-z0-9]/g, '');
	const bands = BANDS.filter((b) => (b.split('-')[0] ?? b) === prefix);
	return bands[rank] ?? null;
}

const rankWords = (instrument: string, rank: number): string => {
	const band = bandOfRank(instrument, rank);
	return band === null ? formatNumber(rank + 1) : bandText(band);
};

/** A flag in one sentence, e.g. "Systolic outside the target 3 times out of 4 in 7 days". */
export function flagText(flag: Flag): string {
	switch (flag.kind) {
		case 'survey-worse':
			return m.people_flag_survey_worse({
				instrument: flag.instrument,
				band: rankWords(flag.instrument, flag.band),
				previous: rankWords(flag.instrument, flag.previousBand)
			});
		case 'out-of-range':
			return m.people_flag_out_of_range({
				metric: metricName(flag.metric),
				outside: flag.outside,
				readings: flag.readings
			});
		case 'symptom-rising':
			return m.people_flag_symptom_rising({
				symptom: symptomKeyName(flag.symptom, new Map()) || flag.symptom,
				recent: formatNumber(flag.recentMean),
				earlier: formatNumber(flag.earlierMean)
			});
		case 'doses-missed':
			return m.people_flag_doses_missed({ missed: flag.missed, due: flag.due });
		case 'no-news':
			return m.people_flag_no_news({ count: flag.days });
		case 'new-decision':
			return m.people_flag_new_decision({ count: flag.count });
		case 'open-question':
			return m.people_flag_open_question({ count: flag.count });
	}
}

const NOT_SHARED: Record<Exclude<Category, 'settings'>, () => string> = {
	symptoms: m.people_not_shared_symptoms,
	measurements: m.people_not_shared_measurements,
	medications: m.people_not_shared_medications,
	goals: m.people_not_shared_goals,
	plan: m.people_not_shared_plan,
	decisions: m.people_not_shared_decisions,
	surveys: m.people_not_shared_surveys,
	notes: m.people_not_shared_notes
};

/** "Medicines: not shared with you". */
export const notSharedText = (category: Category): string =>
	category === 'settings' ? '' : NOT_SHARED[category]();

/** Why a circle could not be opened, in words (the member view says the same). */
export function openErrorText(error: MemberCircleError): string {
	switch (error.type) {
		case 'removed':
			return m.circle_member_error_removed();
		case 'pending':
			return m.circle_member_error_pending();
		case 'offline':
			return m.circle_member_error_offline();
		case 'auth-required':
			return m.circle_member_error_auth();
		case 'locked':
			return m.circle_member_error_locked();
		case 'keys-invalid':
			return m.circle_member_error_keys();
		case 'owner-unverified':
			return m.circle_member_owner_unverified();
		case 'team-key-waiting':
			return m.teamread_error_waiting();
		case 'server':
		case 'invalid-response':
			return m.circle_member_error_server();
	}
}

/** One line of "what changed since last time", in the person's words-to-be. */
export function changeFactText(fact: ChangeFact): string {
	switch (fact.type) {
		case 'symptom':
			return fact.before === null
				? m.people_change_symptom({
						symptom: symptomName(fact.symptom),
						mean: formatNumber(fact.mean),
						count: fact.count
					})
				: m.people_change_symptom_before({
						symptom: symptomName(fact.symptom),
						mean: formatNumber(fact.mean),
						count: fact.count,
						before: formatNumber(fact.before)
					});
		case 'measurement':
			return m.people_change_measurement({
				metric: metricName(fact.metric),
				count: fact.count,
				outside: fact.outside
			});
		case 'medication-started':
			return m.people_change_started({ name: fact.name });
		case 'medication-stopped':
			return m.people_change_stopped({ name: fact.name });
		case 'goal-achieved':
			return m.people_change_goal({ text: fact.text });
	}
}

/** The pre-filled "what changed" text: one line per fact, or a sentence saying nothing changed. */
export function changesText(facts: readonly ChangeFact[]): string {
	return facts.length === 0
		? m.people_visit_nothing_changed()
		: facts.map((f) => `– ${changeFactText(f)}`).join('\n');
}

/** Why my follow-up settings for a person were not saved (commands/people.ts), in words. */
export function followErrorText(error: FollowError): string {
	switch (error.type) {
		case 'locked':
			return m.people_not_saved();
		case 'invalid-input':
			return m.people_not_saved_invalid();
		case 'commit':
			return error.error.type === 'locked' ? m.people_not_saved() : m.people_not_saved_failed();
	}
}
