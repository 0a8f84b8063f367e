// Production entry: the SvelteKit adapter-node handler behind a plain Node HTTP server, so that the
// baseline security headers reach every response, static files included (hooks.server.ts only sees
// the requests SvelteKit renders). It is the only entry: the build's own build/index.js is
// replaced by an import of this file (svelte.config.js), so both start the same server.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

/**
 * The origin every state-changing request must come from (server/http/guard.ts). adapter-node
 * reads ORIGIN when the handler is imported; left unset it would assume https:// and refuse every
 * request from the http:// address printed below, so the README's `npm start` could not create an
 * account. Unset, it is the address this server listens on (a wildcard host is named `localhost`).
 * @param {string} listenHost
 * @param {number} listenPort
 */
function defaultOrigin(listenHost, listenPort) {
	const wildcard = listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '';
	const name = wildcard ? 'localhost' : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
	return `http://${name}:${listenPort}`;
}

if (!process.env.ORIGIN) process.env.ORIGIN = defaultOrigin(host, port);
const origin = process.env.ORIGIN;

// Resolved at run time so that type-checking never walks into the generated build.
const buildHandler = new URL('../build/handler.js', import.meta.url).href;
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void }} */
const { handler } = await import(buildHandler);

/** @param {import('node:http').ServerResponse} res */
function setBaselineHeaders(res) {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'no-referrer');
	res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

const server = createServer((req, res) => {
	setBaselineHeaders(res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => {
	process.stdout.write(`Cercle listening on http://${host}:${port}\n`);
	process.stdout.write(
		`Cercle accepts requests from ${origin}: open that address (set ORIGIN to the public address behind a proxy)\n`
	);
});

/**
 * Graceful shutdown on SIGTERM (process managers, containers) and SIGINT: stop accepting, close
 * idle keep-alive connections, let requests in flight finish for up to SHUTDOWN_TIMEOUT seconds
 * (default 10), then emit `sveltekit:shutdown` so the app stops the reminder scheduler and closes
 * the database (src/hooks.server.ts), and exit 0 once nothing is left running.
 */
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000;
let stopping = false;
/** @param {NodeJS.Signals} signal */
function stop(signal) {
	if (stopping) return;
	stopping = true;
	process.stdout.write(`Cercle stopping (${signal}): finishing requests in flight\n`);
	server.close(() => {
		// The event adapter-node emits (its ambient types are not loaded here, hence the cast).
		const emit = /** @type {(event: string, reason: string) => boolean} */ (
			process.emit.bind(process)
		);
		emit('sveltekit:shutdown', signal);
		// Whatever still holds the event loop after the app's cleanup must not keep it alive forever.
		setTimeout(() => process.exit(0), shutdownTimeoutMs).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
