// Personal target ranges for measurements, set by the person or their care team, and the
// classification of a value against them.
// Why: "is this reading OK for me?" depends on the person, not on a population norm; charts draw
// the band and summaries count readings below, in and above it.
// Invariants: a target has at least one bound, low < high when both are set, bounds are within
// the metric's plausible range, all in canonical units. Bounds are inclusive ("in" at the edges).
// The target in force at a time is the latest one set at or before that time.
import * as z from 'zod/mini';
import { noteSchema, requiredText, timestampSchema } from './common';
import { isPlausible, METRIC_DEFINITIONS, metricSchema, type Metric } from './measurements';

export const targetRangeBodySchema = z
	.object({
		kind: z.literal('target-range'),
		at: timestampSchema,
		metric: metricSchema,
		low: z.nullable(z.number({ error: 'journal_error_number_invalid' })),
		high: z.nullable(z.number({ error: 'journal_error_number_invalid' })),
		setBy: z.enum(['person', 'care-team'], { error: 'journal_error_choice_invalid' }),
		/** Who in the care team set it, as the person would say it ("Dr Martin"). */
		setByName: z.optional(requiredText(120)),
		note: z.optional(noteSchema)
	})
	.check(
		z.superRefine((target, context) => {
			if (target.low === null && target.high === null) {
				context.addIssue({
					code: 'custom',
					message: 'journal_error_target_bound_required',
					path: ['low']
				});
				return;
			}
			const { min, max, canonicalUnit: unit } = METRIC_DEFINITIONS[target.metric];
			for (const bound of ['low', 'high'] as const) {
				const value = target[bound];
				if (value !== null && !isPlausible(target.metric, value)) {
					context.addIssue({
						code: 'custom',
						message: METRIC_DEFINITIONS[target.metric].rangeKey,
						params: { min, max, unit },
						path: [bound]
					});
				}
			}
			if (target.low !== null && target.high !== null && target.low >= target.high) {
				context.addIssue({
					code: 'custom',
					message: 'journal_error_target_low_not_below_high',
					path: ['high']
				});
			}
		})
	);
export type TargetRangeBody = z.infer<typeof targetRangeBodySchema>;

export type Classification = 'below' | 'in' | 'above';

export interface TargetBounds {
	readonly low: number | null;
	readonly high: number | null;
}

/** Where `value` falls against `target` (bounds inclusive; a missing bound is open). */
export const classify = (value: number, target: TargetBounds): Classification => {
	if (target.low !== null && value < target.low) return 'below';
	if (target.high !== null && value > target.high) return 'above';
	return 'in';
};

/** The target for `metric` in force at `at`: the latest one set at or before it, or null. */
export const targetAt = <T extends TargetRangeBody>(
	targets: readonly T[],
	metric: Metric,
	at: number
): T | null =>
	targets
		.filter((target) => target.metric === metric && target.at <= at)
		.reduce<T | null>(
			(latest, target) => (latest === null || target.at >= latest.at ? target : latest),
			null
		);

export interface ClassificationCounts {
	readonly below: number;
	readonly in: number;
	readonly above: number;
	/** Readings with no target in force at their time. */
	readonly untargeted: number;
}

/** Counts readings of `metric` below, in and above the target in force at each reading's time. */
export const classifySeries = (
	points: readonly { readonly at: number; readonly value: number }[],
	targets: readonly TargetRangeBody[],
	metric: Metric
): ClassificationCounts => {
	const counts = { below: 0, in: 0, above: 0, untargeted: 0 };
	for (const point of points) {
		const target = targetAt(targets, metric, point.at);
		if (target === null) counts.untargeted += 1;
		else counts[classify(point.value, target)] += 1;
	}
	return counts;
};

export interface TargetSegment {
	readonly fromMs: number;
	readonly toMs: number;
	readonly low: number | null;
	readonly high: number | null;
}

/**
 * The target band of `metric` over [fromMs, toMs) as segments, one per target in force, for
 * drawing behind a chart. Times before the first target have no segment.
 */
export const targetSegments = (
	targets: readonly TargetRangeBody[],
	metric: Metric,
	fromMs: number,
	toMs: number
): readonly TargetSegment[] => {
	const changes = targets
		.filter((target) => target.metric === metric && target.at < toMs)
		.sort((a, b) => a.at - b.at);
	return changes.flatMap((target, index): TargetSegment[] => {
		const start = Math.max(fromMs, target.at);
		const end = Math.min(toMs, changes[index + 1]?.at ?? toMs);
		return end > start ? [{ fromMs: start, toMs: end, low: target.low, high: target.high }] : [];
	});
};
