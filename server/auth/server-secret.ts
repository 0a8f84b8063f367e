// The server-wide secret (32 random bytes) behind values that must be stable across restarts and
// across instances but unguessable from outside, such as the fake KDF salts of unknown logins.
// `CERCLE_SERVER_SECRET` wins when set; otherwise the first instance to start inserts one into the
// database (insert-if-absent) and every instance reads back the same row, so instances behind a
// load balancer agree without any coordination. Never logged, never sent.
import { sha256 } from '@oslojs/crypto/sha2';
import type { DbHandle } from '../db';
import type { AuthDatabase } from './schema';

export const SERVER_SECRET_NAME = 'kdf-params';
const SECRET_BYTES = 32;

export type ServerSecret = () => Promise<Uint8Array>;

export function createServerSecret(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
	/** The operator's secret (any string); when set the database is not used. */
	readonly fromEnv?: string | undefined;
}): ServerSecret {
	const db = deps.db.db.$extendTables<AuthDatabase>();
	let cached: Promise<Uint8Array> | undefined;

	const load = async (): Promise<Uint8Array> => {
		if (deps.fromEnv !== undefined && deps.fromEnv !== '') {
			return sha256(new TextEncoder().encode(deps.fromEnv));
		}
		await db
			.insertInto('server_secrets')
			.values({
				name: SERVER_SECRET_NAME,
				value: Buffer.from(deps.randomBytes(SECRET_BYTES)).toString('base64url'),
				created_at: deps.now()
			})
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
		const row = await db
			.selectFrom('server_secrets')
			.select('value')
			.where('name', '=', SERVER_SECRET_NAME)
			.executeTakeFirstOrThrow();
		return new Uint8Array(Buffer.from(row.value, 'base64url'));
	};

	return () => {
		cached ??= load().catch((error: unknown) => {
			cached = undefined;
			throw error;
		});
		return cached;
	};
}
