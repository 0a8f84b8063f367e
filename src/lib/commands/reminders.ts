// Reminder commands: every write the reminders make, by name, and the Settings commands that talk
// to the server (Web Push on and off, a test push, the secret calendar feed).
// Vault writes (`createReminderWrites`): settings, the opaque-id key, a snooze, the "seen until"
// mark, the calendar feed token (category `settings`, encrypted like the journal) and a dose logged
// from a reminder (through the journal's command). One user action is ONE commit.
// Server commands (`createReminderCommands`): each takes what it needs as functions (HTTP, the
// browser's push subscription, the push state's refresh, the uploads), so a test drives it with
// fakes. Invariant: the feed token is written to the vault only after the server accepted it.
// Every command returns the one Result with a `ReminderError`, data put into words once by
// `reminderErrorText` (ui/reminders/error-text.ts). Randomness (the key) and time are injected.
import type { PushLocale } from '$lib/contracts/push';
import type { CalendarFeedEvent } from '$lib/contracts/reminders';
import type { DoseInput, SaveError } from '$lib/domain/journal/entries';
import type { CommitError, RecordOp } from '$lib/domain/records';
import {
	snoozeOccurrence,
	type OpaqueIdMinter,
	type ReminderOccurrence,
	type ReminderSettings,
	type SnoozeChoice
} from '$lib/domain/reminders';
import { takenDoseFor } from '$lib/domain/reminders/journal-sources';
import { MINUTE_MS } from '$lib/domain/reminders/ringing';
import {
	FEED_KIND,
	KEY_KIND,
	SEEN_KIND,
	SETTINGS_KIND,
	SNOOZE_KIND,
	settingsBodySchema
} from '$lib/domain/reminders/stored';
import { err, ok, type Result } from '$lib/domain/result';
import {
	applyQueuedActions,
	type ActionQueue,
	type ApplyQueueResult,
	type KnownReminder
} from '$lib/shared/action-queue';
import type { ReminderHttp, ReminderHttpError } from '$lib/sync/reminders-http';

/** A snooze from a notification's action button rings again this long after the tap. */
export const ACTION_SNOOZE_MS = 10 * MINUTE_MS;

/** Why a reminder command did not do what it was asked. */
export type ReminderError =
	/** The vault is locked (or the opaque-id key is not loaded yet). */
	| { readonly type: 'locked' }
	/** The settings do not pass the schema (e.g. quiet hours that start when they end). */
	| { readonly type: 'invalid' }
	/** "Taken" on a reminder that is not a medication dose. */
	| { readonly type: 'not-a-dose' }
	/** The vault refused the commit. */
	| { readonly type: 'commit'; readonly error: CommitError }
	/** The journal refused the dose. */
	| { readonly type: 'dose'; readonly error: SaveError }
	/** This browser cannot receive Web Push (no service worker, no PushManager). */
	| { readonly type: 'unsupported' }
	/** The person said no to notifications. */
	| { readonly type: 'permission-denied' }
	/** Push and the feed need an account on this device. */
	| { readonly type: 'no-account' }
	/** The server could not be reached. */
	| { readonly type: 'offline' }
	/** The server answered with an error. */
	| { readonly type: 'server' };

export type ReminderResult = Result<null, ReminderError>;

/** An HTTP failure of the reminders' endpoints, as a reminder error. */
export const httpError = (error: ReminderHttpError): ReminderError => ({ type: error });

// ---- Vault writes --------------------------------------------------------------------------------

export interface ReminderWritesDeps {
	/** The open vault's commit, or null while it is locked. */
	readonly commit: () =>
		((ops: readonly RecordOp[]) => Promise<Result<unknown, CommitError>>) | null;
	readonly logDose: (input: DoseInput) => Promise<Result<unknown, SaveError>>;
	readonly now: () => number;
	/** A fresh random opaque-id key (32 bytes, base64url). */
	readonly newKey: () => string;
}

export type ReminderWrites = ReturnType<typeof createReminderWrites>;

export function createReminderWrites(deps: ReminderWritesDeps) {
	async function commit(ops: readonly RecordOp[]): Promise<ReminderResult> {
		const write = deps.commit();
		if (write === null) return err({ type: 'locked' });
		const result = await write(ops);
		return result.ok ? ok(null) : err({ type: 'commit', error: result.error });
	}

	const put = (kind: string, body: unknown, id?: string): RecordOp => ({
		type: 'put',
		...(id === undefined ? {} : { id }),
		kind,
		category: 'settings',
		at: deps.now(),
		body
	});

	const snooze = (
		occurrence: Pick<ReminderOccurrence, 'kind' | 'sourceRef' | 'dueAt'>,
		fireAt: number
	): Promise<ReminderResult> =>
		commit([
			put(SNOOZE_KIND, {
				kind: occurrence.kind,
				sourceRef: occurrence.sourceRef,
				dueAt: occurrence.dueAt,
				fireAt
			})
		]);

	const createKey = (): Promise<ReminderResult> => commit([put(KEY_KIND, { key: deps.newKey() })]);
	let creatingKey = false;

	return {
		/** The opaque-id key, made once per person (synced to their other devices). */
		createKey,
		/** `createKey`, unless one is being made already (the manager's effect may run again). */
		ensureKey(): void {
			if (creatingKey) return;
			creatingKey = true;
			void createKey().finally(() => {
				creatingKey = false;
			});
		},
		snooze,
		/** "Later" on a ringing reminder: the domain's snooze rule, then one commit. */
		snoozeFor(
			occurrence: ReminderOccurrence,
			choice: SnoozeChoice,
			mint: OpaqueIdMinter | null
		): Promise<ReminderResult> {
			if (mint === null) return Promise.resolve(err({ type: 'locked' }));
			const snoozed = snoozeOccurrence(occurrence, choice, deps.now(), mint);
			return snooze(occurrence, snoozed.fireAt);
		},
		markSeen: (existingId?: string): Promise<ReminderResult> =>
			commit([put(SEEN_KIND, { until: deps.now() }, existingId)]),
		saveSettings(
			settings: ReminderSettings,
			calendarDetails: boolean,
			existingId?: string
		): Promise<ReminderResult> {
			const parsed = settingsBodySchema.safeParse({ settings, calendarDetails });
			if (!parsed.success) return Promise.resolve(err({ type: 'invalid' }));
			return commit([put(SETTINGS_KIND, parsed.data, existingId)]);
		},
		/** Logs the dose a reminder is about, taken at `at`. */
		async taken(occurrence: ReminderOccurrence, at: number): Promise<ReminderResult> {
			const input = takenDoseFor(occurrence, at);
			if (input === null) return err({ type: 'not-a-dose' });
			const logged = await deps.logDose(input);
			return logged.ok ? ok(null) : err({ type: 'dose', error: logged.error });
		},
		saveFeedToken: (token: string, existingId?: string): Promise<ReminderResult> =>
			commit([put(FEED_KIND, { token }, existingId)]),
		forgetFeedToken: (id: string): Promise<ReminderResult> =>
			commit([{ type: 'delete', id, category: 'settings' }]),
		/**
		 * Applies the notification actions the service worker queued (shared/action-queue.ts): a
		 * "taken" logs the slot's dose at the tap's time, a snooze rings `ACTION_SNOOZE_MS` after it.
		 */
		async applyQueued(
			queue: () => ActionQueue,
			known: ReadonlyMap<string, KnownReminder>,
			acknowledged: ReadonlySet<string>
		): Promise<ApplyQueueResult | null> {
			try {
				return await applyQueuedActions({
					queue: queue(),
					known,
					acknowledged,
					take: async (reminder, at) => {
						const input = takenDoseFor(reminder, at);
						return input === null || (await deps.logDose(input)).ok;
					},
					snooze: async (reminder, at) => (await snooze(reminder, at + ACTION_SNOOZE_MS)).ok
				});
			} catch {
				// IndexedDB unavailable (private mode): nothing was queued either.
				return null;
			}
		}
	};
}

// ---- Server commands (Settings) ------------------------------------------------------------------

/** Why the browser could not subscribe this device to Web Push. */
export type PushSubscribeError = ReminderHttpError | 'unsupported' | 'permission-denied';

/** This device's push subscription: the browser's side (state/reminder-push.ts). */
export interface PushPort {
	subscribe(locale: PushLocale): Promise<Result<null, PushSubscribeError>>;
	unsubscribe(): Promise<unknown>;
}

export interface ReminderCommandsDeps {
	readonly http: ReminderHttp;
	readonly push: PushPort;
	readonly locale: () => PushLocale;
	readonly now: () => number;
	/** The person's opaque-id minter; null until the key is loaded. */
	readonly mint: () => OpaqueIdMinter | null;
	/** Reads the push state again (after a subscription changed). */
	readonly refreshPush: () => Promise<void>;
	readonly uploads: {
		readonly uploadNow: () => Promise<void>;
		readonly forgetSchedule: () => void;
		readonly forgetFeed: () => void;
	};
	/** The feed's events as they would be published now. */
	readonly feedEvents: () => readonly CalendarFeedEvent[];
	/** The id of the stored feed-token record, if any. */
	readonly feedRecordId: () => string | undefined;
	readonly writes: Pick<ReminderWrites, 'saveFeedToken' | 'forgetFeedToken'>;
}

export function createReminderCommands(deps: ReminderCommandsDeps) {
	return {
		async subscribePush(): Promise<ReminderResult> {
			const subscribed = await deps.push.subscribe(deps.locale());
			if (!subscribed.ok) {
				if (subscribed.error === 'permission-denied') await deps.refreshPush();
				return err({ type: subscribed.error });
			}
			deps.uploads.forgetSchedule();
			await deps.refreshPush();
			await deps.uploads.uploadNow();
			return ok(null);
		},
		async unsubscribePush(): Promise<ReminderResult> {
			await deps.push.unsubscribe();
			await deps.refreshPush();
			return ok(null);
		},
		async sendTest(): Promise<ReminderResult> {
			const mint = deps.mint();
			if (mint === null) return err({ type: 'locked' });
			const opaqueId = mint({ kind: 'medication', sourceRef: 'test-reminder', fireAt: deps.now() });
			const sent = await deps.http.sendTest(opaqueId);
			return sent.ok ? ok(null) : err(httpError(sent.error));
		},
		async createFeed(): Promise<ReminderResult> {
			const created = await deps.http.createFeed(deps.feedEvents(), deps.locale());
			if (!created.ok) return err(httpError(created.error));
			const saved = await deps.writes.saveFeedToken(created.value, deps.feedRecordId());
			return saved.ok ? ok(null) : err({ type: 'locked' });
		},
		async revokeFeed(): Promise<ReminderResult> {
			const response = await deps.http.revokeFeed();
			if (!response.ok) return err(httpError(response.error));
			const existing = deps.feedRecordId();
			if (existing !== undefined) await deps.writes.forgetFeedToken(existing);
			deps.uploads.forgetFeed();
			return ok(null);
		}
	};
}
