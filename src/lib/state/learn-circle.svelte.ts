// Articles in the circle, as the Learn screens see them (issue 6 §3). The person shares an article
// with their own circle and un-shares it (a tombstone); recommendations written by the care team
// come first in the library, naming who recommended, and the person can dismiss them (tombstones
// too). A member who may write "notes" in someone's circle recommends an article to that person.
// Everything goes through a `CircleView` (src/lib/domain/circle-view.ts): the person's own circle,
// or a circle this account is a member of. Invariant: every body is parsed with the rules of
// `domain/education/circle-articles` before it is written or shown, so an unknown article id is
// refused and never written. The writes themselves are the Learn commands (commands/learn.ts);
// this module holds the live reads and passes them the records a write concerns.
import { createLearnCommands, type ArticleCircleError } from '$lib/commands/learn';
import {
	ARTICLE_NOTE_CATEGORY,
	groupRecommendations,
	RECOMMENDATION_KIND,
	sharesByArticle,
	SHARED_ARTICLE_KIND,
	type ArticleRecommendation,
	type ArticleShare
} from '$lib/domain/education/circle-articles';
import type { Lang } from '$lib/domain/education/article';
import { err, ok, type Result } from '$lib/domain/result';
import { account } from './account.svelte';
import { myCircles } from './circle.svelte';
import type { CircleView } from '$lib/domain/circle-view';
import { openMemberCircle } from './member-circle.svelte';
import { loadOwnCircleView, ownCircleView } from './own-circle';
import { liveRecords, vault } from './vault.svelte';

/** Every Learn write, by name: parse → ONE commit (commands/learn.ts). */
export const learnCommands = createLearnCommands({ now: () => Date.now() });

/** The person's own circle: names of members arrive when the server answers (see own-circle.ts). */
export function createOwnCircle() {
	let view = $state.raw<CircleView>(ownCircleView());
	$effect(() => {
		if (vault.status !== 'unlocked') return;
		let cancelled = false;
		void loadOwnCircleView().then((loaded) => {
			if (!cancelled) view = loaded;
		});
		return () => {
			cancelled = true;
		};
	});
	return {
		get current(): CircleView {
			return view;
		}
	};
}

// ---- The person: share and un-share --------------------------------------------------------

/**
 * The person's shares of articles, live. `knownIds` are the library's article ids (shares of
 * other ids are ignored). Call during component initialisation.
 */
export function createArticleShares(
	knownIds: () => ReadonlySet<string>,
	view: () => CircleView = ownCircleView
) {
	const records = liveRecords(() => ({
		category: ARTICLE_NOTE_CATEGORY,
		kinds: [SHARED_ARTICLE_KIND]
	}));
	const shares = $derived(sharesByArticle(records.current ?? [], knownIds()));

	return {
		get ready() {
			return records.current !== undefined;
		},
		shareOf(articleId: string): ArticleShare | null {
			return shares.get(articleId) ?? null;
		},
		/** Shares the article with the circle (once: sharing it again keeps the first share). */
		async share(
			articleId: string,
			language: Lang,
			note: string
		): Promise<Result<void, ArticleCircleError>> {
			if (shares.has(articleId)) return ok(undefined);
			return learnCommands.shareArticle(view(), { articleId, language, note }, knownIds());
		},
		/** Takes the share back: a tombstone, so members' devices remove it too. */
		async unshare(articleId: string): Promise<Result<void, ArticleCircleError>> {
			const share = shares.get(articleId);
			if (share === undefined) return ok(undefined);
			return learnCommands.removeArticleNotes(view(), share.recordIds);
		}
	};
}

// ---- The person: recommendations from the care team ----------------------------------------

export interface NamedRecommendation extends ArticleRecommendation {
	/** The recommenders' names, newest first; null where the circle does not know the author. */
	readonly names: readonly (string | null)[];
}

/** Recommendations in the person's circle, live, newest first. Call during initialisation. */
export function createRecommendations(
	knownIds: () => ReadonlySet<string>,
	view: () => CircleView = ownCircleView
) {
	const records = liveRecords(() => ({
		category: ARTICLE_NOTE_CATEGORY,
		kinds: [RECOMMENDATION_KIND]
	}));
	const grouped = $derived(groupRecommendations(records.current ?? [], knownIds()));

	return {
		get current(): readonly NamedRecommendation[] {
			if (grouped.length === 0) return [];
			const v = view();
			return grouped.map((r) => ({
				...r,
				names: r.by.map((b) => (b.author === null ? null : v.nameOf(b.author)))
			}));
		},
		/** Dismisses an article's recommendations (every record behind it becomes a tombstone). */
		async dismiss(articleId: string): Promise<Result<void, ArticleCircleError>> {
			const found = grouped.find((r) => r.articleId === articleId);
			if (found === undefined) return ok(undefined);
			return learnCommands.removeArticleNotes(view(), found.recordIds);
		}
	};
}

// ---- A member: recommend an article to the person whose circle it is -----------------------

/** Opens a circle this account is a member of; `close` forgets its keys when the page goes. */
export type OpenMemberCircle = (
	circleId: string
) => Promise<{ readonly view: CircleView; readonly close: () => void } | null>;

/** The app's opener: `openMemberCircle` (member-circle.svelte.ts); null when it cannot open. */
export const openMemberCircleForLearn: OpenMemberCircle = async (circleId) => {
	const opened = await openMemberCircle(circleId);
	return opened.ok ? { view: opened.value, close: opened.value.close } : null;
};

export interface RecommendTarget {
	readonly circleId: string;
	/** How the member names the person ("Maman"). */
	readonly name: string;
}

function closeAll(closers: (() => void)[]): void {
	for (const close of closers.splice(0)) close();
}

/**
 * The circles where this account may recommend articles (member, active, write on notes), loaded
 * once there is an account. Call during component initialisation.
 */
export function createRecommendTargets(
	open: () => OpenMemberCircle | null = () => openMemberCircleForLearn
) {
	let targets = $state.raw<readonly (RecommendTarget & { readonly view: CircleView })[]>([]);

	$effect(() => {
		const opener = open();
		if (account.account === null || vault.status !== 'unlocked' || opener === null) {
			targets = [];
			return;
		}
		const run = { cancelled: false };
		const closers: (() => void)[] = [];
		const isCancelled = () => run.cancelled;
		void (async () => {
			const mine = await myCircles();
			if (!mine.ok || isCancelled()) return;
			const active = mine.value.circles.filter((c) => c.role === 'member' && c.status === 'active');
			const opened = await Promise.all(
				active.map(async (c) => ({ circle: c, member: await opener(c.id) }))
			);
			for (const { member } of opened) if (member !== null) closers.push(member.close);
			if (isCancelled()) {
				closeAll(closers);
				return;
			}
			targets = opened.flatMap(({ circle, member }) =>
				member !== null && member.view.canWrite(ARTICLE_NOTE_CATEGORY)
					? [
							{
								circleId: circle.id,
								name: circle.displayLabel || member.view.ownerName,
								view: member.view
							}
						]
					: []
			);
		})();
		return () => {
			run.cancelled = true;
			closeAll(closers);
			targets = [];
		};
	});

	return {
		get targets(): readonly RecommendTarget[] {
			return targets.map(({ circleId, name }) => ({ circleId, name }));
		},
		recommend(
			circleId: string,
			articleId: string,
			note: string,
			knownIds: ReadonlySet<string>
		): Promise<Result<void, ArticleCircleError>> {
			const view = targets.find((t) => t.circleId === circleId)?.view;
			return view === undefined
				? Promise.resolve(err({ type: 'not-allowed' }))
				: learnCommands.recommendArticle(view, articleId, note, knownIds);
		}
	};
}
