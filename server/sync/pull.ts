// Pull: pages a circle's envelopes by the server-assigned seq, filtered to the categories the
// account may read. Paging is by seq only (never by client time), so any number of records with
// the same timestamp come back exactly once across pages. When a member (not the owner) receives
// records of a category, one `pulled` access-log entry per category is appended (no content); a
// refused pull of an existing circle appends a `refused` entry.
// Restore detection (contract: pullResponseSchema `epoch`, `reset`): every page carries the
// database's epoch; a checkpoint beyond the circle's newest seq, or a `sinceId` that is not the
// record stored at seq `since`, answers an empty page with `reset: true` and checkpoint 0. A
// missing row at `since` is not a reset: compaction may have removed that superseded version.
import type { Category } from '$lib/domain/categories';
import { PULL_MAX_BYTES, type EnvelopeOut } from '$lib/contracts/sync';
import { categorySchema } from '$lib/domain/categories';
import { appendAuditBatch, auditRefusal } from '../audit/log';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import type { Permissions } from './permissions';

export interface PullInput {
	readonly circle: string;
	readonly since: number;
	readonly limit: number;
	readonly sinceId?: string | undefined;
}

export interface PullPage {
	readonly envelopes: readonly EnvelopeOut[];
	readonly checkpoint: number;
	readonly hasMore: boolean;
	readonly reset: boolean;
}

export type PullError = { readonly type: 'forbidden' };

export function createPull(deps: {
	readonly db: DbHandle;
	readonly permissions: Permissions;
	readonly now: () => number;
}) {
	const { db } = deps.db;

	/** true when the server's copy cannot contain what the device already saw at `since`. */
	const checkpointUnknown = async (input: PullInput): Promise<boolean> => {
		const circle = await db
			.selectFrom('circles')
			.select('seq')
			.where('id', '=', input.circle)
			.executeTakeFirst();
		if (circle === undefined || input.since > circle.seq) return true;
		if (input.sinceId === undefined) return false;
		const at = await db
			.selectFrom('envelopes')
			.select('record_id')
			.where('circle_id', '=', input.circle)
			.where('seq', '=', input.since)
			.executeTakeFirst();
		return at !== undefined && at.record_id !== input.sinceId;
	};

	return async function pull(
		accountId: string,
		input: PullInput
	): Promise<Result<PullPage, PullError>> {
		const access = await deps.permissions.loadAccess(accountId, input.circle);
		if (access === null) {
			// Someone outside the circle (e.g. a removed member) asked for the person's data.
			await auditRefusal(db, { circleId: input.circle, actor: accountId, at: deps.now() });
			return err({ type: 'forbidden' });
		}
		if (input.since > 0 && (await checkpointUnknown(input))) {
			return ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true });
		}
		const readable: Category[] = [...access.readable];
		if (readable.length === 0)
			return ok({ envelopes: [], checkpoint: input.since, hasMore: false, reset: false });

		const rows = await db
			.selectFrom('envelopes')
			.selectAll()
			.where('circle_id', '=', input.circle)
			.where('seq', '>', input.since)
			.where('category', 'in', readable)
			.orderBy('seq')
			.limit(input.limit + 1)
			.execute();
		const candidates = rows.slice(0, input.limit);
		// Bound the response size too: stop before PULL_MAX_BYTES of ciphertext (at least one row).
		let bytes = 0;
		const cut = candidates.findIndex((r, i) => {
			bytes += r.ciphertext.length;
			return i > 0 && bytes > PULL_MAX_BYTES;
		});
		const page = cut === -1 ? candidates : candidates.slice(0, cut);
		const envelopes = page.map((r): EnvelopeOut => ({
			id: r.record_id,
			hlc: r.hlc,
			seq: r.seq,
			category: categorySchema.parse(r.category),
			keyId: r.key_id,
			deviceId: r.device_id,
			iv: r.iv,
			ciphertext: r.ciphertext,
			deleted: r.deleted === 1
		}));
		if (access.role !== 'owner' && envelopes.length > 0) {
			const owner = await db
				.selectFrom('circles')
				.select('owner_account_id')
				.where('id', '=', input.circle)
				.executeTakeFirstOrThrow();
			const at = deps.now();
			await appendAuditBatch(
				db,
				[...new Set(envelopes.map((e) => e.category))].map((category) => {
					// Read through a care team: the entry names the team too (as its target).
					const team = access.throughTeam?.get(category);
					return {
						circleId: input.circle,
						actor: accountId,
						subject: owner.owner_account_id,
						...(team === undefined ? {} : { target: team }),
						category,
						action: 'pulled' as const,
						at
					};
				})
			);
		}
		return ok({
			envelopes,
			checkpoint: page.at(-1)?.seq ?? input.since,
			hasMore: rows.length > page.length,
			reset: false
		});
	};
}

export type Pull = ReturnType<typeof createPull>;
