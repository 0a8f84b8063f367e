// Every write the reminders make, one commit each: settings, the opaque-id key, a snooze, the
// "seen until" mark, the calendar feed token, and a dose logged from a reminder. Each returns the
// one Result with a typed error (`ReminderWriteError`), shown in words by ui/reminders/write-error.
// All records are in category `settings` (encrypted like the journal), except the dose.
import { randomBytes, toBase64Url } from '$lib/crypto/bytes';
import type { DoseInput, SaveError } from '$lib/domain/journal/entries';
import type { CommitError, RecordOp } from '$lib/domain/records';
import type { ReminderOccurrence, ReminderSettings } from '$lib/domain/reminders';
import { err, ok, type Result } from '$lib/domain/result';
import {
	FEED_KIND,
	KEY_KIND,
	SEEN_KIND,
	SETTINGS_KIND,
	SNOOZE_KIND,
	settingsBodySchema
} from '$lib/domain/reminders/stored';
import { MINUTE_MS } from '$lib/domain/reminders/ringing';
import {
	applyQueuedActions,
	type ActionQueue,
	type ApplyQueueResult,
	type KnownReminder
} from '$lib/shared/action-queue';
import { takenDoseFor } from './reminder-sources';

/** A snooze from a notification's action button rings again this long after the tap. */
export const ACTION_SNOOZE_MS = 10 * MINUTE_MS;

/** Why a reminder write (settings, snooze, the "seen" mark, a dose taken) did not happen. */
export type ReminderWriteError =
	| { readonly type: 'locked' }
	| { readonly type: 'invalid' }
	| { readonly type: 'not-a-dose' }
	| { readonly type: 'commit'; readonly error: CommitError }
	| { readonly type: 'dose'; readonly error: SaveError };

export type WriteResult = Result<null, ReminderWriteError>;

export interface ReminderWritesDeps {
	/** The open vault's commit, or null while it is locked. */
	readonly commit: () =>
		((ops: readonly RecordOp[]) => Promise<Result<unknown, CommitError>>) | null;
	readonly logDose: (input: DoseInput) => Promise<Result<unknown, SaveError>>;
	readonly now: () => number;
}

export function createReminderWrites(deps: ReminderWritesDeps) {
	async function commit(ops: readonly RecordOp[]): Promise<WriteResult> {
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
	): Promise<WriteResult> =>
		commit([
			put(SNOOZE_KIND, {
				kind: occurrence.kind,
				sourceRef: occurrence.sourceRef,
				dueAt: occurrence.dueAt,
				fireAt
			})
		]);

	let creatingKey = false;

	return {
		/** The opaque-id key, made once per person (synced to their other devices). */
		createKey: (): Promise<WriteResult> =>
			commit([put(KEY_KIND, { key: toBase64Url(randomBytes(32)) })]),
		/** `createKey`, unless one is being made already (the manager's effect may run again). */
		ensureKey(): void {
			if (creatingKey) return;
			creatingKey = true;
			void commit([put(KEY_KIND, { key: toBase64Url(randomBytes(32)) })]).finally(() => {
				creatingKey = false;
			});
		},
		snooze,
		markSeen: (existingId?: string): Promise<WriteResult> =>
			commit([put(SEEN_KIND, { until: deps.now() }, existingId)]),
		saveSettings(
			settings: ReminderSettings,
			calendarDetails: boolean,
			existingId?: string
		): Promise<WriteResult> {
			const parsed = settingsBodySchema.safeParse({ settings, calendarDetails });
			if (!parsed.success) return Promise.resolve(err({ type: 'invalid' }));
			return commit([put(SETTINGS_KIND, parsed.data, existingId)]);
		},
		/** Logs the dose a reminder is about, taken at `at`. */
		async taken(occurrence: ReminderOccurrence, at: number): Promise<WriteResult> {
			const input = takenDoseFor(occurrence, at);
			if (input === null) return err({ type: 'not-a-dose' });
			const logged = await deps.logDose(input);
			return logged.ok ? ok(null) : err({ type: 'dose', error: logged.error });
		},
		saveFeedToken: (token: string, existingId?: string): Promise<WriteResult> =>
			commit([put(FEED_KIND, { token }, existingId)]),
		forgetFeedToken: (id: string): Promise<WriteResult> =>
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
