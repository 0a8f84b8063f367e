// Circle-of-care tables (issue 5), created by ./migrations.ts. The server stores who is in which
// circle with which grants, public keys and opaque wrapped category keys; never a secret, never a
// category key in the clear. Invitations keep only SHA-256(lookup id) and the one-way server key.
import type { AuditDatabase } from '../audit/schema';

export type MemberStatus = 'pending' | 'active';

export interface CircleMemberDetailsTable {
	readonly circle_id: string;
	readonly account_id: string;
	/** A care role from src/lib/domain/circle (carer, nurse, …). */
	readonly care_role: string;
	/** How the circle shows this member ("Claire"), set by the person. */
	readonly label: string;
	/** How the member names this circle ("Maman"), set by the member on accept. */
	readonly circle_label: string;
	/** The public key proved with the invitation (base64url raw P-256). */
	readonly public_key: string;
	/** The member's ECDSA identity key (v008; null for members who joined before it). */
	readonly identity_key: string | null;
	readonly status: MemberStatus;
	readonly invitation_id: string;
	readonly joined_at: number;
}

export interface CircleGrantsTable {
	readonly circle_id: string;
	readonly account_id: string;
	readonly category: string;
	readonly access: string;
	readonly until: number | null;
	readonly created_at: number;
}

export interface CircleKeyWrapsTable {
	readonly circle_id: string;
	readonly account_id: string;
	readonly category: string;
	readonly key_id: string;
	readonly wrapped: string;
	readonly created_at: number;
}

export interface AccountSharingKeysTable {
	readonly account_id: string;
	readonly public_key: string;
	readonly identity_key: string | null;
	readonly updated_at: number;
}

export interface CircleInvitationsTable {
	readonly id: string;
	readonly circle_id: string;
	/** SHA-256 hex of the lookup id (itself an HMAC of the link secret). */
	readonly lookup_hash: string;
	/** HMAC(secret, "server-key"): lets the server check accepts, never the person's proof. */
	readonly server_key: string;
	readonly care_role: string;
	readonly label: string;
	/** JSON array of proposed grants. */
	readonly proposed_grants: string;
	readonly created_at: number;
	readonly expires_at: number;
	readonly failure_count: number;
	readonly used_at: number | null;
	readonly accepted_by: string | null;
	readonly accepted_public_key: string | null;
	readonly accepted_identity_key: string | null;
	/** The owner's identity key and its HMAC under the link secret (checked by the invitee). */
	readonly owner_identity_key: string | null;
	readonly owner_proof: string | null;
	readonly accepted_proof: string | null;
	readonly confirmed_at: number | null;
	/** Set when the person cancelled it or it died after too many failed accepts. */
	readonly revoked_at: number | null;
}

/** The member list the person signed (v017): kept as given, checked on members' devices. */
export interface CircleRostersTable {
	readonly circle_id: string;
	readonly version: number;
	/** The signed roster as JSON (public values: ids, roles, labels, identity keys). */
	readonly signed: string;
	readonly updated_at: number;
}

export interface CircleDatabase extends AuditDatabase {
	readonly circle_rosters: CircleRostersTable;
	readonly circle_member_details: CircleMemberDetailsTable;
	readonly circle_grants: CircleGrantsTable;
	readonly circle_key_wraps: CircleKeyWrapsTable;
	readonly account_sharing_keys: AccountSharingKeysTable;
	readonly circle_invitations: CircleInvitationsTable;
}
