// UUIDv7 (RFC 9562) formatting from a timestamp and random bits, and reading the timestamp back.
// Why: record ids are UUIDv7 so they sort by creation time; the sample person needs ids whose
// timestamp is the (past) time of each record, from an injected source of randomness.
// Invariant: `uuidV7Timestamp(uuidV7(ms, random))=== ms` for 0 ≤ ms < 2^48.

const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');

/** A UUIDv7 for `ms`, its 74 random bits drawn from `random` (uniform in [0, 1)). */
export const uuidV7 = (ms: number, random: () => number): string => {
	const time = hex(Math.floor(ms), 12);
	const randA = hex(Math.floor(random() * 0x1000), 3);
	const variantAndB = hex(0x8000 | Math.floor(random() * 0x4000), 4);
	const randB = hex(Math.floor(random() * 0x1000000), 6) + hex(Math.floor(random() * 0x1000000), 6);
	return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variantAndB}-${randB}`;
};

/** The millisecond timestamp in a UUIDv7, or null if `id` is not one. */
export const uuidV7Timestamp = (id: string): number | null => {
	const match = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.exec(
		id
	);
	return match === null ? null : Number.parseInt(`${match[1] ?? ''}${match[2] ?? ''}`, 16);
};

/** An id factory for records: `(at) => UUIDv7 whose timestamp is at`. */
export type IdFactory = (at: number) => string;

export const createUuidV7Factory =
	(random: () => number): IdFactory =>
	(at) =>
		uuidV7(at, random);
