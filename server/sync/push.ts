// Push: stores a batch of envelopes for one circle. Invariants:
// - idempotent by (record id, hlc): a replayed or duplicated envelope is acknowledged again with
//   its original seq and never stored twice;
// - seq is allocated under the circle row's lock (`update circles … returning seq`) in the same
//   transaction as the inserts, so on PostgreSQL with concurrent instances seqs become visible in
//   order and a puller can never skip one;
// - a record id belongs to one circle forever (else `id-conflict`) and keeps its first category
//   forever (else `category-conflict`): write access to one category never reaches a record of
//   another;
// - an HLC more than HLC_MAX_DRIFT_MS ahead of the server's clock is refused (`hlc-future`): string
//   order is the merge order, so a far-future HLC would win every later edit;
// - the device must be the session account's (first use registers it), else the batch is refused;
// - every refusal (an outsider's push, an envelope without write on its category, a category
//   conflict) is written to the circle's access log, rate-limited per account (audit/log.ts).
import type { Category } from '$lib/domain/categories';
import { HLC_MAX_DRIFT_MS, hlcMillis } from '$lib/contracts/hlc';
import type { PushAck } from '$lib/contracts/sync';
import { auditRefusal } from '../audit/log';
import type { DbHandle } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { NewEnvelope } from '../db/schema';
import { err, ok, type Result } from '$lib/domain/result';
import { canWrite, type Permissions } from './permissions';

export interface PushEnvelope {
	readonly id: string;
	readonly hlc: string;
	readonly category: Category;
	readonly keyId: string;
	readonly iv: string;
	readonly ciphertext: string;
	readonly deleted: boolean;
}

export interface PushInput {
	readonly circleId: string;
	readonly deviceId: string;
	readonly envelopes: readonly PushEnvelope[];
}

export type PushError = { readonly type: 'forbidden' };

const MAX_ATTEMPTS = 4;
const versionKey = (id: string, hlc: string): string => `${id}\u0000${hlc}`;

export function createPush(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly permissions: Permissions;
}) {
	const { db } = deps.db;

	const claimDevice = async (accountId: string, deviceId: string): Promise<boolean> => {
		for (let attempt = 0; attempt < 2; attempt++) {
			const row = await db
				.selectFrom('devices')
				.select('account_id')
				.where('id', '=', deviceId)
				.executeTakeFirst();
			if (row !== undefined) return row.account_id === accountId;
			try {
				await db
					.insertInto('devices')
					.values({ id: deviceId, account_id: accountId, created_at: deps.now() })
					.execute();
				return true;
			} catch (error) {
				if (!isUniqueViolation(error)) throw error;
			}
		}
		return false;
	};

	const store = async (
		circleId: string,
		deviceId: string,
		envelopes: readonly PushEnvelope[]
	): Promise<ReadonlyMap<string, PushAck>> =>
		db.transaction().execute(async (trx) => {
			const locked = await trx
				.updateTable('circles')
				.set((eb) => ({ seq: eb('seq', '+', 0) }))
				.where('id', '=', circleId)
				.returning('seq')
				.executeTakeFirstOrThrow();
			const ids = [...new Set(envelopes.map((e) => e.id))];
			const existing = await trx
				.selectFrom('envelopes')
				.select(['circle_id', 'record_id', 'hlc', 'seq', 'category'])
				.where('record_id', 'in', ids)
				.execute();
			const foreignIds = new Set(
				existing.filter((r) => r.circle_id !== circleId).map((r) => r.record_id)
			);
			const known = new Map(existing.map((r) => [versionKey(r.record_id, r.hlc), r.seq]));
			// The category each record id was first stored under (all its versions share it).
			const pinned = new Map(existing.map((r) => [r.record_id, r.category]));
			const acks = new Map<string, PushAck>();
			const rows: NewEnvelope[] = [];
			let seq = locked.seq;
			const receivedAt = deps.now();
			for (const e of envelopes) {
				const key = versionKey(e.id, e.hlc);
				if (acks.has(key)) continue;
				const knownSeq = known.get(key);
				const category = pinned.get(e.id);
				if (foreignIds.has(e.id)) {
					acks.set(key, { id: e.id, hlc: e.hlc, error: 'id-conflict' });
				} else if (category !== undefined && category !== e.category) {
					acks.set(key, { id: e.id, hlc: e.hlc, error: 'category-conflict' });
				} else if (knownSeq !== undefined) {
					acks.set(key, { id: e.id, hlc: e.hlc, seq: knownSeq });
				} else {
					seq += 1;
					pinned.set(e.id, e.category);
					acks.set(key, { id: e.id, hlc: e.hlc, seq });
					rows.push({
						circle_id: circleId,
						seq,
						record_id: e.id,
						hlc: e.hlc,
						category: e.category,
						key_id: e.keyId,
						device_id: deviceId,
						iv: e.iv,
						ciphertext: e.ciphertext,
						deleted: e.deleted ? 1 : 0,
						received_at: receivedAt
					});
				}
			}
			if (rows.length > 0) {
				await trx.insertInto('envelopes').values(rows).execute();
				await trx.updateTable('circles').set({ seq }).where('id', '=', circleId).execute();
			}
			return acks;
		});

	return async function push(
		accountId: string,
		input: PushInput
	): Promise<Result<readonly PushAck[], PushError>> {
		const now = deps.now();
		const refuse = (category: Category | null) =>
			auditRefusal(db, { circleId: input.circleId, actor: accountId, at: now, category });
		const access = await deps.permissions.loadAccess(accountId, input.circleId);
		if (access === null) {
			await refuse(null);
			return err({ type: 'forbidden' });
		}
		if (!(await claimDevice(accountId, input.deviceId))) return err({ type: 'forbidden' });

		const horizon = now + HLC_MAX_DRIFT_MS;
		const refusedAck = new Map<string, PushAck>();
		const allowed: PushEnvelope[] = [];
		for (const e of input.envelopes) {
			const key = versionKey(e.id, e.hlc);
			if (hlcMillis(e.hlc) > horizon)
				refusedAck.set(key, { id: e.id, hlc: e.hlc, error: 'hlc-future' });
			else if (!canWrite(access, e.category))
				refusedAck.set(key, { id: e.id, hlc: e.hlc, error: 'forbidden-category' });
			else allowed.push(e);
		}
		let stored: ReadonlyMap<string, PushAck> = new Map();
		if (allowed.length > 0) {
			for (let attempt = 1; ; attempt++) {
				try {
					stored = await store(input.circleId, input.deviceId, allowed);
					break;
				} catch (error) {
					// A concurrent push of the same record into another circle: retry sees it.
					if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
				}
			}
		}
		const acks = input.envelopes.map(
			(e): PushAck =>
				stored.get(versionKey(e.id, e.hlc)) ??
				refusedAck.get(versionKey(e.id, e.hlc)) ?? {
					id: e.id,
					hlc: e.hlc,
					error: 'forbidden-category'
				}
		);
		// One log entry per refused category (an envelope without write, or moved to another one).
		const refusedCategories = new Set<Category>();
		input.envelopes.forEach((e, i) => {
			const ack = acks[i];
			if (
				ack !== undefined &&
				'error' in ack &&
				(ack.error === 'forbidden-category' || ack.error === 'category-conflict')
			)
				refusedCategories.add(e.category);
		});
		for (const category of refusedCategories) await refuse(category);
		return ok(acks);
	};
}

export type Push = ReturnType<typeof createPush>;
