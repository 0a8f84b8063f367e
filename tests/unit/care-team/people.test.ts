// "My people" and the person's summary from shared records: what is parsed, which flags hold, what
// changed since my last visit, the list's search and sorts, and the summary's sections.
import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/lib/domain/categories';
import { DAY_MS, flagsFor } from '../../../src/lib/domain/care-team/flags';
import {
	defaultFollow,
	searchPeople,
	sortPeople,
	type PersonRow
} from '../../../src/lib/domain/care-team/people-list';
import {
	bandRank,
	changesSince,
	flagInputOf,
	readShared,
	type SharedRecord
} from '../../../src/lib/domain/care-team/shared-records';
import { personSummary } from '../../../src/lib/domain/care-team/summary';
import { kindToCategory, type JournalBody } from '../../../src/lib/domain/journal/records';
import { changesSinceVisit } from '../../../src/lib/domain/plan/visit-changes';
import {
	openQuestions,
	questionsFromLines,
	VISIT_SUMMARY_KIND,
	visitSummariesOf,
	type VisitSummaryBody
} from '../../../src/lib/domain/plan/visit-summary';

const NOW = Date.UTC(2026, 11, 6, 12);
const ZONE = 'Europe/Paris';
const OWNER = 'owner-account';
const daysAgo = (d: number): number => NOW - d * DAY_MS;
let counter = 0;
const hlc = (): string =>
	`${String(NOW).padStart(15, '0')}-0000-${String(counter).padStart(16, '0')}`;

const journal = (body: JournalBody, author?: string): SharedRecord => {
	counter += 1;
	return {
		id: `r${counter}`,
		kind: body.kind,
		category: kindToCategory[body.kind],
		at: body.at,
		hlc: hlc(),
		deleted: false,
		...(author === undefined ? {} : { author }),
		body
	};
};
const other = (kind: string, category: Category, at: number, body: unknown): SharedRecord => {
	counter += 1;
	return { id: `r${counter}`, kind, category, at, hlc: hlc(), deleted: false, body };
};
const bp = (at: number, systolic: number): SharedRecord =>
	journal({
		kind: 'measurement',
		at,
		measurement: { type: 'blood-pressure', systolic, diastolic: 80 }
	});
const pain = (at: number, severity: number): SharedRecord =>
	journal({ kind: 'symptom', at, symptom: { source: 'catalogue', id: 'pain' }, severity });
const target = journal({
	kind: 'target-range',
	at: daysAgo(200),
	metric: 'systolic',
	low: null,
	high: 140,
	setBy: 'care-team'
});
const visit = (at: number, overrides: Partial<VisitSummaryBody> = {}): SharedRecord =>
	other(VISIT_SUMMARY_KIND, 'plan', at, {
		schemaVersion: 1,
		visitDate: '2026-12-10',
		withWhom: 'Nurse Claire',
		changes: 'My knee hurts more.',
		questions: [{ id: 'q1', text: 'Can I stop the cream?' }],
		wants: 'Less pain at night',
		decisions: [],
		agreed: '',
		...overrides
	});

const context = { now: NOW, timeZone: ZONE, seenAt: daysAgo(10), noNewsDays: 7 };

describe('flags from shared records', () => {
	it('raises out-of-range with the readings as evidence, only with a target', () => {
		const readings = [
			bp(daysAgo(1), 150),
			bp(daysAgo(2), 152),
			bp(daysAgo(3), 160),
			bp(daysAgo(4), 130)
		];
		const flags = flagsFor(flagInputOf(readShared([target, ...readings], OWNER), context));
		expect(flags[0]).toMatchObject({
			kind: 'out-of-range',
			metric: 'systolic',
			outside: 3,
			readings: 4
		});
		expect(flags[0]?.evidence).toEqual(
			readings
				.slice(0, 3)
				.map((r) => r.id)
				.reverse()
		);
		const untargeted = flagsFor(flagInputOf(readShared(readings, OWNER), context));
		expect(untargeted.map((f) => f.kind)).not.toContain('out-of-range');
	});

	it('an open question holds until the person writes what was agreed', () => {
		const open = visit(daysAgo(1));
		const flags = flagsFor(flagInputOf(readShared([open], OWNER), context));
		expect(flags.map((f) => f.kind)).toContain('open-question');
		expect(flags.find((f) => f.kind === 'open-question')?.evidence).toEqual([open.id]);
		const done = visit(daysAgo(1), { agreed: 'Keep the cream two more weeks.' });
		expect(
			flagsFor(flagInputOf(readShared([done], OWNER), context)).map((f) => f.kind)
		).not.toContain('open-question');
	});

	it('no news follows the number of days set for this person', () => {
		const records = [pain(daysAgo(5), 3)];
		expect(
			flagsFor(flagInputOf(readShared(records, OWNER), context)).map((f) => f.kind)
		).not.toContain('no-news');
		const strict = flagsFor(flagInputOf(readShared(records, OWNER), { ...context, noNewsDays: 3 }));
		expect(strict.find((f) => f.kind === 'no-news')).toMatchObject({ days: 5 });
	});

	it('missed doses come from the schedule, not only from what was logged', () => {
		const medication = journal({
			kind: 'medication',
			at: daysAgo(30),
			name: 'Ramipril',
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			startAt: daysAgo(30),
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00'] }
		});
		const data = readShared([medication, pain(daysAgo(1), 2)], OWNER);
		const flag = flagsFor(flagInputOf(data, context)).find((f) => f.kind === 'doses-missed');
		expect(flag).toMatchObject({ kind: 'doses-missed' });
		expect(flag?.kind === 'doses-missed' ? flag.missed : 0).toBeGreaterThanOrEqual(6);
	});

	it('a worse survey band is ranked within its instrument', () => {
		expect(bandRank('phq9-minimal')).toBe(0);
		expect(bandRank('phq9-moderate')).toBe(2);
		expect(bandRank('gad7-minimal')).toBe(0);
	});
});

describe('what changed since my last visit', () => {
	it('counts entries after the seen marker, per category, and all when never seen', () => {
		const data = readShared(
			[pain(daysAgo(20), 2), pain(daysAgo(2), 4), bp(daysAgo(1), 120)],
			OWNER
		);
		const since = changesSince(data, daysAgo(10));
		expect(since.total).toBe(2);
		expect(since.byCategory.get('symptoms')).toBe(1);
		expect(since.byCategory.get('measurements')).toBe(1);
		expect(changesSince(data, null).total).toBe(3);
	});
});

describe('the list', () => {
	const row = (name: string, overrides: Partial<PersonRow> = {}): PersonRow => ({
		circleId: `c-${name}`,
		name,
		flags: [],
		lastEntryAt: null,
		changes: 0,
		follow: defaultFollow(`c-${name}`, name),
		...overrides
	});
	const collator = new Intl.Collator('fr');
	const rows = [
		row('Émile', { lastEntryAt: daysAgo(3) }),
		row('Monique', {
			lastEntryAt: daysAgo(1),
			flags: [{ kind: 'no-news', days: 9, evidence: [] }]
		}),
		row('Anne', {
			lastEntryAt: daysAgo(2),
			flags: [{ kind: 'survey-worse', instrument: 'phq9', previousBand: 0, band: 2, evidence: [] }]
		})
	];

	it('searches ignoring case and accents', () => {
		expect(searchPeople(rows, 'emi').map((r) => r.name)).toEqual(['Émile']);
		expect(searchPeople(rows, '  ')).toHaveLength(3);
	});

	it('sorts by name, by the most serious flag and by last news', () => {
		expect(sortPeople(rows, 'name', collator).map((r) => r.name)).toEqual([
			'Anne',
			'Émile',
			'Monique'
		]);
		expect(sortPeople(rows, 'flag', collator).map((r) => r.name)).toEqual([
			'Anne',
			'Monique',
			'Émile'
		]);
		expect(sortPeople(rows, 'news', collator).map((r) => r.name)).toEqual([
			'Monique',
			'Anne',
			'Émile'
		]);
	});
});

describe('the summary', () => {
	it('lists what is not shared and keeps only granted sections', () => {
		const data = readShared([target, bp(daysAgo(1), 150), bp(daysAgo(40), 130)], OWNER);
		const summary = personSummary(data, ['measurements'], { now: NOW, timeZone: ZONE });
		expect(summary.notShared).toContain('medications');
		expect(summary.notShared).not.toContain('measurements');
		const systolic = summary.trends.find(
			(t) => t.subject.type === 'metric' && t.subject.metric === 'systolic'
		);
		expect(systolic?.windows).toEqual([
			{ days: 30, count: 1, mean: 150, min: 150, max: 150, below: 0, inRange: 0, above: 1 },
			{ days: 90, count: 2, mean: 140, min: 130, max: 150, below: 0, inRange: 1, above: 1 }
		]);
		expect(systolic?.target).toEqual({ low: null, high: 140 });
		expect(summary.adherence).toBeNull();
	});

	it('names the member who wrote a note and keeps open tasks with their holder', () => {
		const task = other('task', 'plan', daysAgo(3), {
			id: 'task-1',
			title: 'Pharmacy',
			details: '',
			dueDate: '2026-12-08',
			dueTime: null,
			place: '',
			kind: 'pharmacy',
			recurrence: { freq: 'none' },
			assignee: null,
			createdBy: OWNER
		});
		const claimed = { ...task, id: 'task-1' };
		const claim = other('task-event', 'plan', daysAgo(2), {
			type: 'claim',
			id: 'e1',
			taskId: 'task-1',
			hlc: '',
			actor: 'daughter'
		});
		const records = [
			journal({ kind: 'note', at: daysAgo(1), text: 'Visited, fine.' }, 'nurse-account'),
			journal({ kind: 'note', at: daysAgo(2), text: 'Tired today.' }, OWNER),
			claimed,
			claim
		];
		const summary = personSummary(readShared(records, OWNER), ['notes', 'plan'], {
			now: NOW,
			timeZone: ZONE
		});
		expect(summary.memberNotes.map((n) => [n.text, n.author])).toEqual([
			['Visited, fine.', 'nurse-account']
		]);
		expect(summary.personNotes.map((n) => n.text)).toEqual(['Tired today.']);
		expect(summary.openTasks.map((t) => [t.task.title, t.status, t.claimedBy])).toEqual([
			['Pharmacy', 'claimed', 'daughter']
		]);
	});
});

describe('the visit summary', () => {
	it('keeps question ids across edits and reads only well-formed summaries, newest first', () => {
		let n = 0;
		const first = questionsFromLines('Can I stop the cream?\n\n Sleep? ', [], () => `id${++n}`);
		expect(first).toEqual([
			{ id: 'id1', text: 'Can I stop the cream?' },
			{ id: 'id2', text: 'Sleep?' }
		]);
		const again = questionsFromLines('Sleep?\nNew one', first, () => `id${++n}`);
		expect(again).toEqual([
			{ id: 'id2', text: 'Sleep?' },
			{ id: 'id3', text: 'New one' }
		]);
		const older = visit(daysAgo(30), { agreed: 'Done' });
		const newer = visit(daysAgo(1));
		const broken = other(VISIT_SUMMARY_KIND, 'plan', daysAgo(0), { schemaVersion: 2 });
		const summaries = visitSummariesOf([older, newer, broken]);
		expect(summaries.map((s) => s.id)).toEqual([newer.id, older.id]);
		expect(openQuestions(summaries)).toEqual([
			{ id: newer.id, at: newer.at, text: 'Can I stop the cream?' }
		]);
	});

	it('pre-fills what changed from the journal', () => {
		const entries = readShared(
			[
				target,
				pain(daysAgo(40), 2),
				pain(daysAgo(35), 4),
				pain(daysAgo(5), 6),
				bp(daysAgo(3), 150),
				bp(daysAgo(2), 120),
				journal({
					kind: 'medication',
					at: daysAgo(10),
					name: 'Paracetamol',
					form: 'tablet',
					dose: { amount: 1, unit: 'tablet' },
					startAt: daysAgo(10),
					stopAt: null,
					schedule: { type: 'as-needed' }
				})
			],
			OWNER
		).entries;
		const facts = changesSinceVisit(entries, daysAgo(30), NOW);
		expect(facts).toContainEqual({
			type: 'symptom',
			symptom: { source: 'catalogue', id: 'pain' },
			count: 1,
			mean: 6,
			before: 3
		});
		expect(facts).toContainEqual({ type: 'measurement', metric: 'systolic', count: 2, outside: 1 });
		expect(facts).toContainEqual({ type: 'medication-started', name: 'Paracetamol' });
	});
});

describe('the list reads only the last 14 days of series', () => {
	it('gives the same flags, last news and changes as reading everything', async () => {
		const { generateSamplePerson } = await import('../../../src/lib/domain/journal/sample-person');
		let n = 0;
		const kinds = new Set<string>();
		for (const seed of [1, 2, 3]) {
			const records: SharedRecord[] = generateSamplePerson({
				seed,
				now: NOW,
				locale: 'fr',
				newId: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
				days: 120
			}).entries.map((e) => ({ ...e, hlc: '', deleted: false }));
			const full = readShared(records, OWNER);
			const recent = readShared(records, OWNER, { from: NOW - 14 * DAY_MS });
			expect(recent.entries.length).toBeLessThan(full.entries.length);
			const flags = flagsFor(flagInputOf(full, context));
			for (const f of flags) kinds.add(f.kind);
			expect(flagsFor(flagInputOf(recent, context))).toEqual(flags);
			expect(recent.lastEntryAt).toBe(full.lastEntryAt);
			expect(changesSince(recent, context.seenAt)).toEqual(changesSince(full, context.seenAt));
		}
		// The sample people do raise flags, so the comparison above is not between empty lists.
		expect(kinds.size).toBeGreaterThan(0);
	});
});
