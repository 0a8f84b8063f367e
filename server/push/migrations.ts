// Push tables, as migrations for the one server migration set (server/db/migrations.ts adds them
// under their names). Portable types only (text, bigint, integer) so SQLite and PostgreSQL share
// them. Append-only: never edit a shipped migration, add push_002_… instead.
// Invariant: a reminder (account, opaque id, fire time) is stored at most once, whichever device
// uploaded it; the due-job index serves the scheduler's claim query.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const push_001_tables: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('push_subscriptions')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('account_id', 'text', (c) => c.notNull())
			.addColumn('endpoint', 'text', (c) => c.notNull().unique())
			.addColumn('p256dh', 'text', (c) => c.notNull())
			.addColumn('auth', 'text', (c) => c.notNull())
			.addColumn('locale', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('last_success_at', 'bigint')
			.addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema
			.createIndex('push_subscriptions_account')
			.on('push_subscriptions')
			.column('account_id')
			.execute();

		await db.schema
			.createTable('push_jobs')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('account_id', 'text', (c) => c.notNull())
			.addColumn('opaque_id', 'text', (c) => c.notNull())
			.addColumn('fire_at', 'bigint', (c) => c.notNull())
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
			.addColumn('locked_by', 'text')
			.addColumn('locked_until', 'bigint')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('sent_at', 'bigint')
			.addUniqueConstraint('push_jobs_account_opaque_fire', ['account_id', 'opaque_id', 'fire_at'])
			.execute();
		await db.schema
			.createIndex('push_jobs_due')
			.on('push_jobs')
			.columns(['state', 'next_attempt_at'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('push_jobs').execute();
		await db.schema.dropTable('push_subscriptions').execute();
	}
};

/** The push migrations by name, in order, for the main migration provider. */
export const pushMigrations: Readonly<Record<string, Migration>> = {
	push_001_tables
};
