// Session tokens in the Lucia style: 160 random bits encoded in lowercase base32 for the cookie;
// the database only ever stores the SHA-256 hex of the token, so a leaked table cannot be replayed.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export const TOKEN_BYTES = 20;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export function generateSessionToken(randomBytes: (length: number) => Uint8Array): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(TOKEN_BYTES));
}

export function isWellFormedToken(token: string): boolean {
	return TOKEN_PATTERN.test(token);
}

export function sha256Hex(value: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}

export const sessionIdFromToken = (token: string): string => sha256Hex(token);
