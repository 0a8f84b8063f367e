// Access-log tables (DESIGN: Server, Audit), created by server/circle/migrations.ts. One row per
// entry, hash-chained per circle (src/lib/domain/audit), plus a head row per circle that is both
// the append lock and an anchor: deleting the newest entries no longer matches the head.
export interface AuditEntriesTable {
	readonly circle_id: string;
	readonly seq: number;
	readonly actor_account_id: string;
	readonly subject_account_id: string;
	/** The member the entry is about (added by v005_audit_target); null maps to no `target`. */
	readonly target_account_id: string | null;
	readonly category: string | null;
	readonly action: string;
	readonly at: number;
	readonly prev_hash: string;
	readonly hash: string;
}

export interface AuditHeadsTable {
	readonly circle_id: string;
	readonly seq: number;
	readonly hash: string;
}

export interface AuditDatabase {
	readonly audit_entries: AuditEntriesTable;
	readonly audit_heads: AuditHeadsTable;
}
