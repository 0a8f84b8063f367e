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

export const surveyMigrations: Readonly<Record<string, Migration>> = {
	v011_survey_ballots
};
