// The account tables added after the initial schema (created by ./migrations.ts), as Kysely sees
// them. Callers holding the main `Kysely<Database>` reach them with
// `db.$extendTables<AuthDatabase>()`. What is stored: the account's public KDF parameters (a JSON
// string of algorithm, costs and salt: what any device needs before it can derive the auth key)
// and one server-wide secret that makes fake KDF parameters for unknown logins stable.
import type { AccountsTable } from '../db/schema';

export interface ServerSecretsTable {
	readonly name: string;
	/** base64url of 32 random bytes. */
	readonly value: string;
	readonly created_at: number;
}

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type AuthDatabase = {
	readonly accounts: AccountsTable & {
		/** JSON of the public KDF parameters; null for accounts created before they were stored. */
		readonly kdf: string | null;
	};
	readonly server_secrets: ServerSecretsTable;
};
