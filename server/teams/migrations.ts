// Care-team tables, for the one server migration set (server/db/migrations.ts spreads them in).
// The name sorts after every earlier migration ('v011_…', 'v012_account_totp'). Append-only.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const TABLES = [
	'circle_team_key_wraps',
	'circle_team_grants',
	'circle_teams',
	'team_invitations',
	'team_key_wraps',
	'team_members',
	'teams'
] as const;

export const v012_teams: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('teams')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('created_by', 'text', (c) => c.notNull())
			.addColumn('key_version', 'integer', (c) => c.notNull())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('key_signature', 'text', (c) => c.notNull())
			.addColumn('key_signer', 'text', (c) => c.notNull())
			.addColumn('rotation_pending', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('team_members')
			.addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('identity_key', 'text', (c) => c.notNull())
			.addColumn('sharing_key', 'text', (c) => c.notNull())
			.addColumn('joined_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('team_members_pk', ['team_id', 'account_id'])
			.execute();
		await db.schema
			.createIndex('team_members_account')
			.on('team_members')
			.column('account_id')
			.execute();
		await db.schema
			.createTable('team_key_wraps')
			.addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
			.addColumn('account_id', 'text', (c) => c.notNull())
			.addColumn('key_version', 'integer', (c) => c.notNull())
			.addColumn('wrapped', 'text', (c) => c.notNull())
			.addColumn('sealed_by', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('team_key_wraps_pk', ['team_id', 'account_id', 'key_version'])
			.execute();
		await db.schema
			.createTable('team_invitations')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
			.addColumn('lookup_hash', 'text', (c) => c.notNull().unique())
			.addColumn('server_key', 'text', (c) => c.notNull())
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('invited_by', 'text', (c) => c.notNull())
			.addColumn('inviter_proof', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('accepted_by', 'text')
			.addColumn('accepted_label', 'text')
			.addColumn('accepted_identity_key', 'text')
			.addColumn('accepted_sharing_key', 'text')
			.addColumn('accepted_proof', 'text')
			.addColumn('confirmed_at', 'bigint')
			.execute();
		await db.schema
			.createTable('circle_teams')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('key_version', 'integer', (c) => c.notNull())
			.addColumn('owner_identity_key', 'text')
			.addColumn('attested_by', 'text')
			.addColumn('attestation', 'text')
			.addColumn('joined_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_teams_pk', ['circle_id', 'team_id'])
			.execute();
		await db.schema.createIndex('circle_teams_team').on('circle_teams').column('team_id').execute();
		await db.schema
			.createTable('circle_team_grants')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('team_id', 'text', (c) => c.notNull())
			.addColumn('category', 'text', (c) => c.notNull())
			.addColumn('access', 'text', (c) => c.notNull())
			.addColumn('until', 'bigint')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_team_grants_pk', ['circle_id', 'team_id', 'category'])
			.execute();
		await db.schema
			.createTable('circle_team_key_wraps')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('team_id', 'text', (c) => c.notNull())
			.addColumn('category', 'text', (c) => c.notNull())
			.addColumn('key_id', 'text', (c) => c.notNull())
			.addColumn('key_version', 'integer', (c) => c.notNull())
			.addColumn('wrapped', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_team_key_wraps_pk', [
				'circle_id',
				'team_id',
				'category',
				'key_id',
				'key_version'
			])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
	}
};

export const teamMigrations: Readonly<Record<string, Migration>> = { v012_teams };
