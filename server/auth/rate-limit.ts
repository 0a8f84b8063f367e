// Fixed-window rate limits kept in the database, so every instance behind a load balancer sees
// the same counters. Keys are SHA-256 digests of the subject ("login:<id>", "ip:<addr>"): the table
// never holds a login or an address. A subject is limited once `count >= limit` inside its window.
import { sql } from 'kysely';
import type { DbHandle } from '../db';
import { sha256Hex } from './tokens';

export interface RateRule {
	readonly limit: number;
	readonly windowMs: number;
}

export interface RateLimiter {
	/** Seconds to wait when `subject` is over its limit, or 0 when it may proceed. */
	readonly retryAfter: (subject: string, rule: RateRule) => Promise<number>;
	/** Counts one event (a failure, a sign-up) for `subject`. */
	readonly hit: (subject: string, rule: RateRule) => Promise<void>;
	readonly reset: (subject: string) => Promise<void>;
}

export function createRateLimiter(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
}): RateLimiter {
	const { db } = deps.db;
	return {
		async retryAfter(subject, rule) {
			const now = deps.now();
			const row = await db
				.selectFrom('rate_limits')
				.select(['window_start', 'count'])
				.where('key', '=', sha256Hex(subject))
				.executeTakeFirst();
			if (row === undefined) return 0;
			const windowEnd = row.window_start + rule.windowMs;
			if (windowEnd <= now || row.count < rule.limit) return 0;
			return Math.max(1, Math.ceil((windowEnd - now) / 1000));
		},
		async hit(subject, rule) {
			const now = deps.now();
			const expired = now - rule.windowMs;
			await db
				.insertInto('rate_limits')
				.values({ key: sha256Hex(subject), window_start: now, count: 1 })
				.onConflict((oc) =>
					oc.column('key').doUpdateSet({
						count: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.count + 1 end`,
						window_start: sql<number>`case when rate_limits.window_start <= ${expired} then ${now} else rate_limits.window_start end`
					})
				)
				.execute();
		},
		async reset(subject) {
			await db.deleteFrom('rate_limits').where('key', '=', sha256Hex(subject)).execute();
		}
	};
}
