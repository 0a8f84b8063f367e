// "Known device" cookie: lets the person through the per-login cap that slows a distributed attack
// (LOGIN_TOTAL_RULE in ./accounts.ts), so nobody can lock a person out of their account by failing
// logins from many addresses. Invariant: the value is HMAC-SHA256(server secret, login) — only a
// browser that once logged in (or signed up) as this login holds it; it exempts from nothing else
// (the per-address and per-login-and-address caps still apply), holds no account id, and is
// dropped with the other cookies by "Forget this device" (Clear-Site-Data: "cookies").
import { createHmac, timingSafeEqual } from 'node:crypto';

export const KNOWN_DEVICE_COOKIE = '__Host-cercle_known';
const ONE_YEAR_S = 365 * 24 * 60 * 60;

export const knownDeviceToken = (secret: Uint8Array, login: string): string =>
	createHmac('sha256', secret).update(`known-device:${login}`, 'utf8').digest('base64url');

export const serializeKnownDeviceCookie = (token: string): string =>
	`${KNOWN_DEVICE_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${ONE_YEAR_S}`;

export function readKnownDeviceToken(request: Request): string | null {
	const header = request.headers.get('cookie');
	if (header === null) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq !== -1 && part.slice(0, eq).trim() === KNOWN_DEVICE_COOKIE)
			return part.slice(eq + 1).trim();
	}
	return null;
}

export function isKnownDevice(
	secret: Uint8Array,
	login: string,
	presented: string | null
): boolean {
	if (presented === null) return false;
	const expected = Buffer.from(knownDeviceToken(secret, login));
	const given = Buffer.from(presented);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
