import { describe, expect, it } from 'vitest';
import {
	buildIcsCalendar,
	escapeIcsText,
	foldIcsLine,
	type IcsAppointment,
	type IcsMedication,
	type IcsOptions
} from '../../../src/lib/domain/reminders';
import { medication } from './factories';

interface Property {
	readonly name: string;
	readonly params: Readonly<Record<string, string>>;
	readonly value: string;
}

/** A tiny RFC 5545 reader: unfolds, splits name;params:value, nests components. */
const unfold = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n');

const parseLine = (line: string): Property => {
	const colon = line.indexOf(':');
	const [name = '', ...params] = line.slice(0, colon).split(';');
	return {
		name,
		params: Object.fromEntries(
			params.map((p) => {
				const [key = '', value = ''] = p.split('=');
				return [key, value];
			})
		),
		value: line.slice(colon + 1)
	};
};

const unescapeText = (value: string): string =>
	value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

interface Component {
	readonly type: string;
	readonly props: Property[];
	readonly children: Component[];
}

const parseCalendar = (text: string): Component => {
	const lines = unfold(text);
	expect(lines.pop()).toBe('');
	const stack: Component[] = [{ type: 'ROOT', props: [], children: [] }];
	for (const line of lines) {
		const prop = parseLine(line);
		const top = stack[stack.length - 1];
		if (top === undefined) throw new Error('unbalanced');
		if (prop.name === 'BEGIN') {
			const child: Component = { type: prop.value, props: [], children: [] };
			top.children.push(child);
			stack.push(child);
		} else if (prop.name === 'END') {
			expect(top.type).toBe(prop.value);
			stack.pop();
		} else top.props.push(prop);
	}
	expect(stack).toHaveLength(1);
	const [calendar] = stack[0]?.children ?? [];
	if (calendar === undefined) throw new Error('no calendar');
	return calendar;
};

const prop = (component: Component | undefined, name: string): Property | undefined =>
	component?.props.find((p) => p.name === name);

const options = (overrides: Partial<IcsOptions> = {}): IcsOptions => ({
	timeZone: 'Europe/Paris',
	travel: { mode: 'keep-local-time' },
	now: Date.UTC(2025, 2, 1, 9),
	uidDomain: 'cercle.test',
	showDetails: false,
	genericTitle: 'Cercle reminder',
	...overrides
});

const metformin: IcsMedication = {
	...medication(
		{ type: 'daily', times: ['20:00', '08:00'] },
		{ startAt: Date.UTC(2025, 2, 1, 10) }
	),
	label: 'Metformin 500 mg'
};
const weekly: IcsMedication = {
	...medication({ type: 'weekly', days: [5, 1], times: ['09:30'] }, { medicationId: 'mtx' }),
	label: 'Methotrexate'
};
const interval: IcsMedication = {
	...medication(
		{ type: 'interval', everyHours: 8, anchorAt: Date.UTC(2025, 2, 1, 6) },
		{ medicationId: 'amox', startAt: Date.UTC(2025, 2, 1, 7) }
	),
	label: 'Amoxicillin'
};
const asNeeded: IcsMedication = {
	...medication({ type: 'as-needed' }, { medicationId: 'para' }),
	label: 'Paracetamol'
};
const cardiology: IcsAppointment = {
	appointmentId: 'appt-1',
	startsAt: Date.UTC(2025, 2, 12, 13, 30),
	durationMinutes: 45,
	leadMinutes: 90,
	label: 'Cardiologist; Dr Martin, room 3\\B\nbring ECG',
	location: 'Hôpital Saint-Éloi, 80 avenue Augustin Fliche, 34090 Montpellier, bâtiment B, 2e étage'
};

describe('ics export', () => {
	it('uses CRLF only and folds every line at 75 octets without splitting characters', () => {
		const text = buildIcsCalendar(
			{ medications: [metformin], appointments: [cardiology] },
			options({ showDetails: true })
		);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const physical = text.split('\r\n');
		for (const line of physical)
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(physical.some((line) => line.startsWith(' '))).toBe(true);
		expect(text).not.toContain('\uFFFD');
		const location = prop(
			parseCalendar(text).children.find((c) => c.type === 'VEVENT' && prop(c, 'LOCATION')),
			'LOCATION'
		);
		expect(unescapeText(location?.value ?? '')).toBe(cardiology.location);
	});

	it('folds multi-byte text on character boundaries', () => {
		const line = `SUMMARY:${'é'.repeat(60)}`;
		const folded = foldIcsLine(line);
		for (const part of folded.split('\r\n'))
			expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(folded.replace(/\r\n /g, '')).toBe(line);
	});

	it('escapes backslash, semicolon, comma and newlines', () => {
		expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
		const calendar = parseCalendar(
			buildIcsCalendar(
				{ medications: [], appointments: [cardiology] },
				options({ showDetails: true })
			)
		);
		const event = calendar.children.find((c) => c.type === 'VEVENT');
		expect(unescapeText(prop(event, 'SUMMARY')?.value ?? '')).toBe(cardiology.label);
	});

	it('keeps titles generic unless the person opts into details', () => {
		const text = buildIcsCalendar(
			{ medications: [metformin, weekly, interval, asNeeded], appointments: [cardiology] },
			options()
		);
		for (const word of [
			'Metformin',
			'Methotrexate',
			'Amoxicillin',
			'Paracetamol',
			'Cardiologist',
			'Hôpital'
		]) {
			expect(text).not.toContain(word);
		}
		const events = parseCalendar(text).children.filter((c) => c.type === 'VEVENT');
		expect(events.map((e) => prop(e, 'SUMMARY')?.value)).toEqual(
			Array(events.length).fill('Cercle reminder')
		);
	});

	it('writes daily times as floating local DAILY rules and appointments in UTC with an alarm', () => {
		const calendar = parseCalendar(
			buildIcsCalendar(
				{ medications: [metformin, weekly, interval, asNeeded], appointments: [cardiology] },
				options()
			)
		);
		expect(prop(calendar, 'VERSION')?.value).toBe('2.0');
		expect(calendar.children.some((c) => c.type === 'VTIMEZONE')).toBe(false);
		const events = calendar.children.filter((c) => c.type === 'VEVENT');
		expect(events).toHaveLength(5);
		const byUid = new Map(events.map((e) => [prop(e, 'UID')?.value, e]));
		expect(new Set(byUid.keys()).size).toBe(5);
		const morning = byUid.get('medication-metformin-0001-0800@cercle.test');
		expect(prop(morning, 'DTSTART')?.value).toBe('20250302T080000');
		expect(prop(morning, 'RRULE')?.value).toBe('FREQ=DAILY');
		expect(prop(byUid.get('medication-metformin-0001-2000@cercle.test'), 'DTSTART')?.value).toBe(
			'20250301T200000'
		);
		expect(prop(morning, 'DTSTAMP')?.value).toBe('20250301T090000Z');
		const mtx = byUid.get('medication-mtx-0930@cercle.test');
		expect(prop(mtx, 'RRULE')?.value).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
		const amox = byUid.get('medication-amox-every-8h@cercle.test');
		expect(prop(amox, 'DTSTART')?.value).toBe('20250301T140000Z');
		expect(prop(amox, 'RRULE')?.value).toBe('FREQ=HOURLY;INTERVAL=8');
		const appointment = byUid.get('appointment-appt-1@cercle.test');
		expect(prop(appointment, 'DTSTART')?.value).toBe('20250312T133000Z');
		expect(prop(appointment, 'DTEND')?.value).toBe('20250312T141500Z');
		expect(prop(appointment?.children[0], 'TRIGGER')?.value).toBe('-PT90M');
	});

	it('pins dose times to the home zone with TZID, VTIMEZONE and a UTC UNTIL when asked', () => {
		const stopped: IcsMedication = { ...metformin, stopAt: Date.UTC(2025, 5, 1) };
		const calendar = parseCalendar(
			buildIcsCalendar(
				{ medications: [stopped], appointments: [] },
				options({
					timeZone: 'America/New_York',
					travel: { mode: 'keep-home-instants', homeTimeZone: 'Europe/Paris' }
				})
			)
		);
		const zone = calendar.children.find((c) => c.type === 'VTIMEZONE');
		expect(prop(zone, 'TZID')?.value).toBe('Europe/Paris');
		const observances = zone?.children.map((c) => [
			c.type,
			prop(c, 'RRULE')?.value,
			prop(c, 'TZOFFSETFROM')?.value,
			prop(c, 'TZOFFSETTO')?.value,
			prop(c, 'DTSTART')?.value.slice(8)
		]);
		expect(observances).toEqual([
			['DAYLIGHT', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', '+0100', '+0200', 'T020000'],
			['STANDARD', 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', '+0200', '+0100', 'T030000']
		]);
		const event = calendar.children.find((c) => c.type === 'VEVENT');
		const start = prop(event, 'DTSTART');
		expect(start?.params).toEqual({ TZID: 'Europe/Paris' });
		expect(start?.value).toBe('20250302T080000');
		expect(prop(event, 'RRULE')?.value).toBe('FREQ=DAILY;UNTIL=20250601T000000Z');
	});

	it('derives New York rules (second Sunday of March, first of November)', () => {
		const calendar = parseCalendar(
			buildIcsCalendar(
				{ medications: [metformin], appointments: [] },
				options({
					timeZone: 'Europe/Paris',
					travel: { mode: 'keep-home-instants', homeTimeZone: 'America/New_York' }
				})
			)
		);
		const zone = calendar.children.find((c) => c.type === 'VTIMEZONE');
		expect(zone?.children.map((c) => prop(c, 'RRULE')?.value)).toEqual([
			'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
			'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU'
		]);
	});
});
