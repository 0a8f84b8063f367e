// Shared helpers of the circle module: who owns a circle, reading grants back from rows, and
// checking that the wraps a person uploads only cover categories they actually grant.
import type { Grant } from '$lib/domain/circle';
import { grantSchema } from '$lib/domain/circle';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export type Executor = Kysely<Database> | Transaction<Database>;

export async function circleOwner(db: Executor, circleId: string): Promise<string | null> {
	const row = await db
		.selectFrom('circles')
		.select('owner_account_id')
		.where('id', '=', circleId)
		.executeTakeFirst();
	return row?.owner_account_id ?? null;
}

export function grantsFromRows(
	rows: readonly { category: string; access: string; until: number | null }[]
): Grant[] {
	return rows.flatMap((r) => {
		const parsed = grantSchema.safeParse({
			category: r.category,
			access: r.access,
			until: r.until
		});
		return parsed.success ? [parsed.data] : [];
	});
}

export async function memberGrants(
	db: Executor,
	circleId: string,
	accountId: string
): Promise<Grant[]> {
	return grantsFromRows(
		await db
			.selectFrom('circle_grants')
			.select(['category', 'access', 'until'])
			.where('circle_id', '=', circleId)
			.where('account_id', '=', accountId)
			.execute()
	);
}

/** Grants must not already be over, and wraps only for granted categories. */
export function grantsAreValid(
	grants: readonly Grant[],
	wraps: readonly { readonly category: string }[],
	now: number
): boolean {
	const granted = new Set<string>(grants.map((g) => g.category));
	return (
		grants.every((g) => g.until === null || g.until > now) &&
		wraps.every((w) => granted.has(w.category))
	);
}

export async function insertGrants(
	trx: Executor,
	circleId: string,
	accountId: string,
	grants: readonly Grant[],
	now: number
): Promise<void> {
	if (grants.length === 0) return;
	await trx
		.insertInto('circle_grants')
		.values(
			grants.map((g) => ({
				circle_id: circleId,
				account_id: accountId,
				category: g.category,
				access: g.access,
				until: g.until,
				created_at: now
			}))
		)
		.execute();
}

export async function insertWraps(
	trx: Executor,
	circleId: string,
	accountId: string,
	wraps: readonly { category: string; keyId: string; wrapped: string }[],
	now: number
): Promise<void> {
	for (const w of wraps) {
		await trx
			.insertInto('circle_key_wraps')
			.values({
				circle_id: circleId,
				account_id: accountId,
				category: w.category,
				key_id: w.keyId,
				wrapped: w.wrapped,
				created_at: now
			})
			.onConflict((oc) =>
				oc
					.columns(['circle_id', 'account_id', 'category', 'key_id'])
					.doUpdateSet({ wrapped: w.wrapped, created_at: now })
			)
			.execute();
	}
}
