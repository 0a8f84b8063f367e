// What the reminders manager reads from the open vault, as live queries: medicines and goals
// whatever their age (from the per-week digests), doses and check-ins of the last days, the plan's
// tasks, the questionnaires' assignments and responses, and the reminders' own records. No runes:
// the manager stores what `onChange` receives (the whole, each time a part changes).
// The plan's task events are folded as the board folds them: given `checkWriters` (the app passes
// `checkOwnAuthors`, the same check as the board's), each event's writer is checked first and an
// event not checked as its actor's is left out (`recordsToStates` with `checked`), so a claim or a
// completion nobody can vouch for neither silences nor moves a reminder.
import { mergeLasting } from '$lib/domain/journal/digest';
import type { JournalRecord } from '$lib/domain/journal/entries';
import type { TaskState } from '$lib/domain/plan';
import { PLAN_KINDS, recordsToStates, TASK_EVENT_KIND } from '$lib/domain/plan/board';
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
	/** Medicines and goals, whatever their age. */
	readonly lasting: readonly JournalRecord[];
	/** Doses and goal check-ins since `since`. */
	readonly recent: readonly JournalRecord[];
	/** The person's own plan (their circle's tasks on this device). */
	readonly plan: readonly TaskState[];
	/** The reminders' own records (settings, key, snoozes, marks, feed token). */
	readonly own: readonly VaultRecord[];
	/** Questionnaire assignments and responses (due surveys ring as tasks). */
	readonly surveys: readonly VaultRecord[];
	readonly loaded: InputsLoaded;
}

/** Nothing read yet (the vault locked). */
export const NO_REMINDER_INPUTS: ReminderInputs = {
	lasting: [],
	recent: [],
	plan: [],
	own: [],
	surveys: [],
	loaded: { lasting: false, recent: false, own: false }
};

/** Annotates plan records with who wrote them, as checked on this device (`record-authors.ts`). */
export type CheckWriters = (records: readonly VaultRecord[]) => Promise<readonly VaultRecord[]>;

/** Observes everything the reminders need from `v` (recent records since `since`); the stop. */
export function observeReminderInputs(
	v: Pick<Vault, 'observe' | 'observeDerived'>,
	since: number,
	me: () => string,
	onChange: (inputs: ReminderInputs) => void,
	/** Who wrote each task event, checked as the board does: an unchecked one moves nothing. */
	checkWriters: CheckWriters
): () => void {
	let inputs = NO_REMINDER_INPUTS;
	let stopped = false;
	// Each plan answer supersedes the ones still being checked.
	let planGeneration = 0;
	const foldPlan = (records: readonly VaultRecord[]): void => {
		const mine = ++planGeneration;
		void checkWriters(records)
			// A check that cannot run counts nothing it could not check.
			.catch(() => records.filter((r) => r.kind !== TASK_EVENT_KIND))
			.then((checked) => {
				if (stopped || mine !== planGeneration) return;
				set({ plan: recordsToStates(checked, me(), { checked: true }) });
			});
	};
	const set = (patch: Partial<ReminderInputs>): void => {
		inputs = { ...inputs, ...patch };
		onChange(inputs);
	};
	// Plain accumulators: each query replaces its part, the listener gets the whole.
	const parts = {
		medications: [] as readonly JournalRecord[],
		goals: [] as readonly JournalRecord[],
		doses: [] as readonly JournalRecord[],
		checkIns: [] as readonly JournalRecord[]
	};
	const loaded = (key: keyof InputsLoaded): InputsLoaded => ({ ...inputs.loaded, [key]: true });
	const stops = [
		// Medicines and goals whatever their age, from the vault's per-week digests (the same
		// records, without decrypting years of doses and check-ins at each unlock).
		v.observeDerived(lastingDigestQuery('medications'), (digests) => {
			parts.medications = mergeLasting(digests.map((d) => d.value)).filter(
				(r) => r.kind === 'medication'
			);
			set({ lasting: [...parts.medications, ...parts.goals], loaded: loaded('lasting') });
		}),
		v.observeDerived(lastingDigestQuery('goals'), (digests) => {
			parts.goals = mergeLasting(digests.map((d) => d.value)).filter((r) => r.kind === 'goal');
			set({ lasting: [...parts.medications, ...parts.goals] });
		}),
		v.observe({ category: 'medications', kinds: ['dose'], from: since }, (records) => {
			parts.doses = toJournalRecords(records);
			set({ recent: [...parts.doses, ...parts.checkIns], loaded: loaded('recent') });
		}),
		v.observe({ category: 'goals', kinds: ['goal-checkin'], from: since }, (records) => {
			parts.checkIns = toJournalRecords(records);
			set({ recent: [...parts.doses, ...parts.checkIns] });
		}),
		v.observe({ category: 'plan', kinds: PLAN_KINDS }, foldPlan),
		v.observe({ category: 'surveys', kinds: [SURVEY_ASSIGNMENT, SURVEY_RESPONSE] }, (records) => {
			set({ surveys: records });
		}),
		v.observe({ category: 'settings', kinds: OWN_KINDS }, (records) => {
			set({ own: records, loaded: loaded('own') });
		})
	];
	return () => {
		stopped = true;
		for (const stop of stops) stop();
	};
}
