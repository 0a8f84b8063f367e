// What a member writes into the person's circle (issue 14 §7): the target form in the writer's
// units to canonical bounds with typed refusals by field, the note form's length, and who wrote a
// record as the device reads it (the record's author, never a typed name).
import { describe, expect, it } from 'vitest';
import {
	CIRCLE_NOTE_MAX,
	memberAuthorOf,
	memberTargetAt,
	memberWritesOf,
	parseNoteForm,
	parseTargetForm
} from '$lib/domain/care-team/circle-writes';
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';

const AT = Date.UTC(2026, 11, 3, 9);
const metricUnits = { preferences: METRIC_UNITS, at: AT, setByName: 'Bruno' };
const usUnits = {
	preferences: { weight: 'lb', glucose: 'mg/dL', temperature: 'fahrenheit' } as const,
	at: AT,
	setByName: null
};
const form = (values: Partial<{ metric: string; low: string; high: string; note: string }>) => ({
	metric: 'systolic',
	low: '',
	high: '',
	note: '',
	...values
});

describe('target form', () => {
	it('makes a care-team target in canonical units, named by the circle, not the form', () => {
		expect(
			parseTargetForm(form({ low: '110', high: '135', note: ' resting ' }), metricUnits)
		).toEqual({
			ok: true,
			value: {
				kind: 'target-range',
				at: AT,
				metric: 'systolic',
				low: 110,
				high: 135,
				setBy: 'care-team',
				setByName: 'Bruno',
				note: 'resting'
			}
		});
		const glucose = parseTargetForm(form({ metric: 'glucose', low: '72,064', high: '' }), usUnits);
		expect(glucose.ok && glucose.value.low).toBeCloseTo(4, 5);
		expect(glucose.ok && glucose.value.high).toBeNull();
		expect(glucose.ok && 'setByName' in glucose.value).toBe(false);
	});

	it('refuses each bad field with a typed error', () => {
		expect(parseTargetForm(form({ metric: 'mood' }), metricUnits)).toEqual({
			ok: false,
			error: { metric: { type: 'metric' } }
		});
		expect(parseTargetForm(form({}), metricUnits)).toEqual({
			ok: false,
			error: { low: { type: 'bound-required' } }
		});
		expect(parseTargetForm(form({ low: '12a', high: '400' }), metricUnits)).toEqual({
			ok: false,
			error: { low: { type: 'number' }, high: { type: 'range', min: 50, max: 300, unit: 'mmHg' } }
		});
		expect(parseTargetForm(form({ low: '140', high: '120' }), metricUnits)).toEqual({
			ok: false,
			error: { high: { type: 'low-not-below-high' } }
		});
		expect(parseTargetForm(form({ low: '140', high: '140' }), metricUnits)).toMatchObject({
			ok: false,
			error: { high: { type: 'low-not-below-high' } }
		});
		expect(parseTargetForm(form({ low: '110', note: 'x'.repeat(301) }), metricUnits)).toMatchObject(
			{ ok: false, error: { note: { type: 'too-long', max: 300, length: 301 } } }
		);
		// The range is said in the unit the writer typed.
		expect(parseTargetForm(form({ metric: 'weight', high: '900' }), usUnits)).toMatchObject({
			ok: false,
			error: { high: { type: 'range', unit: 'lb' } }
		});
	});
});

describe('note form', () => {
	it('keeps a short trimmed text and refuses an empty or long one', () => {
		expect(parseNoteForm({ text: '  Pansement refait.  ' }, AT)).toEqual({
			ok: true,
			value: { kind: 'note', at: AT, text: 'Pansement refait.' }
		});
		expect(parseNoteForm({ text: '   ' }, AT)).toEqual({
			ok: false,
			error: { text: { type: 'required' } }
		});
		expect(parseNoteForm({ text: 'a'.repeat(CIRCLE_NOTE_MAX) }, AT).ok).toBe(true);
		expect(parseNoteForm({ text: 'a'.repeat(CIRCLE_NOTE_MAX + 1) }, AT)).toEqual({
			ok: false,
			error: { text: { type: 'too-long', max: CIRCLE_NOTE_MAX, length: CIRCLE_NOTE_MAX + 1 } }
		});
	});
});

describe('who wrote it', () => {
	const record = (kind: string, body: unknown, author?: string, deleted = false) => ({
		id: `${kind}-${author ?? 'none'}`,
		kind,
		category: kind === 'note' ? ('notes' as const) : ('measurements' as const),
		at: AT,
		hlc: 'h',
		deleted,
		...(author === undefined ? {} : { author }),
		body
	});
	const note = { kind: 'note', at: AT, text: 'Bien dormi' };
	const target = {
		kind: 'target-range',
		at: AT + 1,
		metric: 'systolic',
		low: null,
		high: 135,
		setBy: 'care-team',
		setByName: 'Someone else entirely'
	};

	it('is the record author when a member wrote it, null for the person', () => {
		expect(memberAuthorOf({ author: 'bruno' }, 'marie')).toBe('bruno');
		expect(memberAuthorOf({ author: 'marie' }, 'marie')).toBeNull();
		expect(memberAuthorOf({ author: LOCAL_ACCOUNT }, 'marie')).toBeNull();
		expect(memberAuthorOf({}, 'marie')).toBeNull();
	});

	it('lists the live notes and targets members wrote, newest first, with their author', () => {
		const writes = memberWritesOf(
			[
				record('note', note, 'bruno'),
				record('note', note, 'marie'),
				record('note', note),
				record('note', note, 'paul', true),
				record('target-range', target, 'martin'),
				record('measurement', { kind: 'measurement' }, 'bruno'),
				record('note', { kind: 'note', text: '' }, 'anna')
			],
			'marie'
		);
		expect(writes.map((w) => [w.type, w.author])).toEqual([
			['target', 'martin'],
			['note', 'bruno']
		]);
	});
});

describe('who set the target in force', () => {
	const target = (at: number, high: number) => ({
		kind: 'target-range' as const,
		at,
		metric: 'systolic' as const,
		low: null,
		high,
		setBy: 'care-team' as const
	});
	it('is the author of the target in force, or null when the person set it', () => {
		const records = [
			{ author: 'bruno', body: target(AT, 140) },
			{ author: 'marie', body: target(AT + 10, 135) }
		];
		// Not checked on this device: named as claimed, never as verified.
		expect(memberTargetAt(records, 'marie', 'systolic', AT + 5)).toEqual({
			author: 'bruno',
			at: AT,
			writer: { type: 'not-verified', accountId: 'bruno', reason: 'unsigned' }
		});
		const checked = [
			{
				author: 'bruno',
				body: target(AT, 140),
				authorCheck: { type: 'verified', accountId: 'bruno' } as const
			},
			{ author: 'marie', body: target(AT + 10, 135) }
		];
		expect(memberTargetAt(checked, 'marie', 'systolic', AT + 5)?.writer).toEqual({
			type: 'verified',
			accountId: 'bruno'
		});
		expect(memberTargetAt(records, 'marie', 'systolic', AT + 20)).toBeNull();
		expect(memberTargetAt(records, 'marie', 'diastolic', AT + 5)).toBeNull();
		expect(memberTargetAt(records, 'marie', 'systolic', AT - 1)).toBeNull();
	});
});
