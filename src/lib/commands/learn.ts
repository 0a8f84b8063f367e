// Learn commands (issue 6, issue 13): every write the Learn screens make, by name. The person's
// bookmarks and "read" marks (records of her own vault's `settings`), sharing an article with her
// circle and taking it back, dismissing the care team's recommendations, and a member
// recommending an article in a circle where she may write notes. Each is: parse (the library's
// rules of `domain/education/circle-articles`, so an unknown article id is refused and never
// written) → ONE commit to the records given (the person's vault or a `CircleView`'s records).
// Taking back a share or dismissing a recommendation is one commit of tombstones, one for every
// record behind it, so members' devices remove it too.
// Invariants: commands never import state or ui; which record a toggle or a tombstone concerns is
// read by state (the live queries) and passed in; refusals are `ArticleCircleError` data, put into
// words once by `articleCircleErrorText` (ui/learn/circle-notes.ts).
import * as z from 'zod';
import type { Lang } from '$lib/domain/education/article';
import {
	ARTICLE_NOTE_CATEGORY,
	parseRecommendation,
	parseSharedArticle,
	RECOMMENDATION_KIND,
	SHARED_ARTICLE_KIND,
	type ArticleNoteError
} from '$lib/domain/education/circle-articles';
import type { CircleRecords, CircleView } from '$lib/domain/circle-view';
import type { CommitError, RecordOp } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

export type ArticleCircleError =
	| ArticleNoteError
	| { readonly type: 'save-failed'; readonly cause: CommitError['type'] }
	| { readonly type: 'not-allowed' };

export type LearnResult = Result<void, ArticleCircleError>;

/** The kinds of the person's marks on an article, in her own vault's `settings`. */
export const LEARN_MARK_KINDS = { bookmark: 'learn-bookmark', read: 'learn-read' } as const;
export type LearnMark = keyof typeof LEARN_MARK_KINDS;
export const markBodySchema = z.object({ articleId: z.string().min(1) });

export interface LearnCommandDeps {
	readonly now: () => number;
}

export interface LearnCommands {
	/**
	 * Puts the mark on the article, or takes it off when `markedAs` (the record id of the mark
	 * the person's vault holds) is given.
	 */
	toggleMark(
		records: Pick<CircleRecords, 'commit'>,
		mark: LearnMark,
		articleId: string,
		markedAs: string | undefined
	): Promise<LearnResult>;
	/** The person shares an article of the library with her circle. */
	shareArticle(
		view: CircleView,
		input: { readonly articleId: string; readonly language: Lang; readonly note: string },
		knownIds: ReadonlySet<string>
	): Promise<LearnResult>;
	/** Takes back a share, or dismisses a recommendation: a tombstone for each of its records. */
	removeArticleNotes(view: CircleView, recordIds: readonly string[]): Promise<LearnResult>;
	/** A member recommends an article to the person whose circle it is (write on notes). */
	recommendArticle(
		view: CircleView,
		articleId: string,
		note: string,
		knownIds: ReadonlySet<string>
	): Promise<LearnResult>;
}

async function commitOrFail(
	records: Pick<CircleRecords, 'commit'>,
	ops: readonly RecordOp[]
): Promise<LearnResult> {
	const result = await records.commit(ops);
	return result.ok ? ok(undefined) : err({ type: 'save-failed', cause: result.error.type });
}

/** Writes a recommendation into a circle where this member may write notes (ONE commit). */
export async function recommendArticle(
	view: CircleView,
	articleId: string,
	note: string,
	knownIds: ReadonlySet<string>,
	now: () => number
): Promise<LearnResult> {
	if (view.isOwner || !view.canWrite(ARTICLE_NOTE_CATEGORY)) return err({ type: 'not-allowed' });
	const body = parseRecommendation({ articleId, note }, knownIds);
	if (!body.ok) return body;
	return commitOrFail(view.records, [
		{
			type: 'put',
			kind: RECOMMENDATION_KIND,
			category: ARTICLE_NOTE_CATEGORY,
			at: now(),
			body: body.value
		}
	]);
}

export function createLearnCommands(deps: LearnCommandDeps): LearnCommands {
	return {
		async toggleMark(records, mark, articleId, markedAs) {
			const body = markBodySchema.safeParse({ articleId });
			if (!body.success) return err({ type: 'invalid' });
			if (markedAs !== undefined)
				return commitOrFail(records, [{ type: 'delete', id: markedAs, category: 'settings' }]);
			const kind = LEARN_MARK_KINDS[mark];
			return commitOrFail(records, [
				{ type: 'put', kind, category: 'settings', at: deps.now(), body: body.data }
			]);
		},

		async shareArticle(view, input, knownIds) {
			const body = parseSharedArticle(input, knownIds);
			if (!body.ok) return body;
			return commitOrFail(view.records, [
				{
					type: 'put',
					kind: SHARED_ARTICLE_KIND,
					category: ARTICLE_NOTE_CATEGORY,
					at: deps.now(),
					body: body.value
				}
			]);
		},

		async removeArticleNotes(view, recordIds) {
			if (recordIds.length === 0) return ok(undefined);
			return commitOrFail(
				view.records,
				recordIds.map((id) => ({ type: 'delete' as const, id, category: ARTICLE_NOTE_CATEGORY }))
			);
		},

		recommendArticle: (view, articleId, note, knownIds) =>
			recommendArticle(view, articleId, note, knownIds, deps.now)
	};
}
