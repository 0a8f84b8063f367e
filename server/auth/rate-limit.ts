// Fixed-window rate limits kept in the database, so every instance behind a load balancer sees
// the same counters. Keys are SHA-256 digests of the subject ("login:<id>", "ip:<addr>"): the table
// never holds a login or an address.
//
// Invariant: counting and checking are ONE statement (`insert … on conflict do update … returning`),
// so parallel requests each see their own count and no more than `limit` of them pass in a window
// (a check-then-count pair let 50 parallel logins through a limit of 10). An event is counted even
// when it is refused: hammering a limit only keeps it closed until the window ends.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DbHandle } from '../db';
import type { Database } from '../db/schema';
import { sha256Hex } from './tokens';

export interface RateRule {
	readonly limit: number;
	readonly windowMs: number;
}

export interface RateLimiter {
	/**
	 * Counts one event for `subject` and answers, atomically, the seconds to wait when this event is
	 * over the limit (0: it may proceed).
	 */
	readonly take: (subject: string, rule: RateRule) => Promise<number>;
	readonly reset: (subject: string) => Promise<void>;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** The one counting statement, usable inside a caller's transaction. Returns seconds to wait. */
export async function takeRate(
	db: Executor,
	subject: string,
	rule: RateRule,
	now: number
): Promise<number> {
	const expired = now - rule.windowMs;
	const row = await db
		.insertInto('rate_limits')
		.values({ key: sha256Hex(subject), window_start: now, count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.count + 1 end`,
				window_start: sql<number>`case when rate_limits.window_start <= ${expired} then ${now} else rate_limits.window_start end`
			})
		)
		.returning(['count', 'window_start'])
		.executeTakeFirstOrThrow();
	if (row.count <= rule.limit) return 0;
	return Math.max(1, Math.ceil((row.window_start + rule.windowMs - now) / 1000));
}

export function createRateLimiter(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
}): RateLimiter {
	const { db } = deps.db;
	return {
		take: (subject, rule) => takeRate(db, subject, rule, deps.now()),
		async reset(subject) {
			await db.deleteFrom('rate_limits').where('key', '=', sha256Hex(subject)).execute();
		}
	};
}
