// The second factor at sign-in (issue 14 §2), over the TOTP primitives of ./totp.ts: enrolment
// (a secret shown once as a QR code and as text, confirmed by a code, then ten recovery codes shown
// once), the check at login, turning it off, and the account's kind.
//
// Invariants:
// - a code is accepted once: the last accepted step is moved forward by ONE conditional update
//   (`last_step < step`), so two parallel logins with the same code cannot both pass;
// - a recovery code works once: its hash is deleted by one statement and only a deleted row counts;
// - every attempt (login, confirmation, turning off) is counted per account before any check, with
//   the same rule as passwords (10 per 15 minutes), and a success clears the counter;
// - confirming revokes every other session of the account, so from then on each session of the
//   account has passed the second factor; an account can become "professional" only with the
//   second factor on, and cannot turn it off while professional: every session of a professional
//   account has passed a second factor.
import { encodeBase32UpperCaseNoPadding, decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import { LOGIN_ACCOUNT_RULE } from './accounts';
import type { RateLimiter } from './rate-limit';
import type { AccountKind, SecondFactorDatabase } from './second-factor-schema';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpKeyUri, verifyTotp } from './totp';

export const TOTP_ISSUER = 'Cercle';

/** What the person typed at sign-in (or to turn the second factor off): a code or a recovery code. */
export interface SecondFactorInput {
	readonly code?: string | undefined;
	readonly recoveryCode?: string | undefined;
}

export type SecondFactorError =
	| { readonly type: 'second-factor-required' }
	| { readonly type: 'second-factor-invalid' }
	| { readonly type: 'second-factor-replayed' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number };

export type EnrolError = { readonly type: 'second-factor-enabled' };
export type ConfirmError =
	| { readonly type: 'second-factor-not-pending' }
	| { readonly type: 'second-factor-invalid' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number };
export type DisableError =
	SecondFactorError | { readonly type: 'professional-needs-second-factor' };
export type KindError = { readonly type: 'professional-needs-second-factor' };

export interface SecondFactorStatus {
	readonly enabled: boolean;
	readonly recoveryCodesLeft: number;
	readonly kind: AccountKind;
}

export interface SecondFactor {
	readonly status: (accountId: string) => Promise<SecondFactorStatus>;
	/** Starts (or restarts) an enrolment: a new secret, not used until a code confirms it. */
	readonly enrol: (
		accountId: string,
		login: string
	) => Promise<Result<{ readonly secret: string; readonly uri: string }, EnrolError>>;
	/** Confirms the enrolment with a code; answers the ten recovery codes (shown once). */
	readonly confirm: (
		session: { readonly accountId: string; readonly sessionId: string },
		code: string
	) => Promise<
		Result<
			{ readonly recoveryCodes: readonly string[]; readonly revokedSessions: number },
			ConfirmError
		>
	>;
	/** At login, after the passphrase: ok when the account has no second factor or it passed. */
	readonly check: (
		accountId: string,
		input: SecondFactorInput
	) => Promise<Result<void, SecondFactorError>>;
	readonly disable: (
		accountId: string,
		input: SecondFactorInput
	) => Promise<Result<void, DisableError>>;
	readonly setKind: (accountId: string, kind: AccountKind) => Promise<Result<void, KindError>>;
	/** A professional account (which implies the second factor is on). */
	readonly isProfessional: (accountId: string) => Promise<boolean>;
}

export function createSecondFactor(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
	readonly limiter: RateLimiter;
}): SecondFactor {
	const db = deps.db.db.$extendTables<SecondFactorDatabase>();
	const { limiter } = deps;
	const subjectOf = (accountId: string): string => `second-factor:${accountId}`;

	const confirmedRow = (accountId: string) =>
		db
			.selectFrom('account_totp')
			.select(['secret', 'last_step'])
			.where('account_id', '=', accountId)
			.where('confirmed', '=', 1)
			.executeTakeFirst();

	const kindOf = async (accountId: string): Promise<AccountKind> => {
		const row = await db
			.selectFrom('account_kinds')
			.select('kind')
			.where('account_id', '=', accountId)
			.executeTakeFirst();
		return row?.kind === 'professional' ? 'professional' : 'person';
	};

	/** Checks a code or a recovery code against the confirmed secret (counted first). */
	async function pass(
		accountId: string,
		row: { readonly secret: string; readonly last_step: number | null },
		input: SecondFactorInput
	): Promise<Result<void, SecondFactorError>> {
		const code = input.code?.trim() ?? '';
		const recovery = input.recoveryCode?.trim() ?? '';
		if (code === '' && recovery === '') return err({ type: 'second-factor-required' });
		const wait = await limiter.take(subjectOf(accountId), LOGIN_ACCOUNT_RULE);
		if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });
		if (code !== '') {
			const checked = verifyTotp(decodeHex(row.secret), code, deps.now(), row.last_step);
			if (!checked.ok) {
				return err({
					type:
						checked.error.type === 'code-replayed'
							? 'second-factor-replayed'
							: 'second-factor-invalid'
				});
			}
			const step = checked.value.step;
			const moved = await db
				.updateTable('account_totp')
				.set({ last_step: step })
				.where('account_id', '=', accountId)
				.where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
				.executeTakeFirst();
			// Another request accepted this step (or a later one) first: a replay.
			if (Number(moved.numUpdatedRows) !== 1) return err({ type: 'second-factor-replayed' });
		} else {
			const used = await db
				.deleteFrom('account_recovery_codes')
				.where('account_id', '=', accountId)
				.where('code_hash', '=', hashRecoveryCode(recovery))
				.executeTakeFirst();
			if (Number(used.numDeletedRows) !== 1) return err({ type: 'second-factor-invalid' });
		}
		await limiter.reset(subjectOf(accountId));
		return ok(undefined);
	}

	return {
		async status(accountId) {
			const enabled = (await confirmedRow(accountId)) !== undefined;
			const left = await db
				.selectFrom('account_recovery_codes')
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.where('account_id', '=', accountId)
				.executeTakeFirstOrThrow();
			return { enabled, recoveryCodesLeft: Number(left.n), kind: await kindOf(accountId) };
		},

		async enrol(accountId, login) {
			if ((await confirmedRow(accountId)) !== undefined)
				return err({ type: 'second-factor-enabled' });
			const secret = newTotpSecret(deps.randomBytes);
			await db.transaction().execute(async (trx) => {
				await trx.deleteFrom('account_totp').where('account_id', '=', accountId).execute();
				await trx
					.insertInto('account_totp')
					.values({
						account_id: accountId,
						secret: encodeHexLowerCase(secret),
						confirmed: 0,
						last_step: null,
						created_at: deps.now()
					})
					.execute();
			});
			return ok({
				secret: encodeBase32UpperCaseNoPadding(secret),
				uri: totpKeyUri(TOTP_ISSUER, login, secret)
			});
		},

		async confirm(session, code) {
			const row = await db
				.selectFrom('account_totp')
				.select('secret')
				.where('account_id', '=', session.accountId)
				.where('confirmed', '=', 0)
				.executeTakeFirst();
			if (row === undefined) return err({ type: 'second-factor-not-pending' });
			const wait = await limiter.take(subjectOf(session.accountId), LOGIN_ACCOUNT_RULE);
			if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });
			const checked = verifyTotp(decodeHex(row.secret), code, deps.now(), null);
			if (!checked.ok) return err({ type: 'second-factor-invalid' });
			const recoveryCodes = newRecoveryCodes(deps.randomBytes);
			const revokedSessions = await db.transaction().execute(async (trx) => {
				await trx
					.updateTable('account_totp')
					.set({ confirmed: 1, last_step: checked.value.step })
					.where('account_id', '=', session.accountId)
					.execute();
				await trx
					.deleteFrom('account_recovery_codes')
					.where('account_id', '=', session.accountId)
					.execute();
				await trx
					.insertInto('account_recovery_codes')
					.values(
						recoveryCodes.map((c) => ({
							account_id: session.accountId,
							code_hash: hashRecoveryCode(c)
						}))
					)
					.execute();
				const deleted = await trx
					.deleteFrom('sessions')
					.where('account_id', '=', session.accountId)
					.where('id', '!=', session.sessionId)
					.executeTakeFirst();
				return Number(deleted.numDeletedRows);
			});
			await limiter.reset(subjectOf(session.accountId));
			return ok({ recoveryCodes, revokedSessions });
		},

		async check(accountId, input) {
			const row = await confirmedRow(accountId);
			if (row === undefined) return ok(undefined);
			return pass(accountId, row, input);
		},

		async disable(accountId, input) {
			if ((await kindOf(accountId)) === 'professional')
				return err({ type: 'professional-needs-second-factor' });
			const row = await confirmedRow(accountId);
			if (row === undefined) return ok(undefined);
			const passed = await pass(accountId, row, input);
			if (!passed.ok) return passed;
			await db.transaction().execute(async (trx) => {
				await trx.deleteFrom('account_totp').where('account_id', '=', accountId).execute();
				await trx
					.deleteFrom('account_recovery_codes')
					.where('account_id', '=', accountId)
					.execute();
			});
			return ok(undefined);
		},

		async setKind(accountId, kind) {
			if (kind === 'professional' && (await confirmedRow(accountId)) === undefined)
				return err({ type: 'professional-needs-second-factor' });
			await db
				.insertInto('account_kinds')
				.values({ account_id: accountId, kind })
				.onConflict((oc) => oc.column('account_id').doUpdateSet({ kind }))
				.execute();
			return ok(undefined);
		},

		async isProfessional(accountId) {
			return (
				(await kindOf(accountId)) === 'professional' &&
				(await confirmedRow(accountId)) !== undefined
			);
		}
	};
}
