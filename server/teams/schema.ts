// Care-team tables (issue 14 §1), created by ./migrations.ts `v012_teams`. The server keeps who is
// in which team with which role, the team's public keys and the signatures over them, the team
// private key sealed to each member (opaque), invitations by one-way tags, and which circles a
// team was invited into with the person's grants and the category keys wrapped to the team key
// (opaque). Never a private key, an invitation secret or a category key in the clear. Callers
// reach the tables with `db.$extendTables<TeamDatabase>()`.

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type TeamDatabase = {
	readonly teams: {
		readonly id: string;
		readonly name: string;
		readonly kind: string;
		readonly created_by: string;
		readonly key_version: number;
		readonly public_key: string;
		readonly key_signature: string;
		/** The member whose identity signed the current key version. */
		readonly key_signer: string;
		/** 1 after a member left or was removed, until an admin rotates the key. */
		readonly rotation_pending: number;
		readonly created_at: number;
	};
	readonly team_members: {
		readonly team_id: string;
		readonly account_id: string;
		readonly role: string;
		readonly label: string;
		readonly identity_key: string;
		readonly sharing_key: string;
		readonly joined_at: number;
	};
	readonly team_key_wraps: {
		readonly team_id: string;
		readonly account_id: string;
		readonly key_version: number;
		readonly wrapped: string;
		/** The member who sealed it (whose identity signed it). */
		readonly sealed_by: string;
		readonly created_at: number;
	};
	readonly team_invitations: {
		readonly id: string;
		readonly team_id: string;
		readonly lookup_hash: string;
		readonly server_key: string;
		readonly role: string;
		readonly invited_by: string;
		readonly inviter_proof: string;
		readonly created_at: number;
		readonly expires_at: number;
		readonly failure_count: number;
		readonly accepted_by: string | null;
		readonly accepted_label: string | null;
		readonly accepted_identity_key: string | null;
		readonly accepted_sharing_key: string | null;
		readonly accepted_proof: string | null;
		readonly confirmed_at: number | null;
	};
	readonly circle_teams: {
		readonly circle_id: string;
		readonly team_id: string;
		readonly label: string;
		/** The team key version the person's category-key wraps target. */
		readonly key_version: number;
		readonly owner_identity_key: string | null;
		readonly attested_by: string | null;
		readonly attestation: string | null;
		readonly joined_at: number;
	};
	readonly circle_team_grants: {
		readonly circle_id: string;
		readonly team_id: string;
		readonly category: string;
		readonly access: string;
		readonly until: number | null;
		readonly created_at: number;
	};
	readonly circle_team_key_wraps: {
		readonly circle_id: string;
		readonly team_id: string;
		readonly category: string;
		readonly key_id: string;
		readonly key_version: number;
		readonly wrapped: string;
		readonly created_at: number;
	};
};
