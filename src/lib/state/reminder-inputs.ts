// What the reminders manager reads from the open vault, as live queries: medicines and goals
// whatever their age (from the per-week digests), doses and check-ins of the last days, the plan's
// tasks, the questionnaires' assignments and responses, and the reminders' own records. No runes: the manager stores what `on` receives.
import { mergeLasting } from '$lib/domain/journal/digest';
import type { JournalRecord } from '$lib/domain/journal/entries';
import type { TaskState } from '$lib/domain/plan';
import { PLAN_KINDS, recordsToStates } from '$lib/domain/plan/board';
import type { VaultRecord } from '$lib/domain/records';
import { OWN_KINDS } from '$lib/domain/reminders/stored';
import { SURVEY_ASSIGNMENT, SURVEY_RESPONSE } from '$lib/domain/surveys/due';
import { toJournalRecords } from '$lib/vault/repos/journal';
import type { Vault } from '$lib/vault/vault';
import { lastingDigestQuery } from './journal-digest';

export interface InputsLoaded {
	readonly lasting: boolean;
	readonly recent: boolean;
	readonly own: boolean;
}

export interface ReminderInputs {
	readonly lasting: (records: readonly JournalRecord[]) => void;
	readonly recent: (records: readonly JournalRecord[]) => void;
	readonly plan: (states: readonly TaskState[]) => void;
	readonly own: (records: readonly VaultRecord[]) => void;
	/** Questionnaire assignments and responses (due surveys ring as tasks). */
	readonly surveys: (records: readonly VaultRecord[]) => void;
	readonly loaded: (loaded: InputsLoaded) => void;
}

/** Observes everything the reminders need from `v` (recent records since `since`); the stop. */
export function observeReminderInputs(
	v: Vault,
	since: number,
	me: () => string,
	on: ReminderInputs
): () => void {
	// Plain accumulators: each query replaces its part, the listener gets the whole.
	const parts = {
		medications: [] as readonly JournalRecord[],
		goals: [] as readonly JournalRecord[],
		doses: [] as readonly JournalRecord[],
		checkIns: [] as readonly JournalRecord[]
	};
	const flags = { lasting: false, recent: false, own: false };
	const setLoaded = (key: keyof typeof flags): void => {
		flags[key] = true;
		on.loaded({ ...flags });
	};
	const stops = [
		// Medicines and goals whatever their age, from the vault's per-week digests (the same
		// records, without decrypting years of doses and check-ins at each unlock).
		v.observeDerived(lastingDigestQuery('medications'), (digests) => {
			parts.medications = mergeLasting(digests.map((d) => d.value)).filter(
				(r) => r.kind === 'medication'
			);
			on.lasting([...parts.medications, ...parts.goals]);
			setLoaded('lasting');
		}),
		v.observeDerived(lastingDigestQuery('goals'), (digests) => {
			parts.goals = mergeLasting(digests.map((d) => d.value)).filter((r) => r.kind === 'goal');
			on.lasting([...parts.medications, ...parts.goals]);
		}),
		v.observe({ category: 'medications', kinds: ['dose'], from: since }, (records) => {
			parts.doses = toJournalRecords(records);
			on.recent([...parts.doses, ...parts.checkIns]);
			setLoaded('recent');
		}),
		v.observe({ category: 'goals', kinds: ['goal-checkin'], from: since }, (records) => {
			parts.checkIns = toJournalRecords(records);
			on.recent([...parts.doses, ...parts.checkIns]);
		}),
		v.observe({ category: 'plan', kinds: PLAN_KINDS }, (records) => {
			on.plan(recordsToStates(records, me()));
		}),
		v.observe({ category: 'surveys', kinds: [SURVEY_ASSIGNMENT, SURVEY_RESPONSE] }, (records) => {
			on.surveys(records);
		}),
		v.observe({ category: 'settings', kinds: OWN_KINDS }, (records) => {
			on.own(records);
			setLoaded('own');
		})
	];
	return () => {
		for (const stop of stops) stop();
	};
}
