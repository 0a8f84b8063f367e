// The anonymous experience-survey tables as Kysely sees them (created by ./migrations.ts). Callers
// holding the main `Kysely<Database>` reach them with `db.$extendTables<SurveyBallotDatabase>()`.
// What is stored: the SHA-256 of each single-use token a team issued (deleted when used), and each
// answer as ciphertext to the team's survey key with its survey id and a coarse ISO week. No
// account, session, circle, device, IP or exact time, ever.
export interface SurveyTokensTable {
	readonly token_hash: string;
	readonly survey_id: string;
	readonly expires_at: number;
}

export interface SurveyAnswersTable {
	/** A random UUID (v4: no time in it). */
	readonly id: string;
	readonly survey_id: string;
	/** ISO week of receipt, e.g. `2026-W49`. */
	readonly week: string;
	readonly ciphertext: string;
}

/** A published campaign: the publisher's account (to let only it read answers), never a person. */
export interface SurveyCampaignsTable {
	readonly id: string;
	readonly publisher_account_id: string;
	/** The team it was published for (null: the publisher alone). */
	readonly team_id: string | null;
	/** The team key version `sealed_key` is sealed to (team campaigns only). */
	readonly team_key_version: number | null;
	/** The survey private key sealed to the team public key (opaque; team campaigns only). */
	readonly sealed_key: string | null;
	readonly questionnaire_id: string;
	readonly public_key: string;
	readonly identity_key: string;
	readonly signature: string;
	readonly closes_at: number;
	readonly created_at: number;
}

/** A "you said, we did" notice, signed by the publisher's identity key (verified on devices). */
export interface SurveyUpdatesTable {
	readonly id: string;
	readonly survey_id: string;
	readonly published_at: number;
	readonly en: string;
	readonly fr: string;
	readonly signature: string;
}

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type SurveyBallotDatabase = {
	readonly survey_tokens: SurveyTokensTable;
	readonly survey_answers: SurveyAnswersTable;
	readonly survey_campaigns: SurveyCampaignsTable;
	readonly survey_updates: SurveyUpdatesTable;
};
