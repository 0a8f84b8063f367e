// Housekeeping for the auth tables: expired sessions and rate-limit windows long past are deleted,
// so the tables stay small and hold nothing older than they need. Idempotent and safe to run from
// several instances at once (plain deletes by time).
import type { DbHandle } from '../db';

/** Rate-limit rows older than this are gone whatever their rule (the longest window is 1 h). */
export const RATE_LIMIT_RETENTION_MS = 24 * 60 * 60 * 1000;

export async function pruneExpired(
	db: DbHandle,
	now: number
): Promise<{ readonly sessions: number; readonly rateLimits: number }> {
	const sessions = await db.db
		.deleteFrom('sessions')
		.where('expires_at', '<=', now)
		.executeTakeFirst();
	const rateLimits = await db.db
		.deleteFrom('rate_limits')
		.where('window_start', '<=', now - RATE_LIMIT_RETENTION_MS)
		.executeTakeFirst();
	return {
		sessions: Number(sessions.numDeletedRows),
		rateLimits: Number(rateLimits.numDeletedRows)
	};
}
