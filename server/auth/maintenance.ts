// Housekeeping: expired sessions and rate-limit windows long past are deleted, and old envelope
// versions are compacted, so the tables hold nothing older than they need. Idempotent and safe to
// run from several instances at once (plain deletes by time).
// Compaction: a version of a record received more than ENVELOPE_VERSION_RETENTION_MS ago is
// deleted when a newer version of the same record exists (higher HLC, same circle): only the
// newest version of each record is kept once it is older than 30 days (tombstones included, so a
// deletion still reaches every device). Pull pages by seq, so a device never misses the newest.
import { sql } from 'kysely';
import type { DbHandle } from '../db';

/** Rate-limit rows older than this are gone whatever their rule (the longest window is 1 h). */
export const RATE_LIMIT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Superseded envelope versions are kept this long (for devices that were offline), then deleted. */
export const ENVELOPE_VERSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export async function compactEnvelopes(db: DbHandle, now: number): Promise<number> {
	const result = await db.db
		.deleteFrom('envelopes')
		.where('received_at', '<', now - ENVELOPE_VERSION_RETENTION_MS)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('envelopes as newer')
					.select(sql<number>`1`.as('one'))
					.whereRef('newer.circle_id', '=', 'envelopes.circle_id')
					.whereRef('newer.record_id', '=', 'envelopes.record_id')
					.whereRef('newer.hlc', '>', 'envelopes.hlc')
			)
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function pruneExpired(
	db: DbHandle,
	now: number
): Promise<{
	readonly sessions: number;
	readonly rateLimits: number;
	readonly envelopeVersions: number;
}> {
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
		rateLimits: Number(rateLimits.numDeletedRows),
		envelopeVersions: await compactEnvelopes(db, now)
	};
}
