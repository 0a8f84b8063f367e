// Due questionnaires from stored records, with injected time and zone: an assignment every 2 weeks
// is due from its start day, closed by a response that day or later, due again two weeks on; an
// "after each visit" assignment is due from an appointment's day; ended and unparsable assignments
// never are; the local day follows the zone (23:30 in Paris is already the next UTC day's eve).
import { describe, expect, it } from 'vitest';
import {
	dueNow,
	dueToReminderSources,
	isSurveyReminderRef,
	SURVEY_ASSIGNMENT,
	type StoredLike
} from '$lib/domain/surveys/due';
import { expandReminders, DEFAULT_REMINDER_SETTINGS, EMPTY_SOURCES } from '$lib/domain/reminders';

const ZONE = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);
let n = 0;
function assignment(body: Record<string, unknown>, deleted = false): StoredLike {
	n += 1;
	return {
		id: `r${String(n)}`,
		kind: SURVEY_ASSIGNMENT,
		at: 0,
		deleted,
		body: { id: `a${String(n)}`, assignedBy: 'self', ended: false, ...body }
	};
}

describe('due questionnaires', () => {
	const every2 = assignment({
		questionnaireId: 'who5',
		frequency: { type: 'every-weeks', weeks: 2 },
		start: '2026-12-01'
	});

	it('follows an every-N-weeks assignment through time', () => {
		const base = { assignments: [every2], tasks: [], timeZone: ZONE };
		expect(dueNow({ ...base, responses: [], now: at('2026-11-30T12:00:00Z') })).toEqual([]);
		const first = dueNow({ ...base, responses: [], now: at('2026-12-01T08:00:00Z') });
		expect(first.map((d) => d.since)).toEqual(['2026-12-01']);
		const answered = [{ questionnaireId: 'who5', at: at('2026-12-03T10:00:00Z') }];
		expect(dueNow({ ...base, responses: answered, now: at('2026-12-10T10:00:00Z') })).toEqual([]);
		const again = dueNow({ ...base, responses: answered, now: at('2026-12-15T10:00:00Z') });
		expect(again.map((d) => d.since)).toEqual(['2026-12-15']);
	});

	it('uses the local day of the zone', () => {
		const once = assignment({
			questionnaireId: 'gad7',
			frequency: { type: 'once' },
			start: '2026-12-08'
		});
		// 23:30 UTC on the 7th is 00:30 on the 8th in Paris.
		const due = dueNow({
			assignments: [once],
			responses: [],
			tasks: [],
			now: at('2026-12-07T23:30:00Z'),
			timeZone: ZONE
		});
		expect(due).toHaveLength(1);
		const answeredLate = dueNow({
			assignments: [once],
			responses: [{ questionnaireId: 'gad7', at: at('2026-12-07T23:40:00Z') }],
			tasks: [],
			now: at('2026-12-08T09:00:00Z'),
			timeZone: ZONE
		});
		expect(answeredLate).toEqual([]);
	});

	it('is due after a visit, never for ended or malformed assignments', () => {
		const afterVisit = assignment({
			questionnaireId: 'collaborate',
			frequency: { type: 'after-visit' },
			start: '2026-12-01'
		});
		const ended = assignment({
			questionnaireId: 'who5',
			frequency: { type: 'once' },
			start: '2026-12-01',
			ended: true
		});
		const broken = assignment({ questionnaireId: 'who5', frequency: { type: 'sometimes' } });
		const visit: StoredLike = {
			id: 't1',
			kind: 'task',
			at: 0,
			deleted: false,
			body: {
				id: 't1',
				title: 'Dr Martin',
				details: '',
				dueDate: '2026-12-04',
				dueTime: '10:00',
				place: '',
				kind: 'appointment',
				recurrence: { freq: 'none' },
				assignee: null,
				createdBy: 'me'
			}
		};
		const base = { responses: [], timeZone: ZONE, assignments: [afterVisit, ended, broken] };
		expect(dueNow({ ...base, tasks: [], now: at('2026-12-05T10:00:00Z') })).toEqual([]);
		const due = dueNow({ ...base, tasks: [visit], now: at('2026-12-05T10:00:00Z') });
		expect(due.map((d) => [d.assignment.questionnaireId, d.since])).toEqual([
			['collaborate', '2026-12-04']
		]);
	});
});

describe('due questionnaires as reminders', () => {
	it('ring at 10:00 local on the day the round opened, as tasks named by ids only', () => {
		const a = assignment({
			questionnaireId: 'who5',
			frequency: { type: 'every-weeks', weeks: 1 },
			start: '2026-12-01'
		});
		const due = dueNow({
			assignments: [a],
			responses: [],
			tasks: [],
			now: at('2026-12-08T07:00:00Z'),
			timeZone: ZONE
		});
		const sources = dueToReminderSources(due, ZONE);
		expect(sources).toHaveLength(1);
		expect(sources[0]?.dueAt).toBe(at('2026-12-08T09:00:00Z'));
		expect(sources[0]?.taskId).not.toMatch(/who5/u);
		const rings = expandReminders(
			{ ...EMPTY_SOURCES, tasks: sources },
			{ timeZone: ZONE, settings: DEFAULT_REMINDER_SETTINGS },
			at('2026-12-08T00:00:00Z'),
			at('2026-12-09T00:00:00Z'),
			({ sourceRef }) => sourceRef
		);
		expect(rings.map((r) => [r.kind, r.fireAt])).toEqual([['task', at('2026-12-08T09:00:00Z')]]);
		expect(rings.every((r) => isSurveyReminderRef(r.sourceRef))).toBe(true);
	});
});
