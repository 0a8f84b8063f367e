// Which push endpoints the server will ever send to. Why: a subscription endpoint is a URL the
// server fetches on its own; accepting any https URL and port made it a request-forgery and
// port-scan oracle into the server's network. Invariant: only https on port 443, no credentials in
// the URL, and a host of a known browser push service (Chrome/Edge/Opera via FCM, Firefox via
// Mozilla autopush, Edge via WNS, Safari via Apple). Redirects are never followed: web-push sends
// with Node's https.request, which does not follow them, and the sender treats a 3xx as a dead
// subscription (server/push/sender.ts).

/** Exact hosts of the push services browsers use. */
export const PUSH_SERVICE_HOSTS: readonly string[] = [
	'fcm.googleapis.com',
	'android.googleapis.com',
	'updates.push.services.mozilla.com',
	'web.push.apple.com'
];

/** Host suffixes of services that shard by subdomain (WNS: wns2-par02p.notify.windows.com). */
export const PUSH_SERVICE_SUFFIXES: readonly string[] = ['.notify.windows.com', '.push.apple.com'];

/**
 * `extraOrigins`: exact `host:port` pairs allowed besides the push services, for tests only (the
 * loopback fake push service); production passes none.
 */
export function isPushServiceEndpoint(
	endpoint: string,
	extraOrigins: readonly string[] = []
): boolean {
	if (!URL.canParse(endpoint)) return false;
	const url = new URL(endpoint);
	if (url.protocol !== 'https:') return false;
	if (url.username !== '' || url.password !== '') return false;
	if (extraOrigins.includes(url.host)) return true;
	// The URL parser drops the default port, so any port left is not 443.
	if (url.port !== '') return false;
	const host = url.hostname.toLowerCase();
	return (
		PUSH_SERVICE_HOSTS.includes(host) ||
		PUSH_SERVICE_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length)
	);
}
