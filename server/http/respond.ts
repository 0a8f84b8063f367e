// JSON responses for the API. Every API response is `Cache-Control: no-store`: they carry session
// state or ciphertext and must never sit in a shared or browser cache.
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
	const h = new Headers(headers);
	h.set('Content-Type', 'application/json; charset=utf-8');
	h.set('Cache-Control', 'no-store');
	return new Response(JSON.stringify(body), { status, headers: h });
}

export function emptyResponse(status = 204, headers: HeadersInit = {}): Response {
	const h = new Headers(headers);
	h.set('Cache-Control', 'no-store');
	return new Response(null, { status, headers: h });
}
