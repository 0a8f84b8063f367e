// Reminders over HTTP: the Web Push subscription, its schedule and test, and the calendar feed,
// all through the one API client (`contracts/client.ts`, `fetch` injected).
//
// Why here: the reminders manager (state/reminders.svelte.ts) holds runes and timers; these calls
// are plain functions a test drives with a fake `fetch`. Every failure is put in the words the
// Settings page shows (`ReminderHttpError`): no network, no account (401), or anything else.
// What is sent is only `{ fireAt, opaqueId }` pairs and generic calendar events (no names).
import { createApiClient, type ApiError, type FetchLike } from '$lib/contracts/client';
import { pushSubscribeBodySchema, type PushLocale, type PushOccurrence } from '$lib/contracts/push';
import type { CalendarFeedEvent } from '$lib/contracts/reminders';
import { err, ok, type Result } from '$lib/domain/result';

export type ReminderHttpError = 'offline' | 'no-account' | 'server';

/** How the server sees this account for push: signed in, signed out, unreachable, or broken. */
export type PushAccountState = 'signed-in' | 'signed-out' | 'unavailable' | 'offline';

export function reminderHttpErrorOf(error: ApiError): ReminderHttpError {
	if (error.type === 'offline') return 'offline';
	return error.type === 'auth-required' ? 'no-account' : 'server';
}

export interface ReminderHttp {
	readonly pushStatus: () => Promise<PushAccountState>;
	readonly vapidKey: () => Promise<Result<string, ReminderHttpError>>;
	readonly subscribe: (
		subscription: PushSubscriptionJSON,
		locale: PushLocale
	) => Promise<Result<null, ReminderHttpError>>;
	readonly unsubscribe: (endpoint: string) => Promise<Result<null, ReminderHttpError>>;
	readonly uploadSchedule: (
		occurrences: readonly PushOccurrence[]
	) => Promise<Result<null, ReminderHttpError>>;
	readonly sendTest: (opaqueId: string) => Promise<Result<null, ReminderHttpError>>;
	/** A new secret feed URL (the old one stops working); its token. */
	readonly createFeed: (
		events: readonly CalendarFeedEvent[],
		locale: PushLocale
	) => Promise<Result<string, ReminderHttpError>>;
	readonly publishFeed: (
		events: readonly CalendarFeedEvent[],
		locale: PushLocale
	) => Promise<Result<null, ReminderHttpError>>;
	readonly revokeFeed: () => Promise<Result<null, ReminderHttpError>>;
}

export function createReminderHttp(fetch: FetchLike): ReminderHttp {
	const api = createApiClient(fetch);
	const words = <T>(result: Result<T, ApiError>): Result<T, ReminderHttpError> =>
		result.ok ? result : err(reminderHttpErrorOf(result.error));
	return {
		async pushStatus() {
			const status = await api.call('pushStatus');
			if (status.ok) return 'signed-in';
			if (status.error.type === 'offline') return 'offline';
			return status.error.type === 'auth-required' ? 'signed-out' : 'unavailable';
		},
		async vapidKey() {
			const key = await api.call('pushVapidKey');
			return key.ok ? ok(key.value.publicKey) : words(key);
		},
		async subscribe(subscription, locale) {
			// The browser's subscription is parsed like any input; one the server would refuse is
			// refused here the same way (`server`).
			const body = pushSubscribeBodySchema.safeParse({ ...subscription, locale });
			if (!body.success) return err('server');
			return words(await api.send('pushSubscribe', { body: body.data }));
		},
		unsubscribe: async (endpoint) =>
			words(await api.send('pushUnsubscribe', { body: { endpoint } })),
		uploadSchedule: async (occurrences) =>
			words(await api.send('pushSchedule', { body: { occurrences } })),
		sendTest: async (opaqueId) => words(await api.send('pushTest', { body: { opaqueId } })),
		async createFeed(events, locale) {
			const created = await api.call('calendarFeedRotate', { body: { events, locale } });
			return created.ok ? ok(created.value.token) : words(created);
		},
		publishFeed: async (events, locale) =>
			words(await api.send('calendarFeedPublish', { body: { events, locale } })),
		revokeFeed: async () => words(await api.send('calendarFeedRevoke'))
	};
}
