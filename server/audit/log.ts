// Appends to and reads the per-circle access log. `append` runs inside the caller's transaction,
// so an entry exists exactly when the action it records was committed. The head row is locked
// (`update … returning`) before the next entry is computed, so concurrent appends on PostgreSQL
// serialise and the chain never forks; reading re-verifies the whole chain against the head.
import {
	GENESIS_HASH,
	auditActionSchema,
	nextAuditEntry,
	verifyChain,
	type AuditEntry,
	type AuditFields,
	type ChainCheck
} from '$lib/domain/audit';
import { categorySchema } from '$lib/domain/categories';
import type { Kysely, Transaction } from 'kysely';
import { takeRate, type RateRule } from '../auth/rate-limit';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function appendAudit(trx: Executor, fields: AuditFields): Promise<AuditEntry> {
	await trx
		.insertInto('audit_heads')
		.values({ circle_id: fields.circleId, seq: 0, hash: GENESIS_HASH })
		.onConflict((oc) => oc.column('circle_id').doNothing())
		.execute();
	const head = await trx
		.updateTable('audit_heads')
		.set((eb) => ({ seq: eb('seq', '+', 0) }))
		.where('circle_id', '=', fields.circleId)
		.returning(['seq', 'hash'])
		.executeTakeFirstOrThrow();
	const entry = nextAuditEntry(head.seq === 0 ? null : head, fields);
	await trx
		.insertInto('audit_entries')
		.values({
			circle_id: entry.circleId,
			seq: entry.seq,
			actor_account_id: entry.actor,
			subject_account_id: entry.subject,
			target_account_id: entry.target ?? null,
			category: entry.category,
			action: entry.action,
			at: entry.at,
			prev_hash: entry.prevHash,
			hash: entry.hash
		})
		.execute();
	await trx
		.updateTable('audit_heads')
		.set({ seq: entry.seq, hash: entry.hash })
		.where('circle_id', '=', fields.circleId)
		.execute();
	return entry;
}

/** Appends several entries in their own transaction (pull, which reads outside one). */
export async function appendAuditBatch(
	db: Kysely<Database>,
	entries: readonly AuditFields[]
): Promise<void> {
	if (entries.length === 0) return;
	await db.transaction().execute(async (trx) => {
		for (const fields of entries) await appendAudit(trx, fields);
	});
}

/**
 * Refusal entries per (account, circle): at most 20 an hour. Beyond, refusals are still refused
 * but no longer written, so nobody who knows a circle id can flood the person's log (the counter
 * lives in rate_limits under a SHA-256 key and is pruned after a day).
 */
export const REFUSAL_LOG_RULE: RateRule = { limit: 20, windowMs: 60 * 60 * 1000 };

/**
 * Appends a `refused` entry within the caller's transaction unless this actor already filled its
 * REFUSAL_LOG_RULE allowance for the circle. Every refusal entry goes through here.
 */
export async function appendRefusal(
	trx: Executor,
	fields: Omit<AuditFields, 'action'>
): Promise<boolean> {
	const wait = await takeRate(
		trx,
		`refusal:${fields.circleId}:${fields.actor}`,
		REFUSAL_LOG_RULE,
		fields.at
	);
	if (wait > 0) return false;
	await appendAudit(trx, { ...fields, action: 'refused' });
	return true;
}

/**
 * A refused request that concerns a person's data: appended to that circle's log when the circle
 * exists (unknown circle ids log nothing), rate-limited by appendRefusal. Used by pull and push.
 */
export async function auditRefusal(
	db: Kysely<Database>,
	input: {
		readonly circleId: string;
		readonly actor: string;
		readonly at: number;
		readonly category?: AuditFields['category'];
	}
): Promise<void> {
	const circle = await db
		.selectFrom('circles')
		.select('owner_account_id')
		.where('id', '=', input.circleId)
		.executeTakeFirst();
	if (circle === undefined) return;
	await db.transaction().execute(async (trx) => {
		await appendRefusal(trx, {
			circleId: input.circleId,
			actor: input.actor,
			subject: circle.owner_account_id,
			category: input.category ?? null,
			at: input.at
		});
	});
}

export interface AuditLogView {
	readonly entries: readonly AuditEntry[];
	readonly head: { readonly seq: number; readonly hash: string };
	readonly check: ChainCheck;
}

export async function readAudit(db: Kysely<Database>, circleId: string): Promise<AuditLogView> {
	const rows = await db
		.selectFrom('audit_entries')
		.selectAll()
		.where('circle_id', '=', circleId)
		.orderBy('seq')
		.execute();
	const headRow = await db
		.selectFrom('audit_heads')
		.select(['seq', 'hash'])
		.where('circle_id', '=', circleId)
		.executeTakeFirst();
	const head = headRow ?? { seq: 0, hash: GENESIS_HASH };
	const entries: AuditEntry[] = rows.map((r) => ({
		seq: r.seq,
		circleId: r.circle_id,
		actor: r.actor_account_id,
		subject: r.subject_account_id,
		// A null column is an absent field, never `null`: entries without a target hash as before.
		...(r.target_account_id === null ? {} : { target: r.target_account_id }),
		// Unknown values are kept as-is in the hash check below by failing it, never hidden.
		category: r.category === null ? null : (categorySchema.safeParse(r.category).data ?? null),
		action: auditActionSchema.safeParse(r.action).data ?? 'refused',
		at: r.at,
		prevHash: r.prev_hash,
		hash: r.hash
	}));
	const altered = rows.some(
		(r) =>
			(r.category !== null && !categorySchema.safeParse(r.category).success) ||
			!auditActionSchema.safeParse(r.action).success
	);
	const check: ChainCheck = altered
		? { ok: false, error: { type: 'hash-mismatch', seq: 0 } }
		: verifyChain(entries, head);
	return { entries, head, check };
}
