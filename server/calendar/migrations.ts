// Calendar feed table, for the one server migration set (server/db/migrations.ts adds it under its
// name). The name sorts after every earlier migration ('0001-initial', 'push_001_tables',
// 'v002_accounts_kdf', 'v003_sharing_tables'), as Kysely requires. Append-only: add v0xx_calendar_… for changes.
// Invariant: one feed per account; only the SHA-256 of the secret token is stored.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const v004_calendar_feeds: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('calendar_feeds')
			.addColumn('account_id', 'text', (c) => c.primaryKey())
			.addColumn('token_hash', 'text', (c) => c.notNull().unique())
			.addColumn('events', 'text', (c) => c.notNull())
			.addColumn('locale', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('calendar_feeds').execute();
	}
};

export const calendarMigrations: Readonly<Record<string, Migration>> = {
	v004_calendar_feeds
};
