// The one migration set, for SQLite and PostgreSQL. Migrations are code (an in-code provider, no
// file scanning) so the bundled server carries them; they are append-only: never edit a shipped
// migration, add the next one.
import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { authMigrations } from '../auth/migrations';
import { calendarMigrations } from '../calendar/migrations';
import { circleMigrations } from '../circle/migrations';
import { pushMigrations } from '../push/migrations';
import { surveyMigrations } from '../surveys/migrations';
import { teamMigrations } from '../teams/migrations';

const initial: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('accounts')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('login', 'text', (c) => c.notNull().unique())
			.addColumn('auth_hash', 'text', (c) => c.notNull())
			.addColumn('wrapped_keys', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('sessions')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('last_seen_at', 'bigint', (c) => c.notNull())
			.addColumn('user_agent', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

		await db.schema
			.createTable('rate_limits')
			.addColumn('key', 'text', (c) => c.primaryKey())
			.addColumn('window_start', 'bigint', (c) => c.notNull())
			.addColumn('count', 'integer', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('devices')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('circles')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('owner_account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('circle_members')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_members_pk', ['circle_id', 'account_id'])
			.execute();
		await db.schema
			.createIndex('circle_members_account')
			.on('circle_members')
			.column('account_id')
			.execute();

		await db.schema
			.createTable('envelopes')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('record_id', 'text', (c) => c.notNull())
			.addColumn('hlc', 'text', (c) => c.notNull())
			.addColumn('category', 'text', (c) => c.notNull())
			.addColumn('key_id', 'text', (c) => c.notNull())
			.addColumn('device_id', 'text', (c) => c.notNull())
			.addColumn('iv', 'text', (c) => c.notNull())
			.addColumn('ciphertext', 'text', (c) => c.notNull())
			.addColumn('deleted', 'integer', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('envelopes_pk', ['circle_id', 'seq'])
			.addUniqueConstraint('envelopes_record_version', ['record_id', 'hlc'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		for (const table of [
			'envelopes',
			'circle_members',
			'circles',
			'devices',
			'rate_limits',
			'sessions',
			'accounts'
		]) {
			await sql`drop table if exists ${sql.table(table)}`.execute(db);
		}
	}
};

/** Kysely runs migrations in name order: feature migrations sort after '0001-initial'. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
	'0001-initial': initial,
	...pushMigrations,
	...authMigrations,
	...circleMigrations,
	...calendarMigrations,
	...surveyMigrations,
	...teamMigrations
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve({ ...MIGRATIONS })
};
