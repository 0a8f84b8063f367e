// Production entry: the SvelteKit adapter-node handler behind a plain Node HTTP server, so that the
// baseline security headers reach every response, static files included (hooks.server.ts only sees
// the requests SvelteKit renders).
import { createServer } from 'node:http';

// Resolved at run time so that type-checking never walks into the generated build.
const buildHandler = new URL('../build/handler.js', import.meta.url).href;
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void }} */
const { handler } = await import(buildHandler);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

/** @param {import('node:http').ServerResponse} res */
function setBaselineHeaders(res) {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'no-referrer');
	res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

createServer((req, res) => {
	setBaselineHeaders(res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
}).listen(port, host, () => {
	process.stdout.write(`Cercle listening on http://${host}:${port}\n`);
});
