// Push subscriptions and the reminder schedule of each account.
// Why: the device decides what rings when; the server keeps just enough to wake it: the browser's
// subscription and `{ fireAt, opaqueId }` pairs (DESIGN: the server relays what it cannot read).
// Invariants:
// - An endpoint belongs to one account at a time (the latest subscribe wins: a browser signed in
//   to another account now wakes that one).
// - `uploadSchedule` replaces the account's future *pending* jobs in one transaction; jobs already
//   being sent or sent stay, and re-uploading the same (opaque id, fire time) never re-sends it
//   (unique per account). Past occurrences are skipped, not sent late.
// - The person's devices share the opaque-id key (a vault secret), so the same reminder uploaded
//   by two devices is one job that rings on both.
import type { Kysely } from 'kysely';
import type { PushLocale, PushOccurrence } from '../../src/lib/contracts/push';
import { ok, type Result } from '$lib/domain/result';
import type { PushDatabase } from './schema';

const INSERT_CHUNK = 200;

export interface PushStoreDeps {
	readonly db: Kysely<PushDatabase>;
	readonly now: () => number;
	readonly newId: () => string;
}

export interface SubscriptionInput {
	readonly endpoint: string;
	readonly keys: { readonly p256dh: string; readonly auth: string };
	readonly locale: PushLocale;
}

export interface PushSubscriptionInfo {
	readonly endpoint: string;
	readonly createdAt: number;
	readonly lastSuccessAt: number | null;
	readonly failureCount: number;
}

export interface PushStore {
	readonly subscribe: (accountId: string, input: SubscriptionInput) => Promise<void>;
	/** Removes the endpoint if it belongs to the account; true when something was removed. */
	readonly unsubscribe: (accountId: string, endpoint: string) => Promise<boolean>;
	readonly listSubscriptions: (accountId: string) => Promise<readonly PushSubscriptionInfo[]>;
	readonly uploadSchedule: (
		accountId: string,
		occurrences: readonly PushOccurrence[]
	) => Promise<Result<{ readonly scheduled: number; readonly skippedPast: number }, never>>;
	/** Queues one reminder due now (the "send me a test reminder" button). */
	readonly enqueueTestReminder: (accountId: string, opaqueId: string) => Promise<void>;
	/** Deletes every subscription and job of the account (account deletion). */
	readonly deleteAccount: (accountId: string) => Promise<void>;
}

export const createPushStore = ({ db, now, newId }: PushStoreDeps): PushStore => ({
	async subscribe(accountId, input) {
		await db
			.insertInto('push_subscriptions')
			.values({
				id: newId(),
				account_id: accountId,
				endpoint: input.endpoint,
				p256dh: input.keys.p256dh,
				auth: input.keys.auth,
				locale: input.locale,
				created_at: now(),
				last_success_at: null,
				failure_count: 0
			})
			.onConflict((oc) =>
				oc.column('endpoint').doUpdateSet({
					account_id: accountId,
					p256dh: input.keys.p256dh,
					auth: input.keys.auth,
					locale: input.locale,
					failure_count: 0
				})
			)
			.execute();
	},

	async unsubscribe(accountId, endpoint) {
		const result = await db
			.deleteFrom('push_subscriptions')
			.where('account_id', '=', accountId)
			.where('endpoint', '=', endpoint)
			.executeTakeFirst();
		return result.numDeletedRows > 0n;
	},

	async listSubscriptions(accountId) {
		const rows = await db
			.selectFrom('push_subscriptions')
			.select(['endpoint', 'created_at', 'last_success_at', 'failure_count'])
			.where('account_id', '=', accountId)
			.orderBy('created_at')
			.execute();
		return rows.map((row) => ({
			endpoint: row.endpoint,
			createdAt: row.created_at,
			lastSuccessAt: row.last_success_at,
			failureCount: row.failure_count
		}));
	},

	async uploadSchedule(accountId, occurrences) {
		const at = now();
		const future = occurrences.filter((o) => o.fireAt >= at);
		const unique = [...new Map(future.map((o) => [`${o.opaqueId}\n${o.fireAt}`, o])).values()];
		await db.transaction().execute(async (trx) => {
			await trx
				.deleteFrom('push_jobs')
				.where('account_id', '=', accountId)
				.where('state', '=', 'pending')
				.where('fire_at', '>=', at)
				.execute();
			for (let start = 0; start < unique.length; start += INSERT_CHUNK) {
				await trx
					.insertInto('push_jobs')
					.values(
						unique.slice(start, start + INSERT_CHUNK).map((o) => ({
							id: newId(),
							account_id: accountId,
							opaque_id: o.opaqueId,
							fire_at: o.fireAt,
							state: 'pending' as const,
							attempts: 0,
							next_attempt_at: o.fireAt,
							locked_by: null,
							locked_until: null,
							created_at: at,
							sent_at: null
						}))
					)
					.onConflict((oc) => oc.columns(['account_id', 'opaque_id', 'fire_at']).doNothing())
					.execute();
			}
		});
		return ok({ scheduled: unique.length, skippedPast: occurrences.length - future.length });
	},

	async enqueueTestReminder(accountId, opaqueId) {
		const at = now();
		await db
			.insertInto('push_jobs')
			.values({
				id: newId(),
				account_id: accountId,
				opaque_id: opaqueId,
				fire_at: at,
				state: 'pending',
				attempts: 0,
				next_attempt_at: at,
				locked_by: null,
				locked_until: null,
				created_at: at,
				sent_at: null
			})
			.onConflict((oc) => oc.columns(['account_id', 'opaque_id', 'fire_at']).doNothing())
			.execute();
	},

	async deleteAccount(accountId) {
		await db.transaction().execute(async (trx) => {
			await trx.deleteFrom('push_jobs').where('account_id', '=', accountId).execute();
			await trx.deleteFrom('push_subscriptions').where('account_id', '=', accountId).execute();
		});
	}
});
