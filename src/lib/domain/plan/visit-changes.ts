// "What changed since last time" for the visit summary (issue 14 §5), pre-filled from the
// person's own journal as facts the screen words; the person then edits the text freely.
// Invariants: the period is (since, now]; a symptom is compared with the same length of time just
// before `since` (null when nothing was logged then); measurements count readings outside the
// target in force at each reading's time; medicines started or stopped and goals reached inside
// the period are listed by the names the person gave them.
import { metricValues, type Metric } from '../journal/measurements';
import type { JournalEntry } from '../journal/records';
import { symptomKey, type SymptomRef } from '../journal/symptoms';
import { classify, targetAt, type TargetRangeBody } from '../journal/targets';

export type ChangeFact =
	| {
			readonly type: 'symptom';
			readonly symptom: SymptomRef;
			readonly count: number;
			readonly mean: number;
			readonly before: number | null;
	  }
	| {
			readonly type: 'measurement';
			readonly metric: Metric;
			readonly count: number;
			readonly outside: number;
	  }
	| { readonly type: 'medication-started'; readonly name: string }
	| { readonly type: 'medication-stopped'; readonly name: string }
	| { readonly type: 'goal-achieved'; readonly text: string };

const round1 = (value: number): number => Math.round(value * 10) / 10;
const average = (values: readonly number[]): number =>
	values.reduce((sum, v) => sum + v, 0) / values.length;

export function changesSinceVisit(
	entries: readonly JournalEntry[],
	since: number,
	now: number
): readonly ChangeFact[] {
	const span = now - since;
	const inPeriod = (at: number): boolean => at > since && at <= now;
	const before = (at: number): boolean => at > since - span && at <= since;
	const targets: TargetRangeBody[] = [];
	for (const e of entries) if (e.body.kind === 'target-range') targets.push(e.body);
	const symptoms = new Map<string, { ref: SymptomRef; now: number[]; before: number[] }>();
	const metrics = new Map<Metric, { count: number; outside: number }>();
	const facts: ChangeFact[] = [];
	for (const entry of entries) {
		const body = entry.body;
		switch (body.kind) {
			case 'symptom': {
				if (!inPeriod(entry.at) && !before(entry.at)) break;
				const key = symptomKey(body.symptom);
				const group = symptoms.get(key) ?? { ref: body.symptom, now: [], before: [] };
				(inPeriod(entry.at) ? group.now : group.before).push(body.severity);
				symptoms.set(key, group);
				break;
			}
			case 'measurement':
				if (!inPeriod(entry.at)) break;
				for (const v of metricValues(body.measurement)) {
					const target = targetAt(targets, v.metric, entry.at);
					const m = metrics.get(v.metric) ?? { count: 0, outside: 0 };
					metrics.set(v.metric, {
						count: m.count + 1,
						outside: m.outside + (target !== null && classify(v.value, target) !== 'in' ? 1 : 0)
					});
				}
				break;
			case 'medication':
				if (inPeriod(body.startAt)) facts.push({ type: 'medication-started', name: body.name });
				if (body.stopAt !== null && inPeriod(body.stopAt))
					facts.push({ type: 'medication-stopped', name: body.name });
				break;
			case 'goal':
				if (body.statusHistory.some((c) => c.status === 'achieved' && inPeriod(c.at)))
					facts.push({ type: 'goal-achieved', text: body.text });
				break;
			case 'custom-symptom':
			case 'mood':
			case 'target-range':
			case 'unit-preferences':
			case 'dose':
			case 'goal-checkin':
			case 'note':
				break;
		}
	}
	const symptomFacts: ChangeFact[] = [...symptoms.values()]
		.filter((g) => g.now.length > 0)
		.map((g) => ({
			type: 'symptom',
			symptom: g.ref,
			count: g.now.length,
			mean: round1(average(g.now)),
			before: g.before.length === 0 ? null : round1(average(g.before))
		}));
	const metricFacts: ChangeFact[] = [...metrics].map(([metric, m]) => ({
		type: 'measurement',
		metric,
		count: m.count,
		outside: m.outside
	}));
	return [...symptomFacts, ...metricFacts, ...facts];
}
