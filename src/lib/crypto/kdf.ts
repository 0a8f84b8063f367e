// Passphrase → root key with Argon2id. Invariant: parameters below the floor (m ≥ 19 MiB, t ≥ 2,
// p = 1, the OWASP minimum for Argon2id) are refused on every derivation, including parameters read
// back from storage or from a backup file, so a tampered header cannot weaken the KDF.
import * as z from 'zod/mini';
import { err, type Result } from '$lib/domain/result';

export const KDF_FLOOR = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;

export const kdfParamsSchema = z.object({
	alg: z.literal('argon2id'),
	memoryKiB: z.int().check(z.positive()),
	iterations: z.int().check(z.positive()),
	parallelism: z.int().check(z.positive()),
	salt: z.string().check(z.minLength(16), z.maxLength(128))
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export interface Argon2Input {
	readonly password: Uint8Array;
	readonly salt: Uint8Array;
	readonly memoryKiB: number;
	readonly iterations: number;
	readonly parallelism: number;
}
/** Argon2id, 32-byte output. In the browser it runs in a Web Worker (see argon2-worker-client.ts). */
export type Argon2 = (input: Argon2Input) => Promise<Uint8Array>;

export function isAtOrAboveFloor(params: Omit<KdfParams, 'salt' | 'alg'>): boolean {
	return (
		params.memoryKiB >= KDF_FLOOR.memoryKiB &&
		params.iterations >= KDF_FLOOR.iterations &&
		params.parallelism === KDF_FLOOR.parallelism
	);
}

export type DeriveError = { readonly type: 'kdf-below-floor' };

export async function deriveRootKey(
	argon2: Argon2,
	password: Uint8Array,
	salt: Uint8Array,
	params: Omit<KdfParams, 'salt' | 'alg'>
): Promise<Result<Uint8Array, DeriveError>> {
	if (!isAtOrAboveFloor(params)) return err({ type: 'kdf-below-floor' });
	const value = await argon2({
		password,
		salt,
		memoryKiB: params.memoryKiB,
		iterations: params.iterations,
		parallelism: params.parallelism
	});
	return { ok: true, value };
}

/** Normalises a passphrase so that the same words typed on two keyboards give the same key. */
export function normalizePassphrase(passphrase: string): string {
	return passphrase.normalize('NFKC');
}
