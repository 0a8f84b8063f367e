// Argon2id over the client's auth key. The server never sees the passphrase; it hashes the derived
// auth key again so a database leak does not yield a usable login secret. Unknown accounts are
// verified against a dummy hash made with the same parameters, so both paths cost the same.
import { hash, verify, type Options } from '@node-rs/argon2';

/** OWASP floor: 19 MiB, 2 iterations, 1 lane. The library's default algorithm is Argon2id. */
export const DEFAULT_ARGON2: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface Hasher {
	readonly hash: (secret: string) => Promise<string>;
	/** Verifies `secret` against `stored`, or against the dummy hash when `stored` is null. */
	readonly verify: (stored: string | null, secret: string) => Promise<boolean>;
}

export function createHasher(options: Options = DEFAULT_ARGON2): Hasher {
	let dummy: Promise<string> | undefined;
	const getDummy = (): Promise<string> => {
		dummy ??= hash('cercle-dummy-auth-key-for-unknown-accounts', options);
		return dummy;
	};
	return {
		hash: (secret) => hash(secret, options),
		async verify(stored, secret) {
			if (stored === null) {
				await verify(await getDummy(), secret).catch(() => false);
				return false;
			}
			return verify(stored, secret).catch(() => false);
		}
	};
}
