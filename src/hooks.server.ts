// Server hooks: migrations run at start (`init`), every state-changing request passes the Origin
// check (JSON included, unlike SvelteKit's form-only csrf check), every response gets the baseline
// security headers and API responses are never cached. On shutdown the scheduler and the database
// are closed. Unexpected errors are logged without their
// message and answered without a stack trace.
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getApi, shutdown } from '$server/context';
import { applySecurityHeaders, checkOrigin } from '$server/http/guard';
import { logUnexpected } from '$server/http/log';

export const init: ServerInit = async () => {
	await getApi();
	// Emitted by server/start.js (and adapter-node) once the HTTP server has closed: stop the
	// reminder scheduler and close the database so the process can exit. Registered once.
	if (process.listenerCount('sveltekit:shutdown') === 0) {
		process.on('sveltekit:shutdown', () => {
			shutdown().catch((error: unknown) => {
				logUnexpected('shutdown', error);
			});
		});
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const refused = checkOrigin(event.request, event.url.origin);
	if (refused !== null) {
		applySecurityHeaders(refused.headers, event.url.pathname);
		return refused;
	}
	const response = await resolve(event);
	applySecurityHeaders(response.headers, event.url.pathname);
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) logUnexpected('request', error);
	return { message: status >= 500 ? 'Internal Error' : 'Error' };
};
