// Pull: pages a circle's envelopes by the server-assigned seq, filtered to the categories the
// account may read. Paging is by seq only (never by client time), so any number of records with
// the same timestamp come back exactly once across pages.
import type { Category } from '$lib/domain/categories';
import type { EnvelopeOut } from '$lib/contracts/sync';
import { categorySchema } from '$lib/domain/categories';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '../result';
import type { Permissions } from './permissions';

export interface PullInput {
	readonly circle: string;
	readonly since: number;
	readonly limit: number;
}

export interface PullPage {
	readonly envelopes: readonly EnvelopeOut[];
	readonly checkpoint: number;
	readonly hasMore: boolean;
}

export type PullError = { readonly type: 'forbidden' };

export function createPull(deps: { readonly db: DbHandle; readonly permissions: Permissions }) {
	const { db } = deps.db;
	return async function pull(
		accountId: string,
		input: PullInput
	): Promise<Result<PullPage, PullError>> {
		const access = await deps.permissions.loadAccess(accountId, input.circle);
		if (access === null) return err({ type: 'forbidden' });
		const readable: Category[] = [...access.readable];
		if (readable.length === 0)
			return ok({ envelopes: [], checkpoint: input.since, hasMore: false });

		const rows = await db
			.selectFrom('envelopes')
			.selectAll()
			.where('circle_id', '=', input.circle)
			.where('seq', '>', input.since)
			.where('category', 'in', readable)
			.orderBy('seq')
			.limit(input.limit + 1)
			.execute();
		const page = rows.slice(0, input.limit);
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
		return ok({
			envelopes,
			checkpoint: page.at(-1)?.seq ?? input.since,
			hasMore: rows.length > input.limit
		});
	};
}

export type Pull = ReturnType<typeof createPull>;
