// Record ids are UUIDv7 (RFC 9562): sortable by creation time, and the vault files a record in the
// bucket of the week its id was created in, so an id alone says where a record lives (no extra
// index rows). The one implementation: the vault, state and the sample person (whose ids carry
// the past time of each record, from injected randomness) all mint ids here.
// Invariant: `uuidv7Time(uuidv7(ms)) === ms` for 0 ≤ ms < 2^48.
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => void;

const defaultFill: RandomFill = (bytes) => {
	crypto.getRandomValues(bytes);
};

export function uuidv7(nowMs: number, fill: RandomFill = defaultFill): string {
	const bytes = new Uint8Array(16);
	fill(bytes);
	const ms = Math.max(0, Math.floor(nowMs));
	bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
	bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
	bytes[2] = Math.floor(ms / 2 ** 24) & 0xff;
	bytes[3] = Math.floor(ms / 2 ** 16) & 0xff;
	bytes[4] = Math.floor(ms / 2 ** 8) & 0xff;
	bytes[5] = ms & 0xff;
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidv7(id: string): boolean {
	return UUID_RE.test(id);
}

/** Milliseconds since epoch encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
	return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** An id factory for records: `(at) => UUIDv7 whose timestamp is at`. */
export type IdFactory = (at: number) => string;

/** Ids from an injected source of randomness (uniform in [0, 1)), e.g. a seeded generator. */
export const createUuidV7Factory =
	(random: () => number): IdFactory =>
	(at) =>
		uuidv7(at, (bytes) => {
			for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
		});
