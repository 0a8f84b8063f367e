// The process-wide API instance behind the SvelteKit endpoints, built once from the environment:
// SQLite under DATA_DIR (default ./data) or PostgreSQL when DATABASE_URL is set. Migrations run
// before the first request is served (hooks.server.ts `init` awaits this on start); expired
// sessions and old rate-limit rows are pruned hourly. The Web Push scheduler loop starts here, once
// per process (a failing VAPID setup disables push, logged; the rest of the API still serves).
import { randomUUID, getRandomValues } from 'node:crypto';
import type { RouteName } from '$lib/contracts/routes';
import { createApi, type Api, type ApiRequest } from './api';
import { pruneExpired } from './auth/maintenance';
import { createDb, type DbHandle } from './db';
import { logUnexpected } from './http/log';
import { createPushService, type PushService } from './push';
import { createEpoch } from './sync/epoch';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PUSH_TICK_MS = 5000;

let instance: Promise<Api> | undefined;
/** What `shutdown` must undo: the database handle and the timers of this process. */
let running: { readonly db: DbHandle; readonly stop: () => Promise<void> } | undefined;

async function build(): Promise<Api> {
	const db = createDb({ url: process.env['DATABASE_URL'], dataDir: process.env['DATA_DIR'] });
	const migrated = await db.migrate();
	if (!migrated.ok) throw new Error('database migration failed');
	// After restoring a database backup: start once with CERCLE_RENEW_EPOCH=1, so every device
	// resets its checkpoints and re-sends what the restored copy lacks (server/sync/epoch.ts).
	if (process.env['CERCLE_RENEW_EPOCH'] === '1') {
		await createEpoch({ db, now: () => Date.now(), newId: () => randomUUID() }).renew();
	}
	const prune = (): void => {
		pruneExpired(db, Date.now()).catch((error: unknown) => {
			logUnexpected('prune', error);
		});
	};
	prune();
	const pruneTimer = setInterval(prune, PRUNE_INTERVAL_MS);
	pruneTimer.unref();
	const started = startPush(db);
	const push = started?.service;
	running = {
		db,
		stop: async () => {
			clearInterval(pruneTimer);
			await started?.stop();
		}
	};
	return createApi({
		db,
		now: () => Date.now(),
		randomBytes: (length) => getRandomValues(new Uint8Array(length)),
		newId: () => randomUUID(),
		serverSecret: process.env['CERCLE_SERVER_SECRET'],
		signupsPerHour: signupsPerHour(process.env['CERCLE_SIGNUPS_PER_HOUR']),
		push
	});
}

function startPush(
	db: DbHandle
): { readonly service: PushService; readonly stop: () => Promise<void> } | undefined {
	const service = createPushService({
		db: db.db,
		dialect: db.dialect,
		env: process.env,
		dataDir: process.env['DATA_DIR'] ?? './data',
		now: () => Date.now(),
		newId: () => randomUUID(),
		instanceId: randomUUID()
	});
	if (!service.ok) {
		logUnexpected('push', { code: service.error.type });
		return undefined;
	}
	const stop = service.value.start(PUSH_TICK_MS);
	return { service: service.value, stop };
}

/**
 * Graceful shutdown, after the HTTP server has stopped accepting and finished its requests: stops
 * the reminder scheduler (waiting for a tick in progress, so no claimed job is cut mid-send) and
 * the pruning timer, then closes the database, so nothing holds the event loop. Idempotent.
 */
export async function shutdown(): Promise<void> {
	const current = running;
	running = undefined;
	instance = undefined;
	if (current === undefined) return;
	await current.stop();
	await current.db.destroy();
}

/** CERCLE_SIGNUPS_PER_HOUR as a positive whole number, or the default when unset or invalid. */
function signupsPerHour(value: string | undefined): number | undefined {
	if (value === undefined || !/^\d+$/u.test(value)) return undefined;
	const n = Number(value);
	return n > 0 ? n : undefined;
}

export function getApi(): Promise<Api> {
	instance ??= build().catch((error: unknown) => {
		instance = undefined;
		throw error;
	});
	return instance;
}

/** The part of a SvelteKit RequestEvent the API needs. */
export interface EndpointEvent {
	readonly request: Request;
	readonly url: URL;
	readonly params: Partial<Record<string, string>>;
	readonly getClientAddress: () => string;
}

function clientAddress(event: EndpointEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Adapter used by every `+server.ts`: picks the handler and passes it the request. */
export async function handleEndpoint(
	event: EndpointEvent,
	pick: (api: Api) => (req: ApiRequest) => Promise<Response>
): Promise<Response> {
	const api = await getApi();
	const params: Record<string, string> = {};
	for (const [key, value] of Object.entries(event.params)) {
		if (value !== undefined) params[key] = value;
	}
	return pick(api)({ request: event.request, url: event.url, ip: clientAddress(event), params });
}

/**
 * The whole of a `+server.ts` export: `export const GET: RequestHandler = endpoint('listSessions')`
 * binds the method to the handler named like its route in `src/lib/contracts/routes.ts`.
 */
export const endpoint =
	(name: RouteName) =>
	(event: EndpointEvent): Promise<Response> =>
		handleEndpoint(event, (api) => api[name]);
