// Passphrase change with an account (POST /api/auth/rekey). Changing the passphrase on a device
// rewraps the vault key and derives a new auth key, so the server's copy must follow: the new
// Argon2id hash of the auth key, the new public KDF parameters and the new wrapped-keys blob are
// written together, and every other session of the account is revoked in the same transaction
// (a device that only knew the old passphrase must log in again). Invariants: it needs both the
// session and the current auth key; wrong current keys count against the same per-login limit as
// login failures, so the endpoint cannot be used to guess.
import type { PublicKdf } from '$lib/contracts/auth';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import { LOGIN_ACCOUNT_RULE } from './accounts';
import type { Hasher } from './passwords';
import type { RateLimiter } from './rate-limit';
import type { AuthDatabase } from './schema';

export interface RekeyInput {
	readonly currentAuthKey: string;
	readonly authKey: string;
	readonly kdf: PublicKdf;
	readonly wrappedKeys: string;
}

export interface RekeyOutcome {
	readonly wrappedKeys: string;
	readonly revokedSessions: number;
}

export type RekeyError =
	| { readonly type: 'invalid-credentials' }
	| { readonly type: 'unauthenticated' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number };

export type Rekey = (
	session: { readonly accountId: string; readonly login: string; readonly sessionId: string },
	input: RekeyInput
) => Promise<Result<RekeyOutcome, RekeyError>>;

export function createRekey(deps: {
	readonly db: DbHandle;
	readonly hasher: Hasher;
	readonly limiter: RateLimiter;
}): Rekey {
	const db = deps.db.db.$extendTables<AuthDatabase>();
	return async (session, input) => {
		const subject = `reauth:${session.accountId}`;
		const wait = await deps.limiter.take(subject, LOGIN_ACCOUNT_RULE);
		if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });
		const row = await db
			.selectFrom('accounts')
			.select('auth_hash')
			.where('id', '=', session.accountId)
			.executeTakeFirst();
		if (row === undefined) return err({ type: 'unauthenticated' });
		if (!(await deps.hasher.verify(row.auth_hash, input.currentAuthKey)))
			return err({ type: 'invalid-credentials' });
		await deps.limiter.reset(subject);
		const authHash = await deps.hasher.hash(input.authKey);
		const revoked = await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('accounts')
				.set({
					auth_hash: authHash,
					kdf: JSON.stringify(input.kdf),
					wrapped_keys: input.wrappedKeys
				})
				.where('id', '=', session.accountId)
				.execute();
			const deleted = await trx
				.deleteFrom('sessions')
				.where('account_id', '=', session.accountId)
				.where('id', '!=', session.sessionId)
				.executeTakeFirst();
			return Number(deleted.numDeletedRows);
		});
		return ok({ wrappedKeys: input.wrappedKeys, revokedSessions: revoked });
	};
}
