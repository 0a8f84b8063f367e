// Circle-of-care and access-log tables, as migrations for the one server migration set
// (server/db/migrations.ts spreads them in). Names sort after every earlier one ('v003_…' after
// 'v002_accounts_kdf' and 'push_…'), because Kysely refuses a new migration that sorts before one
// already run. Append-only: never edit a shipped migration, add the next one instead.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const TABLES = [
	'audit_heads',
	'audit_entries',
	'circle_invitations',
	'account_sharing_keys',
	'circle_key_wraps',
	'circle_grants',
	'circle_member_details'
] as const;

export const v003_sharing_tables: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('circle_member_details')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('care_role', 'text', (c) => c.notNull())
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('circle_label', 'text', (c) => c.notNull())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('invitation_id', 'text', (c) => c.notNull())
			.addColumn('joined_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_member_details_pk', ['circle_id', 'account_id'])
			.execute();

		await db.schema
			.createTable('circle_grants')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('account_id', 'text', (c) => c.notNull())
			.addColumn('category', 'text', (c) => c.notNull())
			.addColumn('access', 'text', (c) => c.notNull())
			.addColumn('until', 'bigint')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_grants_pk', ['circle_id', 'account_id', 'category'])
			.execute();

		await db.schema
			.createTable('circle_key_wraps')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('account_id', 'text', (c) => c.notNull())
			.addColumn('category', 'text', (c) => c.notNull())
			.addColumn('key_id', 'text', (c) => c.notNull())
			.addColumn('wrapped', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('circle_key_wraps_pk', [
				'circle_id',
				'account_id',
				'category',
				'key_id'
			])
			.execute();

		await db.schema
			.createTable('account_sharing_keys')
			.addColumn('account_id', 'text', (c) =>
				c.primaryKey().references('accounts.id').onDelete('cascade')
			)
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('circle_invitations')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('lookup_hash', 'text', (c) => c.notNull().unique())
			.addColumn('server_key', 'text', (c) => c.notNull())
			.addColumn('care_role', 'text', (c) => c.notNull())
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('proposed_grants', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('used_at', 'bigint')
			.addColumn('accepted_by', 'text')
			.addColumn('accepted_public_key', 'text')
			.addColumn('accepted_proof', 'text')
			.addColumn('confirmed_at', 'bigint')
			.addColumn('revoked_at', 'bigint')
			.execute();
		await db.schema
			.createIndex('circle_invitations_circle')
			.on('circle_invitations')
			.column('circle_id')
			.execute();

		await db.schema
			.createTable('audit_entries')
			.addColumn('circle_id', 'text', (c) =>
				c.notNull().references('circles.id').onDelete('cascade')
			)
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('actor_account_id', 'text', (c) => c.notNull())
			.addColumn('subject_account_id', 'text', (c) => c.notNull())
			.addColumn('category', 'text')
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('at', 'bigint', (c) => c.notNull())
			.addColumn('prev_hash', 'text', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('audit_entries_pk', ['circle_id', 'seq'])
			.execute();

		await db.schema
			.createTable('audit_heads')
			.addColumn('circle_id', 'text', (c) =>
				c.primaryKey().references('circles.id').onDelete('cascade')
			)
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.execute();
	},
	async down(db: Kysely<unknown>) {
		for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
	}
};

/**
 * The member an access-log entry is about (granted, revoked, member-removed, invitation-accepted).
 * Nullable: older entries keep null, which the log reads as no `target`, so their hashes hold.
 */
export const v005_audit_target: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('audit_entries').addColumn('target_account_id', 'text').execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.alterTable('audit_entries').dropColumn('target_account_id').execute();
	}
};

/**
 * Identity keys (issue 12, the Signal model): the owner's ECDSA identity key and its proof under
 * the invitation secret (so the invitee can check the owner's keys), the invitee's identity key
 * with the acceptance, and each member's. Public values only; nullable so rows made before it stay
 * valid (their members show as "not verified" until the two people compare a safety code).
 */
export const v008_identity_keys: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('account_sharing_keys').addColumn('identity_key', 'text').execute();
		await db.schema.alterTable('circle_member_details').addColumn('identity_key', 'text').execute();
		await db.schema
			.alterTable('circle_invitations')
			.addColumn('owner_identity_key', 'text')
			.execute();
		await db.schema.alterTable('circle_invitations').addColumn('owner_proof', 'text').execute();
		await db.schema
			.alterTable('circle_invitations')
			.addColumn('accepted_identity_key', 'text')
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.alterTable('circle_invitations').dropColumn('accepted_identity_key').execute();
		await db.schema.alterTable('circle_invitations').dropColumn('owner_proof').execute();
		await db.schema.alterTable('circle_invitations').dropColumn('owner_identity_key').execute();
		await db.schema.alterTable('circle_member_details').dropColumn('identity_key').execute();
		await db.schema.alterTable('account_sharing_keys').dropColumn('identity_key').execute();
	}
};

/**
 * v017: the circle roster, one row per circle — the member list the person's device signed, with
 * its version (the server refuses to go back; members' devices check the signature themselves).
 */
export const v017_circle_rosters: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('circle_rosters')
			.addColumn('circle_id', 'text', (c) =>
				c.primaryKey().references('circles.id').onDelete('cascade')
			)
			.addColumn('version', 'bigint', (c) => c.notNull())
			.addColumn('signed', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('circle_rosters').execute();
	}
};

/** The circle migrations by name, in order, for the main migration provider. */
export const circleMigrations: Readonly<Record<string, Migration>> = {
	v003_sharing_tables,
	v005_audit_target,
	v008_identity_keys,
	v017_circle_rosters
};
