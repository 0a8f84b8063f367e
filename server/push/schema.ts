// The push tables as Kysely sees them (created by ./migrations.ts), for SQLite and PostgreSQL.
// Callers holding the main `Kysely<Database>` reach them with `db.$extendTables<PushDatabase>()`.
// What is stored: where to push (the browser's subscription) and when (fire time + opaque id).
// No reminder content, no medication or task name, ever.
import type { Generated } from 'kysely';

export type PushJobState = 'pending' | 'sending' | 'sent' | 'failed';

export interface PushSubscriptionsTable {
	readonly id: string;
	readonly account_id: string;
	readonly endpoint: string;
	readonly p256dh: string;
	readonly auth: string;
	/** Language of the generic notification text ('en' | 'fr'). */
	readonly locale: string;
	readonly created_at: number;
	readonly last_success_at: number | null;
	readonly failure_count: Generated<number>;
}

export interface PushJobsTable {
	readonly id: string;
	readonly account_id: string;
	readonly opaque_id: string;
	readonly fire_at: number;
	readonly state: PushJobState;
	readonly attempts: Generated<number>;
	readonly next_attempt_at: number;
	readonly locked_by: string | null;
	readonly locked_until: number | null;
	readonly created_at: number;
	readonly sent_at: number | null;
}

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type PushDatabase = {
	readonly push_subscriptions: PushSubscriptionsTable;
	readonly push_jobs: PushJobsTable;
};
