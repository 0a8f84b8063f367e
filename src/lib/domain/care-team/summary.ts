// The one-screen summary of a person for a member of their circle (issue 14 §4), as data: the
// screen and the printed page word it. Built from what the person shared (`readShared`), so only
// granted categories carry anything; the others are listed in `notShared` to be said in words.
// Invariants: trends are over the last 30 and 90 days ending at `now` and count readings below, in
// and above the person's target in force at each reading's time; every figure the screen draws has
// these numbers for its text alternative; open tasks are those not done, with who holds them.
import type { Category } from '../categories';
import { SHAREABLE_CATEGORIES } from '../categories';
import { goalProgress, type GoalProgress } from '../journal/goal-progress';
import type { GoalBody } from '../journal/goals';
import { METRICS, metricValues, type Metric } from '../journal/measurements';
import { symptomKey, type SymptomRef } from '../journal/symptoms';
import { classifySeries, targetAt, type TargetRangeBody } from '../journal/targets';
import { dailyMeans, type SeriesPoint } from '../journal/trends';
import type { AuthorCheck } from '../circle/record-signature';
import type { AdherenceSummary } from '../journal/adherence';
import type { BoardTaskState } from '../plan/board';
import type { VisitSummary } from '../plan/visit-summary';
import { DAY_MS } from './flags';
import {
	adherenceOver,
	bandRank,
	type SharedData,
	type SharedNote,
	type SharedScore
} from './shared-records';

export const TREND_DAYS = [30, 90] as const;

export interface WindowStats {
	readonly days: number;
	readonly count: number;
	readonly mean: number | null;
	readonly min: number | null;
	readonly max: number | null;
	readonly below: number;
	readonly inRange: number;
	readonly above: number;
}

export type TrendSubject =
	| { readonly type: 'metric'; readonly metric: Metric }
	| { readonly type: 'symptom'; readonly symptom: SymptomRef };

export interface Trend {
	readonly subject: TrendSubject;
	/** Daily means over the last 90 days, oldest first (what the small chart draws). */
	readonly daily: readonly SeriesPoint[];
	readonly windows: readonly WindowStats[];
	/** The target in force now (measurements only), canonical units. */
	readonly target: { readonly low: number | null; readonly high: number | null } | null;
	/** Who set that target when a member of the circle did (the record's author), and when. */
	readonly targetSetBy: {
		readonly author: string;
		readonly at: number;
		readonly writer: AuthorCheck;
	} | null;
}

export interface GoalLine {
	readonly id: string;
	readonly body: GoalBody;
	readonly progress: GoalProgress;
}

export interface ScoreLine {
	readonly latest: SharedScore;
	readonly previous: SharedScore | null;
	/** True when the latest band is worse than the one before. */
	readonly worse: boolean;
}

export interface PersonSummary {
	readonly readable: readonly Category[];
	readonly notShared: readonly Category[];
	/** Active goals first (the person's words), then the others. */
	readonly goals: readonly GoalLine[];
	readonly trends: readonly Trend[];
	readonly adherence: AdherenceSummary | null;
	readonly scores: readonly ScoreLine[];
	readonly decisions: SharedData['decisions'];
	readonly openTasks: readonly BoardTaskState[];
	/** Notes written by other members of the circle (with their author), newest first. */
	readonly memberNotes: readonly (SharedNote & { readonly writer: AuthorCheck })[];
	/** The person's own notes, newest first (at most five). */
	readonly personNotes: readonly SharedNote[];
	readonly visit: VisitSummary | null;
	/** Versions that claim to be the person's but were not verified here: in no figure above. */
	readonly unverified: SharedData['unverified'];
}

function stats(
	points: readonly SeriesPoint[],
	days: number,
	now: number,
	targets: readonly TargetRangeBody[],
	metric: Metric | null
): WindowStats {
	const inWindow = points.filter((p) => p.at > now - days * DAY_MS && p.at <= now);
	const values = inWindow.map((p) => p.value);
	const counts =
		metric === null ? { below: 0, in: 0, above: 0 } : classifySeries(inWindow, targets, metric);
	return {
		days,
		count: values.length,
		mean:
			values.length === 0
				? null
				: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
		min: values.length === 0 ? null : Math.min(...values),
		max: values.length === 0 ? null : Math.max(...values),
		below: counts.below,
		inRange: counts.in,
		above: counts.above
	};
}

function trendsOf(data: SharedData, now: number, timeZone: string): readonly Trend[] {
	const from = now - 90 * DAY_MS;
	const byMetric = new Map<Metric, SeriesPoint[]>();
	const bySymptom = new Map<string, { ref: SymptomRef; points: SeriesPoint[] }>();
	for (const entry of data.entries) {
		if (entry.at <= from || entry.at > now) continue;
		const body = entry.body;
		if (body.kind === 'measurement') {
			for (const v of metricValues(body.measurement)) {
				const list = byMetric.get(v.metric) ?? [];
				list.push({ at: entry.at, value: v.value });
				byMetric.set(v.metric, list);
			}
		} else if (body.kind === 'symptom') {
			const key = symptomKey(body.symptom);
			const group = bySymptom.get(key) ?? { ref: body.symptom, points: [] };
			group.points.push({ at: entry.at, value: body.severity });
			bySymptom.set(key, group);
		}
	}
	const trends: Trend[] = [];
	for (const metric of METRICS) {
		const points = byMetric.get(metric);
		if (points === undefined) continue;
		const target = targetAt(data.targets, metric, now);
		trends.push({
			subject: { type: 'metric', metric },
			daily: dailyMeans(points, timeZone),
			windows: TREND_DAYS.map((d) => stats(points, d, now, data.targets, metric)),
			target: target === null ? null : { low: target.low, high: target.high },
			targetSetBy:
				target?.author === undefined || target.writer === undefined
					? null
					: { author: target.author, at: target.at, writer: target.writer }
		});
	}
	for (const { ref, points } of bySymptom.values()) {
		trends.push({
			subject: { type: 'symptom', symptom: ref },
			daily: dailyMeans(points, timeZone),
			windows: TREND_DAYS.map((d) => stats(points, d, now, [], null)),
			target: null,
			targetSetBy: null
		});
	}
	return trends;
}

function scoresOf(scores: readonly SharedScore[]): readonly ScoreLine[] {
	const byInstrument = new Map<string, SharedScore[]>();
	for (const s of scores)
		byInstrument.set(s.instrument, [...(byInstrument.get(s.instrument) ?? []), s]);
	return [...byInstrument.values()].flatMap((list) => {
		const latest = list.at(-1);
		if (latest === undefined) return [];
		const previous = list.at(-2) ?? null;
		return [
			{
				latest,
				previous,
				worse: previous !== null && bandRank(latest.band) > bandRank(previous.band)
			}
		];
	});
}

const GOAL_ORDER = { active: 0, paused: 1, achieved: 2, 'let-go': 3 } as const;

/** The summary of one person from what they shared; `readable` is what I was granted. */
export function personSummary(
	data: SharedData,
	readable: readonly Category[],
	context: { readonly now: number; readonly timeZone: string }
): PersonSummary {
	const goals = data.goals
		.map((g) => ({
			id: g.id,
			body: g.body,
			progress: goalProgress(data.checkIns.filter((c) => c.goalId === g.id))
		}))
		.sort((a, b) => GOAL_ORDER[a.body.status] - GOAL_ORDER[b.body.status] || a.body.at - b.body.at);
	return {
		readable,
		notShared: SHAREABLE_CATEGORIES.filter((c) => !readable.includes(c)),
		goals,
		trends: trendsOf(data, context.now, context.timeZone),
		adherence:
			data.medications.length === 0
				? null
				: adherenceOver(data, context.now, 30, context.timeZone).total,
		scores: scoresOf(data.scores),
		decisions: data.decisions,
		openTasks: data.tasks
			.filter((t) => t.status !== 'done')
			.sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate)),
		memberNotes: data.notes.filter(
			(n): n is SharedNote & { readonly writer: AuthorCheck } => n.writer !== null
		),
		personNotes: data.notes.filter((n) => n.author === null).slice(0, 5),
		visit: data.visits[0] ?? null,
		unverified: data.unverified
	};
}
