// The server's sync epoch: a random id stored once per database (in `server_secrets`, insert-if-
// absent, so every instance on one database agrees). Why: after a restore or a move to a new
// database, seqs may be reused; a device that trusts its old checkpoint would skip new envelopes
// forever. A new database has a new epoch; an operator who restores a backup renews it
// (CERCLE_RENEW_EPOCH=1 on the first start after the restore, server/context.ts), and pull also
// detects restores on its own (server/sync/pull.ts `reset`). Read on every pull (one primary-key
// lookup, never cached), so a renewal is seen by every instance at once.
import type { DbHandle } from '../db';
import type { AuthDatabase } from '../auth/schema';

export const EPOCH_NAME = 'sync-epoch';

export interface Epoch {
	readonly current: () => Promise<string>;
	/** A new epoch (after a restore): every device resets its checkpoints at its next pull. */
	readonly renew: () => Promise<string>;
}

export function createEpoch(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
}): Epoch {
	const db = deps.db.db.$extendTables<AuthDatabase>();
	return {
		async current() {
			await db
				.insertInto('server_secrets')
				.values({ name: EPOCH_NAME, value: deps.newId(), created_at: deps.now() })
				.onConflict((oc) => oc.column('name').doNothing())
				.execute();
			const row = await db
				.selectFrom('server_secrets')
				.select('value')
				.where('name', '=', EPOCH_NAME)
				.executeTakeFirstOrThrow();
			return row.value;
		},
		async renew() {
			const value = deps.newId();
			await db
				.insertInto('server_secrets')
				.values({ name: EPOCH_NAME, value, created_at: deps.now() })
				.onConflict((oc) => oc.column('name').doUpdateSet({ value, created_at: deps.now() }))
				.execute();
			return value;
		}
	};
}
