// Anonymous experience-survey tables, for the one server migration set (server/db/migrations.ts
// adds them under their name, which sorts after the earlier v0xx migrations). Append-only.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const v011_survey_ballots: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('survey_tokens')
			.addColumn('token_hash', 'text', (c) => c.primaryKey())
			.addColumn('survey_id', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('survey_answers')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('survey_id', 'text', (c) => c.notNull())
			.addColumn('week', 'text', (c) => c.notNull())
			.addColumn('ciphertext', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('survey_answers_survey')
			.on('survey_answers')
			.column('survey_id')
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('survey_answers').execute();
		await db.schema.dropTable('survey_tokens').execute();
	}
};

/**
 * Campaigns (who published a survey, with its signed public key; `team_id` stays null until teams
 * can publish) and their "you said, we did" notices. Tokens and answers stay unlinked to accounts.
 */
export const v013_survey_campaigns: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('survey_campaigns')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('publisher_account_id', 'text', (c) =>
				c.notNull().references('accounts.id').onDelete('cascade')
			)
			.addColumn('team_id', 'text')
			.addColumn('questionnaire_id', 'text', (c) => c.notNull())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('identity_key', 'text', (c) => c.notNull())
			.addColumn('signature', 'text', (c) => c.notNull())
			.addColumn('closes_at', 'bigint', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('survey_campaigns_publisher')
			.on('survey_campaigns')
			.column('publisher_account_id')
			.execute();
		await db.schema
			.createTable('survey_updates')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('survey_id', 'text', (c) =>
				c.notNull().references('survey_campaigns.id').onDelete('cascade')
			)
			.addColumn('published_at', 'bigint', (c) => c.notNull())
			.addColumn('en', 'text', (c) => c.notNull())
			.addColumn('fr', 'text', (c) => c.notNull())
			.addColumn('signature', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('survey_updates_survey')
			.on('survey_updates')
			.column('survey_id')
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('survey_updates').execute();
		await db.schema.dropTable('survey_campaigns').execute();
	}
};

/**
 * Campaigns published by a team: the team key version the survey private key is sealed to, and
 * that sealed key (opaque). `team_id` (v013) names the team.
 */
export const v016_survey_team_keys: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.alterTable('survey_campaigns')
			.addColumn('team_key_version', 'integer')
			.execute();
		await db.schema.alterTable('survey_campaigns').addColumn('sealed_key', 'text').execute();
		await db.schema
			.createIndex('survey_campaigns_team')
			.on('survey_campaigns')
			.column('team_id')
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('survey_campaigns_team').execute();
		await db.schema.alterTable('survey_campaigns').dropColumn('sealed_key').execute();
		await db.schema.alterTable('survey_campaigns').dropColumn('team_key_version').execute();
	}
};

export const surveyMigrations: Readonly<Record<string, Migration>> = {
	v011_survey_ballots,
	v013_survey_campaigns,
	v016_survey_team_keys
};
