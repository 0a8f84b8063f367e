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

/**
 * The second factor (issue 14 §2): the account's kind (a professional must use a second factor),
 * its TOTP secret and last accepted step, and the hashes of its unused recovery codes. The kind
 * lives in its own table rather than a new column, so no existing row is rewritten.
 */
export const v012_account_totp: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('account_kinds')
			.addColumn('account_id', 'text', (c) =>
				c.primaryKey().references('accounts.id').onDelete('cascade')
			)
			.addColumn('kind', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('account_totp')
			.addColumn('account_id', 'text', (c) =>
				c.primaryKey().references('accounts.id').onDelete('cascade')
			)
			.addColumn('secret', 'text', (c) => c.notNull())
			.addColumn('confirmed', 'integer', (c) => c.notNull())
			.addColumn('last_step', 'bigint')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('account_recovery_codes')
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('code_hash', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('account_recovery_codes_pk', ['account_id', 'code_hash'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await sql`drop table if exists account_recovery_codes`.execute(db);
		await sql`drop table if exists account_totp`.execute(db);
		await sql`drop table if exists account_kinds`.execute(db);
	}
};

export const authMigrations: Readonly<Record<string, Migration>> = {
	v002_accounts_kdf,
	v012_account_totp
};
