// Accounts: sign-up, login and the wrapped-keys blob. The login secret is the client-derived auth
// key, stored only as an Argon2id hash. Login answers the same, in comparable time, for unknown
// and known accounts, and is limited per login id and per IP (counters in the database). Sign-up
// attaches the person's existing local circle by id, so the local vault is never re-encrypted, and
// keeps its public KDF parameters for POST /api/auth/params (server/auth/kdf-params.ts). An
// account with a second factor gets a session only once its code passed (./second-factor.ts).
import type { PublicKdf } from '$lib/contracts/auth';
import type { DbHandle } from '../db';
import { isUniqueViolation } from '../db/errors';
import { err, ok, type Result } from '$lib/domain/result';
import type { Hasher } from './passwords';
import type { RateLimiter, RateRule } from './rate-limit';
import type { AuthDatabase } from './schema';
import type { SecondFactor, SecondFactorError, SecondFactorInput } from './second-factor';
import type { Sessions } from './sessions';
import type { SessionRow } from '../db/schema';

const MINUTE = 60 * 1000;
/**
 * Login attempts are counted BEFORE the passphrase check, atomically (server/auth/rate-limit.ts):
 * - per login and address: 10 per 15 min, the cap an attacker at one address meets first;
 * - per address: 50 per 15 min, whatever the logins;
 * - per login over every address: 100 per 15 min, so a distributed attacker is slowed to
 *   ~10,000 guesses a day against one account; a browser that once logged in as this login
 *   (known-device cookie, ./known-device.ts) is not subject to it, so the attack never locks the
 *   person out; a successful login clears the login's counters.
 */
export const LOGIN_ACCOUNT_RULE: RateRule = { limit: 10, windowMs: 15 * MINUTE };
export const LOGIN_TOTAL_RULE: RateRule = { limit: 100, windowMs: 15 * MINUTE };
export const LOGIN_IP_RULE: RateRule = { limit: 50, windowMs: 15 * MINUTE };
export const SIGNUP_IP_RULE: RateRule = { limit: 20, windowMs: 60 * MINUTE };

export interface AccountView {
	readonly id: string;
	readonly login: string;
	readonly circleId: string;
}

export interface Authenticated {
	readonly account: AccountView;
	readonly wrappedKeys: string;
	readonly token: string;
	readonly session: SessionRow;
}

export interface ClientMeta {
	readonly ip: string;
	readonly userAgent: string;
	/** The browser holds this login's known-device cookie (./known-device.ts). */
	readonly knownDevice?: boolean;
}

export type SignUpError =
	| { readonly type: 'login-taken' }
	| { readonly type: 'circle-taken' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number };

export type LoginError =
	| { readonly type: 'invalid-credentials' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number }
	| SecondFactorError;

export interface Accounts {
	readonly signUp: (
		input: {
			readonly login: string;
			readonly authKey: string;
			readonly wrappedKeys: string;
			readonly circleId: string;
			readonly kdf?: PublicKdf | undefined;
		},
		meta: ClientMeta
	) => Promise<Result<Authenticated, SignUpError>>;
	readonly login: (
		input: {
			readonly login: string;
			readonly authKey: string;
			readonly secondFactor?: SecondFactorInput | undefined;
		},
		meta: ClientMeta
	) => Promise<Result<Authenticated, LoginError>>;
	readonly view: (accountId: string) => Promise<AccountView | null>;
	readonly getWrappedKeys: (accountId: string) => Promise<string | null>;
	readonly setWrappedKeys: (accountId: string, wrappedKeys: string) => Promise<void>;
	/** The stored Argon2id hash of the auth key (re-authentication before erasure). */
	readonly authHash: (accountId: string) => Promise<string | null>;
}

export function createAccounts(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
	readonly hasher: Hasher;
	readonly sessions: Sessions;
	readonly limiter: RateLimiter;
	/** The second factor asked after the passphrase when the account has one (./second-factor.ts). */
	readonly secondFactor?: Pick<SecondFactor, 'check'> | undefined;
	/** Overrides SIGNUP_IP_RULE's limit (see ServerDeps.signupsPerHour). */
	readonly signupsPerHour?: number | undefined;
}): Accounts {
	const { db } = deps.db;
	const authDb = db.$extendTables<AuthDatabase>();
	const { limiter } = deps;
	const signupRule: RateRule =
		deps.signupsPerHour === undefined
			? SIGNUP_IP_RULE
			: { ...SIGNUP_IP_RULE, limit: deps.signupsPerHour };

	const ownedCircle = async (accountId: string): Promise<string | null> => {
		const row = await db
			.selectFrom('circles')
			.select('id')
			.where('owner_account_id', '=', accountId)
			.orderBy('created_at')
			.orderBy('id')
			.executeTakeFirst();
		return row?.id ?? null;
	};

	return {
		async signUp(input, meta) {
			const ipSubject = `signup-ip:${meta.ip}`;
			const wait = await limiter.take(ipSubject, signupRule);
			if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });

			const authHash = await deps.hasher.hash(input.authKey);
			const now = deps.now();
			const accountId = deps.newId();
			try {
				const conflict = await authDb.transaction().execute(async (trx) => {
					const loginTaken = await trx
						.selectFrom('accounts')
						.select('id')
						.where('login', '=', input.login)
						.executeTakeFirst();
					if (loginTaken !== undefined) return 'login-taken' as const;
					const circleTaken = await trx
						.selectFrom('circles')
						.select('id')
						.where('id', '=', input.circleId)
						.executeTakeFirst();
					if (circleTaken !== undefined) return 'circle-taken' as const;
					await trx
						.insertInto('accounts')
						.values({
							id: accountId,
							login: input.login,
							auth_hash: authHash,
							wrapped_keys: input.wrappedKeys,
							kdf: input.kdf === undefined ? null : JSON.stringify(input.kdf),
							created_at: now
						})
						.execute();
					await trx
						.insertInto('circles')
						.values({ id: input.circleId, owner_account_id: accountId, created_at: now })
						.execute();
					await trx
						.insertInto('circle_members')
						.values({
							circle_id: input.circleId,
							account_id: accountId,
							role: 'owner',
							created_at: now
						})
						.execute();
					return null;
				});
				if (conflict !== null) return err({ type: conflict });
			} catch (error) {
				if (isUniqueViolation(error)) return err({ type: 'login-taken' });
				throw error;
			}
			const { token, session } = await deps.sessions.create(accountId, meta.userAgent);
			return ok({
				account: { id: accountId, login: input.login, circleId: input.circleId },
				wrappedKeys: input.wrappedKeys,
				token,
				session
			});
		},

		async login(input, meta) {
			const pairSubject = `login:${input.login}|ip:${meta.ip}`;
			const totalSubject = `login:${input.login}`;
			const ipSubject = `login-ip:${meta.ip}`;
			const wait = Math.max(
				await limiter.take(ipSubject, LOGIN_IP_RULE),
				await limiter.take(pairSubject, LOGIN_ACCOUNT_RULE),
				// The person's own browsers pass the cap a distributed attack fills (never locked out).
				meta.knownDevice === true ? 0 : await limiter.take(totalSubject, LOGIN_TOTAL_RULE)
			);
			if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });

			const row = await db
				.selectFrom('accounts')
				.select(['id', 'login', 'auth_hash', 'wrapped_keys'])
				.where('login', '=', input.login)
				.executeTakeFirst();
			const valid = await deps.hasher.verify(row?.auth_hash ?? null, input.authKey);
			if (row === undefined || !valid) return err({ type: 'invalid-credentials' });
			// The passphrase was right: the second factor, counted per account on its own, so codes
			// cannot be guessed by repeating a correct passphrase.
			const second = await deps.secondFactor?.check(row.id, input.secondFactor ?? {});
			if (second !== undefined && !second.ok) return second;
			await limiter.reset(pairSubject);
			await limiter.reset(totalSubject);
			const circleId = await ownedCircle(row.id);
			if (circleId === null) throw new Error('account without an owned circle');
			const { token, session } = await deps.sessions.create(row.id, meta.userAgent);
			return ok({
				account: { id: row.id, login: row.login, circleId },
				wrappedKeys: row.wrapped_keys,
				token,
				session
			});
		},

		async view(accountId) {
			const row = await db
				.selectFrom('accounts')
				.select(['id', 'login'])
				.where('id', '=', accountId)
				.executeTakeFirst();
			if (row === undefined) return null;
			const circleId = await ownedCircle(row.id);
			return circleId === null ? null : { id: row.id, login: row.login, circleId };
		},

		async getWrappedKeys(accountId) {
			const row = await db
				.selectFrom('accounts')
				.select('wrapped_keys')
				.where('id', '=', accountId)
				.executeTakeFirst();
			return row?.wrapped_keys ?? null;
		},

		async authHash(accountId) {
			const row = await db
				.selectFrom('accounts')
				.select('auth_hash')
				.where('id', '=', accountId)
				.executeTakeFirst();
			return row?.auth_hash ?? null;
		},

		async setWrappedKeys(accountId, wrappedKeys) {
			await db
				.updateTable('accounts')
				.set({ wrapped_keys: wrappedKeys })
				.where('id', '=', accountId)
				.execute();
		}
	};
}
