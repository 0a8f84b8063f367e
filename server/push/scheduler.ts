// The reminder scheduler: sends due push jobs, exactly once across server instances.
// Why: reminders must ring when the app is closed, and the server may run as several instances on
// one PostgreSQL (DESIGN: Server). Jobs live in the database; an instance claims a job before
// sending it.
// Invariants:
// - Claiming is atomic: PostgreSQL picks due rows with `FOR UPDATE SKIP LOCKED` inside the UPDATE;
//   SQLite runs one conditional UPDATE (`state = 'pending' … RETURNING`), its own transaction.
//   Only rows an instance actually changed are its own, so two instances never send one job.
// - A claim is a lease (`locked_until`). A job left in `sending` by a crashed instance is claimed
//   again after the lease: delivery is at-least-once across crashes (the push Topic lets the push
//   service collapse an undelivered duplicate), exactly-once otherwise.
// - A job is `sent` when at least one of the account's subscriptions accepted it. 404/410 remove
//   the subscription. 429/5xx/timeouts retry with exponential backoff (Retry-After wins when
//   longer) up to `maxAttempts`, then `failed`. No subscription, or a job too late to be useful
//   (`maxLatenessMs`), is `failed` at once.
// - Sends run concurrently up to `concurrency`, each bounded by the sender's timeout, so a slow
//   push service delays only its own messages. Nothing personal is logged.
import { sql, type Kysely, type Selectable } from 'kysely';
import { buildPushMessage, pushLocaleOf } from './payload';
import type { PushDatabase, PushJobsTable, PushSubscriptionsTable } from './schema';
import type { SendOutcome, SendPush } from './sender';

export type PushJob = Selectable<PushJobsTable>;
type Subscription = Selectable<PushSubscriptionsTable>;

export interface SchedulerDeps {
	readonly db: Kysely<PushDatabase>;
	readonly dialect: 'sqlite' | 'postgres';
	readonly send: SendPush;
	readonly now: () => number;
	/** Unique per process, e.g. a random UUID; recorded in `locked_by`. */
	readonly instanceId: string;
	readonly batchSize?: number;
	readonly concurrency?: number;
	readonly leaseMs?: number;
	readonly maxAttempts?: number;
	readonly baseBackoffMs?: number;
	readonly maxBackoffMs?: number;
	readonly maxLatenessMs?: number;
	readonly ttlSeconds?: number;
}

export interface TickStats {
	readonly claimed: number;
	readonly sent: number;
	readonly retried: number;
	readonly failed: number;
	readonly removedSubscriptions: number;
}

export interface Scheduler {
	/** Claims and processes one batch of due jobs. */
	readonly tick: () => Promise<TickStats>;
	/** Ticks until no due job is left (at most `maxBatches`); returns the summed stats. */
	readonly drain: (maxBatches?: number) => Promise<TickStats>;
}

const EMPTY: TickStats = { claimed: 0, sent: 0, retried: 0, failed: 0, removedSubscriptions: 0 };

const addStats = (a: TickStats, b: TickStats): TickStats => ({
	claimed: a.claimed + b.claimed,
	sent: a.sent + b.sent,
	retried: a.retried + b.retried,
	failed: a.failed + b.failed,
	removedSubscriptions: a.removedSubscriptions + b.removedSubscriptions
});

/** Backoff after `attempts` failed attempts: base · 2^(attempts−1), capped. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number): number =>
	Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));

/** Runs `work` over `items` with at most `limit` in flight. */
const mapPool = async <T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T) => Promise<R>
): Promise<R[]> => {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next;
			next += 1;
			const item = items[index];
			if (item !== undefined) results[index] = await work(item);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
};

type JobVerdict =
	| { readonly type: 'sent' }
	| { readonly type: 'retry'; readonly delayMs: number }
	| { readonly type: 'failed' };

export const createScheduler = (deps: SchedulerDeps): Scheduler => {
	const { db, dialect, send, now, instanceId } = deps;
	const batchSize = deps.batchSize ?? 200;
	const concurrency = deps.concurrency ?? 64;
	const leaseMs = deps.leaseMs ?? 5 * 60_000;
	const maxAttempts = deps.maxAttempts ?? 8;
	const baseBackoffMs = deps.baseBackoffMs ?? 30_000;
	const maxBackoffMs = deps.maxBackoffMs ?? 60 * 60_000;
	const maxLatenessMs = deps.maxLatenessMs ?? 12 * 60 * 60_000;
	const ttlSeconds = deps.ttlSeconds ?? 4 * 60 * 60;

	/** The first `batchSize` jobs due at `at`: pending and due, or sending with a lapsed lease. */
	const dueIds = (at: number) =>
		db
			.selectFrom('push_jobs')
			.select('id')
			.where((w) =>
				w.or([
					w.and([w('state', '=', 'pending'), w('next_attempt_at', '<=', at)]),
					w.and([w('state', '=', 'sending'), w('locked_until', '<', at)])
				])
			)
			.orderBy('next_attempt_at')
			.limit(batchSize);

	const claim = async (at: number): Promise<readonly PushJob[]> => {
		const changes = {
			state: 'sending' as const,
			locked_by: instanceId,
			locked_until: at + leaseMs,
			attempts: sql<number>`attempts + 1`
		};
		if (dialect === 'postgres') {
			return db
				.updateTable('push_jobs')
				.set(changes)
				.where('id', 'in', dueIds(at).forUpdate().skipLocked())
				.returningAll()
				.execute();
		}
		// One statement, hence one write transaction that never spans an await: SQLite serialises
		// writers, and only the rows this UPDATE changed (RETURNING) are this instance's.
		return db
			.updateTable('push_jobs')
			.set(changes)
			.where('id', 'in', dueIds(at))
			.where((w) =>
				w.or([
					w.and([
						w('state', '=', 'pending'),
						w.or([w('locked_until', 'is', null), w('locked_until', '<', at)])
					]),
					w.and([w('state', '=', 'sending'), w('locked_until', '<', at)])
				])
			)
			.returningAll()
			.execute();
	};

	const verdictOf = (job: PushJob, outcomes: readonly SendOutcome[]): JobVerdict => {
		if (outcomes.some((o) => o.type === 'delivered')) return { type: 'sent' };
		const retries = outcomes.flatMap((o) => (o.type === 'retry' ? [o] : []));
		if (retries.length === 0 || job.attempts >= maxAttempts) return { type: 'failed' };
		const retryAfter = Math.max(0, ...retries.map((o) => o.retryAfterMs ?? 0));
		return {
			type: 'retry',
			delayMs: Math.max(retryAfter, backoffMs(job.attempts, baseBackoffMs, maxBackoffMs))
		};
	};

	const finish = async (
		verdicts: readonly { readonly job: PushJob; readonly verdict: JobVerdict }[],
		at: number
	): Promise<void> => {
		const idsOf = (type: JobVerdict['type']): string[] =>
			verdicts.filter((v) => v.verdict.type === type).map((v) => v.job.id);
		const mine = (ids: readonly string[]) =>
			db.updateTable('push_jobs').where('id', 'in', ids).where('locked_by', '=', instanceId);
		const sentIds = idsOf('sent');
		if (sentIds.length > 0) {
			await mine(sentIds)
				.set({ state: 'sent', sent_at: at, locked_by: null, locked_until: null })
				.execute();
		}
		const failedIds = idsOf('failed');
		if (failedIds.length > 0) {
			await mine(failedIds).set({ state: 'failed', locked_by: null, locked_until: null }).execute();
		}
		for (const { job, verdict } of verdicts) {
			if (verdict.type !== 'retry') continue;
			await mine([job.id])
				.set({
					state: 'pending',
					next_attempt_at: at + verdict.delayMs,
					locked_by: null,
					locked_until: null
				})
				.execute();
		}
	};

	const recordOutcomes = async (
		outcomes: readonly { readonly subscription: Subscription; readonly outcome: SendOutcome }[],
		at: number
	): Promise<number> => {
		const gone = new Set<string>();
		const delivered = new Set<string>();
		const failing = new Set<string>();
		for (const { subscription, outcome } of outcomes) {
			switch (outcome.type) {
				case 'gone':
					gone.add(subscription.id);
					break;
				case 'delivered':
					delivered.add(subscription.id);
					break;
				case 'retry':
				case 'rejected':
					failing.add(subscription.id);
					break;
			}
		}
		if (gone.size > 0) {
			await db
				.deleteFrom('push_subscriptions')
				.where('id', 'in', [...gone])
				.execute();
		}
		if (delivered.size > 0) {
			await db
				.updateTable('push_subscriptions')
				.set({ last_success_at: at, failure_count: 0 })
				.where('id', 'in', [...delivered])
				.execute();
		}
		const stillFailing = [...failing].filter((id) => !gone.has(id) && !delivered.has(id));
		if (stillFailing.length > 0) {
			await db
				.updateTable('push_subscriptions')
				.set({ failure_count: sql<number>`failure_count + 1` })
				.where('id', 'in', stillFailing)
				.execute();
		}
		return gone.size;
	};

	const tick = async (): Promise<TickStats> => {
		const at = now();
		const jobs = await claim(at);
		if (jobs.length === 0) return EMPTY;
		const accounts = [...new Set(jobs.map((job) => job.account_id))];
		const subscriptions = await db
			.selectFrom('push_subscriptions')
			.selectAll()
			.where('account_id', 'in', accounts)
			.execute();
		const byAccount = new Map<string, Subscription[]>();
		for (const subscription of subscriptions) {
			const list = byAccount.get(subscription.account_id) ?? [];
			list.push(subscription);
			byAccount.set(subscription.account_id, list);
		}
		const live = jobs.filter((job) => at - job.fire_at <= maxLatenessMs);
		const late = jobs.filter((job) => at - job.fire_at > maxLatenessMs);
		const deliveries = live.flatMap((job) =>
			(byAccount.get(job.account_id) ?? []).map((subscription) => ({ job, subscription }))
		);
		const sent = await mapPool(deliveries, concurrency, async ({ job, subscription }) => ({
			job,
			subscription,
			outcome: await send(
				subscription,
				buildPushMessage(job.opaque_id, pushLocaleOf(subscription.locale)),
				{ ttlSeconds, urgency: 'high', topic: job.opaque_id.slice(0, 32) }
			)
		}));
		const finishedAt = now();
		const removedSubscriptions = await recordOutcomes(sent, finishedAt);
		const outcomesByJob = new Map<string, SendOutcome[]>();
		for (const { job, outcome } of sent) {
			const list = outcomesByJob.get(job.id) ?? [];
			list.push(outcome);
			outcomesByJob.set(job.id, list);
		}
		const verdicts: { readonly job: PushJob; readonly verdict: JobVerdict }[] = [
			...late.map((job) => ({ job, verdict: { type: 'failed' } as const })),
			...live.map((job) => ({ job, verdict: verdictOf(job, outcomesByJob.get(job.id) ?? []) }))
		];
		await finish(verdicts, finishedAt);
		return {
			claimed: jobs.length,
			sent: verdicts.filter((v) => v.verdict.type === 'sent').length,
			retried: verdicts.filter((v) => v.verdict.type === 'retry').length,
			failed: verdicts.filter((v) => v.verdict.type === 'failed').length,
			removedSubscriptions
		};
	};

	return {
		tick,
		async drain(maxBatches = 1000) {
			let total = EMPTY;
			for (let batch = 0; batch < maxBatches; batch += 1) {
				const stats = await tick();
				total = addStats(total, stats);
				if (stats.claimed === 0) break;
			}
			return total;
		}
	};
};
