// The calendar feed's events: the generic events (`{ start, tzid, rrule }`, no titles, no names)
// of a calendar built by `buildIcsCalendar` (ics.ts), read back from its text.
// Why from the text: the feed must hold exactly the times the downloaded file holds; reading them
// back from the one builder keeps the two from drifting.
/** One event of the feed, as the contract (`calendarFeedEventSchema`) carries it. */
export interface CalendarFeedEvent {
	readonly start: string;
	readonly tzid: string | null;
	readonly rrule: string | null;
}

/** The generic events of a calendar built by `buildIcsCalendar` (no titles, no names). */
export const icsToFeedEvents = (ics: string): readonly CalendarFeedEvent[] => {
	const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
	const events: CalendarFeedEvent[] = [];
	let current: { start: string | null; tzid: string | null; rrule: string | null } | null = null;
	for (const line of lines) {
		if (line === 'BEGIN:VEVENT') current = { start: null, tzid: null, rrule: null };
		else if (line === 'END:VEVENT' && current !== null) {
			if (current.start !== null) {
				events.push({ start: current.start, tzid: current.tzid, rrule: current.rrule });
			}
			current = null;
		} else if (current !== null && line.startsWith('DTSTART')) {
			const match = /^DTSTART(?:;TZID=([^:]+))?:(\d{8}T\d{6}Z?)$/.exec(line);
			if (match) {
				current.tzid = match[1] ?? null;
				current.start = match[2] ?? null;
			}
		} else if (current !== null && line.startsWith('RRULE:')) current.rrule = line.slice(6);
	}
	return events;
};
