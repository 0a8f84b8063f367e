// The reminders' commands in Settings that talk to the server: Web Push on and off, a test push,
// and the secret calendar feed (create, revoke). Each returns the one Result with an expected
// failure (`ReminderCommandError`), put in words by ui/reminders/RemindersSettings.
// Why apart: the manager (reminders.svelte.ts) holds the runes; these take what they need as
// functions (HTTP, the push state's refresh, the uploads, the writes), so a test drives them with
// fakes. Invariant: the feed token is written to the vault only after the server accepted it.
import type { PushLocale } from '$lib/contracts/push';
import type { CalendarFeedEvent } from '$lib/contracts/reminders';
import type { OpaqueIdMinter } from '$lib/domain/reminders';
import { err, ok, type Result } from '$lib/domain/result';
import type { ReminderHttp } from '$lib/sync/reminders-http';
import { subscribeToPush, unsubscribeFromPush } from './reminder-push';
import type { WriteResult } from './reminder-writes';

/** Expected failures of the push and feed commands, each with a message in Settings. */
export type ReminderCommandError =
	'unsupported' | 'permission-denied' | 'no-account' | 'offline' | 'server' | 'locked';

export type CommandResult = Result<null, ReminderCommandError>;

export interface ReminderCommandsDeps {
	readonly http: ReminderHttp;
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
	readonly writes: {
		readonly saveFeedToken: (token: string, existingId?: string) => Promise<WriteResult>;
		readonly forgetFeedToken: (id: string) => Promise<WriteResult>;
	};
}

export function createReminderCommands(deps: ReminderCommandsDeps) {
	return {
		async subscribePush(): Promise<CommandResult> {
			const subscribed = await subscribeToPush(deps.http, deps.locale());
			if (!subscribed.ok) {
				if (subscribed.error === 'permission-denied') await deps.refreshPush();
				return subscribed;
			}
			deps.uploads.forgetSchedule();
			await deps.refreshPush();
			await deps.uploads.uploadNow();
			return ok(null);
		},
		async unsubscribePush(): Promise<CommandResult> {
			await unsubscribeFromPush(deps.http);
			await deps.refreshPush();
			return ok(null);
		},
		async sendTest(): Promise<CommandResult> {
			const mint = deps.mint();
			if (mint === null) return err('locked');
			const opaqueId = mint({ kind: 'medication', sourceRef: 'test-reminder', fireAt: deps.now() });
			return deps.http.sendTest(opaqueId);
		},
		async createFeed(): Promise<CommandResult> {
			const created = await deps.http.createFeed(deps.feedEvents(), deps.locale());
			if (!created.ok) return created;
			const saved = await deps.writes.saveFeedToken(created.value, deps.feedRecordId());
			return saved.ok ? ok(null) : err('locked');
		},
		async revokeFeed(): Promise<CommandResult> {
			const response = await deps.http.revokeFeed();
			if (!response.ok) return response;
			const existing = deps.feedRecordId();
			if (existing !== undefined) await deps.writes.forgetFeedToken(existing);
			deps.uploads.forgetFeed();
			return ok(null);
		}
	};
}
