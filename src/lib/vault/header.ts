// The vault header: what is needed to open the vault, stored in plain (it holds only salts, KDF
// parameters and wrapped keys). Also the unlock throttle: after three wrong secrets the delay
// doubles with each failure, up to five minutes; nothing is ever erased for a wrong passphrase.
import * as z from 'zod/mini';
import { kdfParamsSchema } from '$lib/crypto/kdf';

export const HEADER_VERSION = 1;

export const headerSchema = z.object({
	version: z.literal(HEADER_VERSION),
	circleId: z.string().check(z.minLength(1), z.maxLength(64)),
	nodeId: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
	createdAt: z.int(),
	kdf: kdfParamsSchema,
	/** Vault key wrapped by the passphrase KEK (base64url). */
	wrappedVaultKey: z.string().check(z.minLength(1), z.maxLength(200)),
	/** Vault key wrapped by the recovery KEK (base64url). */
	recoveryWrappedVaultKey: z.string().check(z.minLength(1), z.maxLength(200)),
	failures: z.int().check(z.nonnegative()),
	lastFailureAt: z.int().check(z.nonnegative())
});
export type VaultHeader = z.infer<typeof headerSchema>;

const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60 * 1000;

export function throttleDelayMs(failures: number): number {
	if (failures < FREE_ATTEMPTS) return 0;
	return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

/** Milliseconds to wait before the next attempt is allowed (0 = allowed now). */
export function retryAfterMs(header: VaultHeader, now: number): number {
	const until = header.lastFailureAt + throttleDelayMs(header.failures);
	return Math.max(0, until - now);
}
