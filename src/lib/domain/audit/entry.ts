// The access log's entry as it travels (its actions and its shape), without the hash chain.
// Why apart from index.ts: the circle contracts parse entries on every device, and Today reaches
// those contracts; the chain's SHA-256 (index.ts) is only needed where a log is written or checked.
// index.ts re-exports everything here.
import * as z from 'zod';
import { categorySchema } from '../categories';

export const AUDIT_ACTIONS = [
	'pulled',
	'granted',
	'revoked',
	'invited',
	'invitation-accepted',
	'exported',
	'deleted',
	'member-removed',
	'key-rotated',
	'refused'
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const GENESIS_HASH = '0'.repeat(64);

export const auditEntrySchema = z.object({
	seq: z.number().int().positive(),
	circleId: z.string(),
	actor: z.string(),
	subject: z.string(),
	/** The member the action is about (absent on entries about nobody, and on older entries). */
	target: z.string().optional(),
	category: z.nullable(categorySchema),
	action: auditActionSchema,
	at: z.number().int(),
	prevHash: z.string().regex(/^[0-9a-f]{64}$/),
	hash: z.string().regex(/^[0-9a-f]{64}$/)
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash'>;
