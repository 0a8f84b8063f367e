// A member writes into the person's circle where granted (issue 14 §7): a target range for one
// measurement, a short note to the circle; and the person removes what a member wrote there.
// Each is: the grant on the category (checked here too, before anything is parsed: the server
// would refuse the push, but nothing unsent should sit in an outbox for ever) → zod-backed parse
// of the form (`domain/care-team/circle-writes.ts`) → ONE commit to the view's records. The
// writer is recorded by the commit itself (a member circle marks every write with this account,
// inside the sealed envelope), never taken from the form.
// Invariants: a refused write (no grant, a bad field) commits nothing; removing is a tombstone of
// that version only (`expectedHlc`), offered to the person on her own circle.
import {
	memberAuthorOf,
	NOTE_CATEGORY,
	parseNoteForm,
	parseTargetForm,
	TARGET_CATEGORY,
	type MemberWrite,
	type NoteFormErrors,
	type NoteFormValues,
	type TargetFormErrors,
	type TargetFormValues
} from '$lib/domain/care-team/circle-writes';
import type { Category } from '$lib/domain/categories';
import type { CircleView } from '$lib/domain/circle-view';
import type { UnitPreferences } from '$lib/domain/journal/measurements';
import type { CommitError, RecordOp } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

export type CircleWriteError =
	/** No write grant on the category (or, for removing, not the person's own circle). */
	| { readonly type: 'not-allowed'; readonly category: Category }
	| { readonly type: 'target-form'; readonly errors: TargetFormErrors }
	| { readonly type: 'note-form'; readonly errors: NoteFormErrors }
	/** Removing: the record is not one a member wrote. */
	| { readonly type: 'not-member-write' }
	| { readonly type: 'commit'; readonly error: CommitError };

export type CircleWriteResult = Result<void, CircleWriteError>;

export interface CircleWriteDeps {
	readonly view: () => CircleView;
	readonly now: () => number;
	/** The writer's unit preferences: the target's bounds are typed in these units. */
	readonly preferences: () => UnitPreferences;
}

export interface CircleWriteCommands {
	setTargetRange(values: TargetFormValues): Promise<CircleWriteResult>;
	writeCircleNote(values: NoteFormValues): Promise<CircleWriteResult>;
	removeMemberWrite(write: MemberWrite): Promise<CircleWriteResult>;
}

export function createCircleWriteCommands(deps: CircleWriteDeps): CircleWriteCommands {
	async function commitOne(view: CircleView, op: RecordOp): Promise<CircleWriteResult> {
		const result = await view.records.commit([op]);
		return result.ok ? ok(undefined) : err({ type: 'commit', error: result.error });
	}

	return {
		async setTargetRange(values) {
			const view = deps.view();
			if (!view.canWrite(TARGET_CATEGORY))
				return err({ type: 'not-allowed', category: TARGET_CATEGORY });
			const at = deps.now();
			const body = parseTargetForm(values, {
				preferences: deps.preferences(),
				at,
				setByName: view.isOwner ? null : view.nameOf(view.me)
			});
			if (!body.ok) return err({ type: 'target-form', errors: body.error });
			return commitOne(view, {
				type: 'put',
				kind: 'target-range',
				category: TARGET_CATEGORY,
				at,
				body: body.value
			});
		},

		async writeCircleNote(values) {
			const view = deps.view();
			if (!view.canWrite(NOTE_CATEGORY))
				return err({ type: 'not-allowed', category: NOTE_CATEGORY });
			const at = deps.now();
			const body = parseNoteForm(values, at);
			if (!body.ok) return err({ type: 'note-form', errors: body.error });
			return commitOne(view, {
				type: 'put',
				kind: 'note',
				category: NOTE_CATEGORY,
				at,
				body: body.value
			});
		},

		async removeMemberWrite(write) {
			const view = deps.view();
			if (!view.isOwner) return err({ type: 'not-allowed', category: write.category });
			const current = await view.records.get(write.category, write.id);
			// A member's record, or a version with no author that her device could not check as
			// hers (another key signed it, or it is unsigned after her signatures began).
			const unchecked = current?.author === undefined && write.writer.type === 'not-verified';
			if (
				current === null ||
				current.deleted ||
				(memberAuthorOf(current, view.ownerId) === null && !unchecked)
			)
				return err({ type: 'not-member-write' });
			return commitOne(view, {
				type: 'delete',
				id: write.id,
				category: write.category,
				expectedHlc: write.hlc
			});
		}
	};
}
