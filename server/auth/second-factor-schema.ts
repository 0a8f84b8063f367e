// The second-factor tables (created by ./migrations.ts `v012_account_totp`), as Kysely sees them.
// Callers holding the main `Kysely<Database>` reach them with
// `db.$extendTables<SecondFactorDatabase>()`. What is stored: the account's kind, its TOTP secret
// (an authentication secret like a password hash, never health data), the last step accepted (so a
// code cannot be replayed) and the SHA-256 of each unused recovery code.

export type AccountKind = 'person' | 'professional';

export interface AccountTotpTable {
	readonly account_id: string;
	/** Hex of the 20-byte shared secret. */
	readonly secret: string;
	/** 0 while enrolling (secret shown, no code confirmed yet), 1 once a code confirmed it. */
	readonly confirmed: number;
	/** The TOTP step of the last code accepted; null before the first. */
	readonly last_step: number | null;
	readonly created_at: number;
}

export interface AccountRecoveryCodesTable {
	readonly account_id: string;
	/** SHA-256 hex of the normalised code (server/auth/totp.ts `hashRecoveryCode`). */
	readonly code_hash: string;
}

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type SecondFactorDatabase = {
	readonly account_kinds: { readonly account_id: string; readonly kind: AccountKind };
	readonly account_totp: AccountTotpTable;
	readonly account_recovery_codes: AccountRecoveryCodesTable;
};
