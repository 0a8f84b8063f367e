// Request guard and response headers shared by hooks.server.ts and the tests. Every state-changing
// request (POST/PUT/PATCH/DELETE, whatever its content type) must carry an Origin equal to the
// app's own origin: a missing or foreign Origin is refused with 403 before any handler runs.
// SvelteKit's csrf.checkOrigin only covers form content types; this covers JSON too.
import { errorResponse } from './errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isStateChanging(method: string): boolean {
	return STATE_CHANGING.has(method.toUpperCase());
}

/** Returns the 403 response to send, or null when the request may proceed. */
export function checkOrigin(request: Request, appOrigin: string): Response | null {
	if (!isStateChanging(request.method)) return null;
	const origin = request.headers.get('origin');
	if (origin === null || origin !== appOrigin) return errorResponse({ type: 'forbidden-origin' });
	return null;
}

/** Baseline headers on every response; API responses are never cached. */
export function applySecurityHeaders(headers: Headers, pathname: string): void {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'no-referrer');
	headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	if (pathname === '/api' || pathname.startsWith('/api/')) {
		headers.set('Cache-Control', 'no-store');
	}
}
