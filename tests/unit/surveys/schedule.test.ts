// Due questionnaires: once, every N weeks and after each visit; never before the start, closed by
// a completion in the round, one round at a time.
import { describe, expect, it } from 'vitest';
import { dueAssignments, type Assignment } from '$lib/domain/surveys/schedule';

function assignment(
	frequency: Assignment['frequency'],
	extra: Partial<Assignment> = {}
): Assignment {
	return {
		id: 'a1',
		questionnaireId: 'who5',
		assignedBy: 'self',
		frequency,
		start: '2026-12-01',
		ended: false,
		...extra
	};
}

const due = (
	a: Assignment,
	done: readonly string[],
	today: string,
	visits: readonly string[] = []
) =>
	dueAssignments(
		[a],
		done.map((date) => ({ questionnaireId: 'who5', date })),
		visits,
		today
	).map((d) => d.since);

describe('dueAssignments', () => {
	it('once: due from the start until answered', () => {
		const a = assignment({ type: 'once' });
		expect(due(a, [], '2026-11-30')).toEqual([]);
		expect(due(a, [], '2026-12-01')).toEqual(['2026-12-01']);
		expect(due(a, ['2026-11-20'], '2026-12-05')).toEqual(['2026-12-01']);
		expect(due(a, ['2026-12-03'], '2026-12-05')).toEqual([]);
	});

	it('every 2 weeks: a new round every 14 days, missed rounds do not pile up', () => {
		const a = assignment({ type: 'every-weeks', weeks: 2 });
		expect(due(a, ['2026-12-01'], '2026-12-14')).toEqual([]);
		expect(due(a, ['2026-12-01'], '2026-12-15')).toEqual(['2026-12-15']);
		expect(due(a, [], '2027-01-20')).toEqual(['2027-01-12']);
		expect(due(a, ['2027-01-12'], '2027-01-20')).toEqual([]);
	});

	it('after each visit: due from the latest visit until answered', () => {
		const a = assignment({ type: 'after-visit' });
		expect(due(a, [], '2026-12-10')).toEqual([]);
		expect(due(a, [], '2026-12-10', ['2026-11-25', '2026-12-04'])).toEqual(['2026-12-04']);
		expect(due(a, ['2026-12-05'], '2026-12-10', ['2026-12-04'])).toEqual([]);
		expect(due(a, ['2026-12-05'], '2026-12-10', ['2026-12-04', '2026-12-09'])).toEqual([
			'2026-12-09'
		]);
		expect(due(a, [], '2026-12-10', ['2026-12-11'])).toEqual([]);
	});

	it('an ended assignment, or another questionnaire’s answer, does not count', () => {
		expect(due(assignment({ type: 'once' }, { ended: true }), [], '2026-12-05')).toEqual([]);
		expect(
			dueAssignments(
				[assignment({ type: 'once' })],
				[{ questionnaireId: 'phq9', date: '2026-12-02' }],
				[],
				'2026-12-05'
			)
		).toHaveLength(1);
	});
});
