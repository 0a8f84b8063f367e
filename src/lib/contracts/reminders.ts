// Wire contract of the reminder status and the subscribable calendar feed (issue 7), next to the
// push contract (./push.ts). The calendar feed is published by the device: the server cannot read
// medication times (they live encrypted in the vault), so it serves only the generic start times
// and recurrence rules the device uploaded, with a generic title. Nothing here names a medicine,
// a task or a symptom.
import * as z from 'zod';
import { base64UrlSchema } from './common';
import { pushLocaleSchema } from './push';

/** GET /api/push/status: what the server knows about this account's push reminders. */
export const pushStatusResponseSchema = z.object({
	/** Subscriptions (devices) of the account, newest last; endpoints are not echoed back. */
	subscriptions: z.array(
		z.object({
			/** SHA-256 of the endpoint (hex): lets a device recognise its own row. */
			endpointHash: z.string().regex(/^[0-9a-f]{64}$/),
			createdAt: z.int(),
			lastSuccessAt: z.int().nullable(),
			failureCount: z.int().min(0)
		})
	),
	/** Reminders waiting to be sent. */
	pending: z.int().min(0),
	/** The next one, or null. */
	nextFireAt: z.int().nullable()
});
export type PushStatusResponse = z.infer<typeof pushStatusResponseSchema>;

export const CALENDAR_FEED_MAX_EVENTS = 200;

/** An iCalendar DATE-TIME value: floating local (`20250106T080000`) or UTC (`…Z`). */
export const icsDateTimeSchema = z.string().regex(/^\d{8}T\d{6}Z?$/, 'ics-date-time');

const BYDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
/** The recurrence rules Cercle's schedules produce, and nothing else (no free text). */
export const icsRruleSchema = z
	.string()
	.max(120)
	.regex(
		new RegExp(
			`^FREQ=(?:DAILY|WEEKLY|HOURLY)(?:;INTERVAL=\\d{1,3})?(?:;BYDAY=${BYDAY}(?:,${BYDAY}){0,6})?(?:;UNTIL=\\d{8}T\\d{6}Z?)?$`
		),
		'ics-rrule'
	);

/** One generic event of the feed: when it starts, in which zone, and how it repeats. */
export const calendarFeedEventSchema = z.strictObject({
	start: icsDateTimeSchema,
	/** IANA zone of `start` (home-instants travel policy), or null for floating / UTC. */
	tzid: z
		.string()
		.max(64)
		.regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/, 'tzid')
		.nullable(),
	rrule: icsRruleSchema.nullable()
});
export type CalendarFeedEvent = z.infer<typeof calendarFeedEventSchema>;

/** PUT /api/calendar/feed: replaces the published events (creating the feed when absent). */
export const calendarFeedUploadBodySchema = z.strictObject({
	events: z.array(calendarFeedEventSchema).max(CALENDAR_FEED_MAX_EVENTS),
	locale: pushLocaleSchema
});
export type CalendarFeedUploadBody = z.infer<typeof calendarFeedUploadBodySchema>;

/** The feed's secret token: 128 random bits, base64url (22 characters). */
export const calendarTokenSchema = base64UrlSchema(22).length(22);

export const calendarFeedStatusResponseSchema = z.object({
	active: z.boolean(),
	eventCount: z.int().min(0),
	updatedAt: z.int().nullable()
});
export type CalendarFeedStatusResponse = z.infer<typeof calendarFeedStatusResponseSchema>;

/** POST /api/calendar/feed: a new secret URL (the previous one stops working). */
export const calendarFeedTokenResponseSchema = z.object({ token: calendarTokenSchema });
export type CalendarFeedTokenResponse = z.infer<typeof calendarFeedTokenResponseSchema>;
