// What an API handler receives from a SvelteKit endpoint (or a test): the request, its URL, the
// client address and route params. Handlers depend on nothing else from SvelteKit, so tests call
// the real handler code with plain `Request` objects.
import type { Options } from '@node-rs/argon2';
import type { DbHandle } from '../db';
import type { PushService } from '../push';

export interface ApiRequest {
	readonly request: Request;
	readonly url: URL;
	readonly ip: string;
	readonly params: Readonly<Record<string, string>>;
}

export type Handler = (req: ApiRequest) => Promise<Response>;

export interface ServerDeps {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
	readonly newId: () => string;
	/** Argon2id parameters (defaults to the OWASP floor in server/auth/passwords.ts). */
	readonly argon2?: Options;
	/** CERCLE_SERVER_SECRET; when absent a secret is generated once and kept in the database. */
	readonly serverSecret?: string | undefined;
	/** Web Push reminders; absent (tests, unusable VAPID keys): the push endpoints answer 503. */
	readonly push?: PushService | undefined;
	/**
	 * Sign-ups allowed per address and hour (default 20; CERCLE_SIGNUPS_PER_HOUR). Raised only where
	 * many accounts legitimately come from one address, such as a test run on loopback.
	 */
	readonly signupsPerHour?: number | undefined;
}
