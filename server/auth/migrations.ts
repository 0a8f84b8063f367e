// Account migrations after the initial schema, for the one server migration set
// (server/db/migrations.ts adds them under their names). Names sort after every earlier migration
// ('0001-initial', 'push_001_tables'), as Kysely requires. Append-only: never edit a shipped
// migration, add the next one.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The account's public KDF parameters and the server-wide secret behind fake parameters. */
export const v002_accounts_kdf: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('accounts').addColumn('kdf', 'text').execute();
		await db.schema
			.createTable('server_secrets')
			.addColumn('name', 'text', (c) => c.primaryKey())
			.addColumn('value', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await sql`drop table if exists server_secrets`.execute(db);
		await db.schema.alterTable('accounts').dropColumn('kdf').execute();
	}
};

export const authMigrations: Readonly<Record<string, Migration>> = {
	v002_accounts_kdf
};
