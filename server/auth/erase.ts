// Erasure of an account (issue 12, item 11): after the person re-entered their passphrase, one
// transaction deletes everything of the account. Invariant: afterwards no row of any table holds
// the account id, its login or the id of a circle it owned:
// - its circles end: every envelope (every version), grant, wrap, member, invitation and the
//   access log of those circles; members' devices find the circle gone at their next sync (403)
//   and drop their caches;
// - its memberships elsewhere: member rows, grants, wraps, invitations it accepted;
// - its sessions, devices, sharing key, push subscriptions and jobs, calendar feed, the survey
//   campaigns it published (notices, unused tokens, sealed answers);
// - in other people's access logs, its id is replaced by one random pseudonym per erasure and that
//   circle's hash chain is recomputed (the log still shows that "a former member" read what they
//   read, without naming the account). Envelopes it wrote in other people's circles, on their
//   behalf, stay: they are part of those people's journals.
// Rate-limit rows are keyed by SHA-256 digests and pruned within a day.
import { nextAuditEntry, auditActionSchema } from '$lib/domain/audit';
import { categorySchema } from '$lib/domain/categories';
import type { Transaction } from 'kysely';
import type { DbHandle } from '../db';
import type { Database } from '../db/schema';
import type { AuthDatabase } from './schema';
import type { SecondFactorDatabase } from './second-factor-schema';
import type { TeamDatabase } from '../teams/schema';
import type { CalendarDatabase } from '../calendar/schema';
import type { SurveyBallotDatabase } from '../surveys/schema';

type Trx = Transaction<Database>;

const CIRCLE_TABLES = [
	'envelopes',
	'circle_grants',
	'circle_key_wraps',
	'circle_member_details',
	'circle_members',
	'circle_invitations',
	'audit_entries',
	'audit_heads'
] as const;

const MEMBER_TABLES = [
	'circle_grants',
	'circle_key_wraps',
	'circle_member_details',
	'circle_members'
] as const;

/** Rewrites a circle's log with `accountId` replaced by `pseudonym`, recomputing every hash. */
async function pseudonymiseLog(
	trx: Trx,
	circleId: string,
	accountId: string,
	pseudonym: string
): Promise<void> {
	const rows = await trx
		.selectFrom('audit_entries')
		.selectAll()
		.where('circle_id', '=', circleId)
		.orderBy('seq')
		.execute();
	const swap = (id: string): string => (id === accountId ? pseudonym : id);
	let previous: { seq: number; hash: string } | null = null;
	for (const [index, r] of rows.entries()) {
		const action = auditActionSchema.safeParse(r.action);
		const category = r.category === null ? null : categorySchema.safeParse(r.category);
		if (!action.success || (category !== null && !category.success)) {
			// A row this server cannot read cannot be re-hashed, and the chain does not verify from
			// it on anyway; the account's id still goes from it and from every row after it (the
			// hashes and the head are left as they are: the next entry chains on the head as before).
			for (const rest of rows.slice(index)) {
				await trx
					.updateTable('audit_entries')
					.set({
						actor_account_id: swap(rest.actor_account_id),
						subject_account_id: swap(rest.subject_account_id),
						target_account_id: rest.target_account_id === null ? null : swap(rest.target_account_id)
					})
					.where('circle_id', '=', circleId)
					.where('seq', '=', rest.seq)
					.execute();
			}
			break;
		}
		const target = r.target_account_id === null ? undefined : swap(r.target_account_id);
		const entry = nextAuditEntry(previous, {
			circleId,
			actor: swap(r.actor_account_id),
			subject: swap(r.subject_account_id),
			target,
			category: category?.data ?? null,
			action: action.data,
			at: r.at
		});
		await trx
			.updateTable('audit_entries')
			.set({
				actor_account_id: entry.actor,
				subject_account_id: entry.subject,
				target_account_id: entry.target ?? null,
				prev_hash: entry.prevHash,
				hash: entry.hash
			})
			.where('circle_id', '=', circleId)
			.where('seq', '=', r.seq)
			.execute();
		previous = entry;
	}
	if (previous !== null && previous.seq === rows.at(-1)?.seq) {
		await trx
			.updateTable('audit_heads')
			.set({ seq: previous.seq, hash: previous.hash })
			.where('circle_id', '=', circleId)
			.execute();
	}
}

export function createErase(deps: { readonly db: DbHandle; readonly newId: () => string }) {
	const { db } = deps.db;
	return async function erase(accountId: string): Promise<void> {
		await db.transaction().execute(async (trx) => {
			const owned = (
				await trx
					.selectFrom('circles')
					.select('id')
					.where('owner_account_id', '=', accountId)
					.execute()
			).map((r) => r.id);
			for (const circleId of owned) {
				for (const table of CIRCLE_TABLES) {
					await trx.deleteFrom(table).where('circle_id', '=', circleId).execute();
				}
				await trx.deleteFrom('circles').where('id', '=', circleId).execute();
			}
			const elsewhere = (
				await trx
					.selectFrom('audit_entries')
					.select('circle_id')
					.distinct()
					.where((eb) =>
						eb.or([
							eb('actor_account_id', '=', accountId),
							eb('subject_account_id', '=', accountId),
							eb('target_account_id', '=', accountId)
						])
					)
					.execute()
			).map((r) => r.circle_id);
			for (const table of MEMBER_TABLES) {
				await trx.deleteFrom(table).where('account_id', '=', accountId).execute();
			}
			await trx.deleteFrom('circle_invitations').where('accepted_by', '=', accountId).execute();
			const pseudonym = deps.newId();
			for (const circleId of elsewhere) {
				await pseudonymiseLog(trx, circleId, accountId, pseudonym);
			}
			await trx.deleteFrom('account_sharing_keys').where('account_id', '=', accountId).execute();
			await trx.deleteFrom('push_jobs').where('account_id', '=', accountId).execute();
			await trx.deleteFrom('push_subscriptions').where('account_id', '=', accountId).execute();
			await trx
				.$extendTables<CalendarDatabase>()
				.deleteFrom('calendar_feeds')
				.where('account_id', '=', accountId)
				.execute();
			await eraseSurveys(trx, accountId);
			// Care teams: the account leaves every team (its sealed copies of team keys go with it).
			const teams = trx.$extendTables<TeamDatabase>();
			for (const table of ['team_key_wraps', 'team_members'] as const) {
				await teams.deleteFrom(table).where('account_id', '=', accountId).execute();
			}
			await teams.deleteFrom('team_invitations').where('accepted_by', '=', accountId).execute();
			const factors = trx.$extendTables<SecondFactorDatabase>();
			for (const table of ['account_recovery_codes', 'account_totp', 'account_kinds'] as const) {
				await factors.deleteFrom(table).where('account_id', '=', accountId).execute();
			}
			await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
			await trx.deleteFrom('devices').where('account_id', '=', accountId).execute();
			await trx
				.$extendTables<AuthDatabase>()
				.deleteFrom('accounts')
				.where('id', '=', accountId)
				.execute();
		});
	};
}

/** The campaigns the account published, with their notices, unused tokens and sealed answers. */
async function eraseSurveys(trx: Trx, accountId: string): Promise<void> {
	const t = trx.$extendTables<SurveyBallotDatabase>();
	const ids = (
		await t
			.selectFrom('survey_campaigns')
			.select('id')
			.where('publisher_account_id', '=', accountId)
			.execute()
	).map((r) => r.id);
	if (ids.length === 0) return;
	await t.deleteFrom('survey_updates').where('survey_id', 'in', ids).execute();
	await t.deleteFrom('survey_tokens').where('survey_id', 'in', ids).execute();
	await t.deleteFrom('survey_answers').where('survey_id', 'in', ids).execute();
	await t.deleteFrom('survey_campaigns').where('id', 'in', ids).execute();
}

export type Erase = ReturnType<typeof createErase>;
