// Pre-login KDF parameters (POST /api/auth/params). A second device must derive the auth key from
// the passphrase before it can log in, so it first asks for the account's public Argon2id
// parameters (algorithm, costs, salt: none of them secret, none of them usable without the
// passphrase). Invariant: the answer never tells whether an account exists. An unknown login, or an
// account created before parameters were stored, gets fake parameters with the default costs and
// salt = HMAC-SHA-256(server secret, normalised login) truncated to the real salt length, so the
// same login always gets the same answer and both paths do the same work. Limited per IP.
import { createHmac } from 'node:crypto';
import { publicKdfSchema, type PublicKdf } from '$lib/contracts/auth';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import type { RateLimiter, RateRule } from './rate-limit';
import type { AuthDatabase } from './schema';
import type { ServerSecret } from './server-secret';

const MINUTE = 60 * 1000;
/** Same budget as login attempts per address; every request counts. */
export const PARAMS_IP_RULE: RateRule = { limit: 50, windowMs: 15 * MINUTE };

/** The client's default costs (the Argon2id floor, src/lib/crypto/kdf.ts KDF_FLOOR). */
export const FAKE_KDF_COSTS = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;
/** Real vault salts are 16 random bytes (22 base64url characters). */
const SALT_BYTES = 16;

export type ParamsError = { readonly type: 'rate-limited'; readonly retryAfterSeconds: number };

export type KdfParamsLookup = (
	login: string,
	ip: string
) => Promise<Result<PublicKdf, ParamsError>>;

export function fakeKdf(secret: Uint8Array, login: string): PublicKdf {
	const mac = createHmac('sha256', secret).update(`cercle/kdf-salt\u0000${login}`).digest();
	return {
		alg: 'argon2id',
		...FAKE_KDF_COSTS,
		salt: mac.subarray(0, SALT_BYTES).toString('base64url')
	};
}

/** Parses a stored `accounts.kdf` value; null when absent or not valid parameters. */
export function storedKdf(value: string | null | undefined): PublicKdf | null {
	if (value === null || value === undefined) return null;
	try {
		const parsed = publicKdfSchema.safeParse(JSON.parse(value));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function createKdfParamsLookup(deps: {
	readonly db: DbHandle;
	readonly limiter: RateLimiter;
	readonly secret: ServerSecret;
}): KdfParamsLookup {
	const db = deps.db.db.$extendTables<AuthDatabase>();
	return async (login, ip) => {
		const subject = `params-ip:${ip}`;
		const wait = await deps.limiter.take(subject, PARAMS_IP_RULE);
		if (wait > 0) return err({ type: 'rate-limited', retryAfterSeconds: wait });
		const row = await db
			.selectFrom('accounts')
			.select('kdf')
			.where('login', '=', login)
			.executeTakeFirst();
		// Computed on both paths, so a known login costs what an unknown one costs.
		const fake = fakeKdf(await deps.secret(), login);
		return ok(storedKdf(row?.kdf) ?? fake);
	};
}
