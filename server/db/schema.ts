// The server's tables as Kysely sees them, for SQLite and PostgreSQL alike. Only portable column
// types are used: text, integers (int8 parsed as JS numbers on PostgreSQL, see db/index.ts) and
// 0/1 integers for booleans, so one query builder code path serves both dialects.
import type { Generated, Insertable, Selectable } from 'kysely';
import type { CircleDatabase } from '../circle/schema';
import type { PushDatabase } from '../push/schema';

export interface AccountsTable {
	readonly id: string;
	readonly login: string;
	readonly auth_hash: string;
	readonly wrapped_keys: string;
	readonly created_at: number;
}

export interface SessionsTable {
	/** SHA-256 hex of the session token; the token itself is never stored. */
	readonly id: string;
	readonly account_id: string;
	readonly created_at: number;
	readonly expires_at: number;
	readonly last_seen_at: number;
	readonly user_agent: string;
}

export interface RateLimitsTable {
	/** SHA-256 hex of the limited subject (login or IP), never the subject itself. */
	readonly key: string;
	readonly window_start: number;
	readonly count: number;
}

export interface DevicesTable {
	readonly id: string;
	readonly account_id: string;
	readonly created_at: number;
}

export interface CirclesTable {
	readonly id: string;
	readonly owner_account_id: string;
	/** Last seq allocated in this circle; bumped in the same transaction as the envelope insert. */
	readonly seq: Generated<number>;
	readonly created_at: number;
}

export type CircleRole = 'owner' | 'member';

export interface CircleMembersTable {
	readonly circle_id: string;
	readonly account_id: string;
	readonly role: CircleRole;
	readonly created_at: number;
}

export interface EnvelopesTable {
	readonly circle_id: string;
	readonly seq: number;
	readonly record_id: string;
	readonly hlc: string;
	readonly category: string;
	readonly key_id: string;
	readonly device_id: string;
	readonly iv: string;
	readonly ciphertext: string;
	readonly deleted: number;
	readonly received_at: number;
}

/** Every table of the one schema; feature modules (push, …) contribute their own tables. */
export interface Database extends PushDatabase, CircleDatabase {
	readonly accounts: AccountsTable;
	readonly sessions: SessionsTable;
	readonly rate_limits: RateLimitsTable;
	readonly devices: DevicesTable;
	readonly circles: CirclesTable;
	readonly circle_members: CircleMembersTable;
	readonly envelopes: EnvelopesTable;
}

export type SessionRow = Selectable<SessionsTable>;
export type EnvelopeRow = Selectable<EnvelopesTable>;
export type NewEnvelope = Insertable<EnvelopesTable>;
