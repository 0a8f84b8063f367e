// The circle roster on the server (contract `putRosterRequestSchema` / `rosterResponseSchema`): one
// row per circle holding the member list the person's device signed. The server cannot make one
// (it has no key of the person) and does not need to read it: it keeps the newest one it was given
// and hands it to the person and her members. Invariants: only the circle's owner writes it, and
// only with a version above the stored one (a conditional upsert, so two devices of the person
// racing cannot move it back); only the owner and current members (direct, or through a care team)
// read it; anything else is 403. A lying server could still serve an old or altered list; each
// member's device refuses it (signature against the pinned owner key, highest version kept).
import type { PutRosterRequest, RosterResponse } from '$lib/contracts/circle';
import { signedRosterSchema } from '$lib/domain/circle/roster';
import { err, ok, type Result } from '$lib/domain/result';
import type { DbHandle } from '../db';
import type { Issue } from '../http/errors';
import type { Permissions } from '../sync/permissions';
import { circleOwner } from './common';

export type RosterError =
	| { readonly type: 'forbidden' }
	| { readonly type: 'invalid-body'; readonly issues: readonly Issue[] }
	| { readonly type: 'roster-stale' };

export function createRosters(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly permissions: Permissions;
}) {
	const { db } = deps.db;

	async function read(
		accountId: string,
		circleId: string
	): Promise<Result<RosterResponse, RosterError>> {
		const access = await deps.permissions.loadAccess(accountId, circleId);
		if (access === null) return err({ type: 'forbidden' });
		const row = await db
			.selectFrom('circle_rosters')
			.select('signed')
			.where('circle_id', '=', circleId)
			.executeTakeFirst();
		if (row === undefined) return ok({ signed: null });
		let json: unknown;
		try {
			json = JSON.parse(row.signed);
		} catch {
			return ok({ signed: null });
		}
		const parsed = signedRosterSchema.safeParse(json);
		return ok({ signed: parsed.success ? parsed.data : null });
	}

	async function write(
		accountId: string,
		circleId: string,
		body: PutRosterRequest
	): Promise<Result<null, RosterError>> {
		if ((await circleOwner(db, circleId)) !== accountId) return err({ type: 'forbidden' });
		const signed = signedRosterSchema.parse(body.signed);
		if (signed.roster.circleId !== circleId)
			return err({
				type: 'invalid-body',
				issues: [{ path: ['signed', 'roster', 'circleId'], message: 'another circle' }]
			});
		const version = signed.roster.version;
		const text = JSON.stringify(signed);
		const now = deps.now();
		const result = await db
			.insertInto('circle_rosters')
			.values({ circle_id: circleId, version, signed: text, updated_at: now })
			.onConflict((oc) =>
				oc
					.column('circle_id')
					.doUpdateSet({ version, signed: text, updated_at: now })
					.where('circle_rosters.version', '<', version)
			)
			.executeTakeFirst();
		return Number(result.numInsertedOrUpdatedRows ?? 0n) === 0
			? err({ type: 'roster-stale' })
			: ok(null);
	}

	return { read, write };
}
