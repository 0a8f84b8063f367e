// Decision aid commands: every write the decide pages make, by name. Saving the draft (at every
// answer), starting again (the draft cleared), and saving the final decision record.
// Why: the record is built only by the domain (`buildDecisionRecord`, so its SURE score is
// computed, never typed) and written in ONE commit to the `decisions` category; the draft is
// cleared only after that commit succeeded, so a refused save keeps every answer.
// Invariants: commands never import state or ui; refusals are `DecisionError` data, put into words
// once by `decisionErrorText` (ui/decide/error-text.ts). Drafts are the vault's encrypted local
// drafts (never synced, no commit); a draft that does not parse is not stored.
import type { DecisionAid } from '$lib/domain/decisions/aid';
import {
	decisionDraftKey,
	decisionDraftSchema,
	questionLines,
	sureAnswersOf
} from '$lib/domain/decisions/draft';
import {
	buildDecisionRecord,
	type DecisionRecord,
	type DecisionRecordError
} from '$lib/domain/decisions/record';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { CommitError } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

/** The kind of a saved decision record (category `decisions`). */
export const DECISION_RECORD = 'decision-record';

/** Why a decision write did not happen. */
export type DecisionError =
	/** The vault is locked: nothing can be written. */
	| { readonly type: 'locked' }
	/** The draft is not a draft (a bug, or a draft of another aid). */
	| { readonly type: 'invalid-draft' }
	/** The SURE test is not fully answered: the record needs all four answers. */
	| { readonly type: 'sure-incomplete' }
	/** The domain refused to build the record from these answers. */
	| { readonly type: 'record'; readonly error: DecisionRecordError }
	/** The vault refused the commit. */
	| { readonly type: 'commit'; readonly error: CommitError };

/** What the commands write to: the open vault's commit and its encrypted drafts. */
export interface DecisionStore {
	readonly commit: CircleRecords['commit'];
	saveDraft(key: string, value: unknown): Promise<boolean>;
	clearDraft(key: string): Promise<void>;
}

export interface DecisionCommandDeps {
	/** The open vault, or null while it is locked. */
	readonly store: () => DecisionStore | null;
	readonly now: () => number;
}

export interface DecisionCommands {
	/** Keeps the person's answers so far (encrypted, on this device only). */
	saveDraft(draft: unknown): Promise<Result<null, DecisionError>>;
	/** Starts the aid again: its draft is forgotten. */
	restart(aidId: string): Promise<Result<null, DecisionError>>;
	/** Builds the record from the draft, commits it to `decisions` (ONE commit), clears the draft. */
	saveRecord(aid: DecisionAid, draft: unknown): Promise<Result<DecisionRecord, DecisionError>>;
}

/** The local calendar date of `nowMs` (the record's date, as the person would write it). */
function localToday(nowMs: number): string {
	const now = new Date(nowMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const LOCKED: { readonly ok: false; readonly error: DecisionError } = err({ type: 'locked' });

export function createDecisionCommands(deps: DecisionCommandDeps): DecisionCommands {
	return {
		async saveDraft(draft) {
			const parsed = decisionDraftSchema.safeParse(draft);
			if (!parsed.success) return err({ type: 'invalid-draft' });
			const store = deps.store();
			if (store === null) return LOCKED;
			const saved = await store.saveDraft(decisionDraftKey(parsed.data.aidId), parsed.data);
			return saved ? ok(null) : LOCKED;
		},

		async restart(aidId) {
			const store = deps.store();
			if (store === null) return LOCKED;
			await store.clearDraft(decisionDraftKey(aidId));
			return ok(null);
		},

		async saveRecord(aid, draft) {
			const parsed = decisionDraftSchema.safeParse(draft);
			if (!parsed.success || parsed.data.aidId !== aid.id) return err({ type: 'invalid-draft' });
			const answers = parsed.data;
			const sure = sureAnswersOf(answers.sure);
			if (sure === null) return err({ type: 'sure-incomplete' });
			const now = deps.now();
			const built = buildDecisionRecord(
				aid,
				{
					aidId: aid.id,
					choice: answers.choice,
					reasons: answers.reasons,
					sliders: answers.sliders,
					questions: [...questionLines(answers.questions)],
					sure,
					knowledge: answers.knowledge
				},
				localToday(now)
			);
			if (!built.ok) return err({ type: 'record', error: built.error });
			const store = deps.store();
			if (store === null) return LOCKED;
			const committed = await store.commit([
				{ type: 'put', kind: DECISION_RECORD, category: 'decisions', at: now, body: built.value }
			]);
			if (!committed.ok) return err({ type: 'commit', error: committed.error });
			await store.clearDraft(decisionDraftKey(aid.id));
			return ok(built.value);
		}
	};
}
