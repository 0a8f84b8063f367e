// The session cookie. `__Host-` pins it to this origin, path / and Secure; HttpOnly keeps it from
// scripts; SameSite=Lax plus the Origin check (server/http/guard.ts) stops cross-site writes.
export const SESSION_COOKIE = '__Host-cercle_session';

export function serializeSessionCookie(token: string, expiresAt: number, now: number): string {
	const maxAge = Math.max(0, Math.round((expiresAt - now) / 1000));
	return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAge}`;
}

export function clearSessionCookie(): string {
	return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export function readSessionToken(request: Request): string | null {
	const header = request.headers.get('cookie');
	if (header === null) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
	}
	return null;
}

/**
 * Sent when this device signs out for good ("Forget this device"): the browser drops this origin's
 * cookies and HTTP cache. Not "storage": in Chromium, clearing storage from the header while the
 * page deletes its own databases left the page waiting on IndexedDB (seen in the forget-device
 * e2e), so the device deletes every database, Cache Storage cache and localStorage itself
 * (src/lib/vault/wipe.ts), which also covers browsers that ignore the header.
 */
export const CLEAR_SITE_DATA = '"cache", "cookies"';
