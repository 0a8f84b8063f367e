// BLAKE2b (RFC 7693), unkeyed, for Argon2id's H0 and H' (`argon2id.ts`): a few dozen small
// hashes per derivation, so plain JavaScript on 32-bit halves is enough and costs ~1 kB instead of
// a second WebAssembly module. Invariant: equal to BLAKE2b-8n for every input and n in 1..64 (held
// by the unit test against the RFC's vectors and hash-wasm's BLAKE2b).

// The IV as 32-bit halves, low half first.
const IV = [
	0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
	0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19
];

// The message schedule σ, ten rows of sixteen hex digits (rounds 10 and 11 reuse rows 0 and 1).
const SIGMA = Array.from(
	'0123456789abcdefea489fd61c02b753b8c052fdae3671947931dcbe265a40f8905724afe1bc683d2c6a0b834d75fe19c51fed4a0763928bdb7ec13950f4862a6fe9b308c2d714a5a2847615fb9e3cd0',
	(digit) => parseInt(digit, 16)
);

const v = new Uint32Array(32);
const m = new Uint32Array(32);

/** v[a] += v[b] (64-bit, on halves). */
function add(a: number, b: number): void {
	const low = (v[a] ?? 0) + (v[b] ?? 0);
	v[a + 1] = (v[a + 1] ?? 0) + (v[b + 1] ?? 0) + (low > 0xffffffff ? 1 : 0);
	v[a] = low;
}

/** v[a] += m[i] (64-bit, on halves). */
function addWord(a: number, i: number): void {
	const low = (v[a] ?? 0) + (m[i] ?? 0);
	v[a + 1] = (v[a + 1] ?? 0) + (m[i + 1] ?? 0) + (low > 0xffffffff ? 1 : 0);
	v[a] = low;
}

/** v[d] = (v[d] ^ v[a]) rotated right by `bits` (16, 24 or 32). */
function xorRotate(d: number, a: number, bits: number): void {
	const low = (v[d] ?? 0) ^ (v[a] ?? 0);
	const high = (v[d + 1] ?? 0) ^ (v[a + 1] ?? 0);
	if (bits === 32) {
		v[d] = high;
		v[d + 1] = low;
	} else {
		v[d] = (low >>> bits) | (high << (32 - bits));
		v[d + 1] = (high >>> bits) | (low << (32 - bits));
	}
}

function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
	add(a, b);
	addWord(a, x);
	xorRotate(d, a, 32);
	add(c, d);
	xorRotate(b, c, 24);
	add(a, b);
	addWord(a, y);
	xorRotate(d, a, 16);
	add(c, d);
	// Rotate right by 63, i.e. left by 1.
	const low = (v[b] ?? 0) ^ (v[c] ?? 0);
	const high = (v[b + 1] ?? 0) ^ (v[c + 1] ?? 0);
	v[b] = (low << 1) | (high >>> 31);
	v[b + 1] = (high << 1) | (low >>> 31);
}

function compress(h: Uint32Array, block: Uint8Array, counted: number, last: boolean): void {
	v.set(h);
	v.set(IV, 16);
	v[24] = (v[24] ?? 0) ^ counted;
	v[25] = (v[25] ?? 0) ^ Math.floor(counted / 0x100000000);
	if (last) {
		v[28] = ~(v[28] ?? 0);
		v[29] = ~(v[29] ?? 0);
	}
	const view = new DataView(block.buffer, block.byteOffset, 128);
	for (let i = 0; i < 32; i++) m[i] = view.getUint32(i * 4, true);
	for (let round = 0; round < 12; round++) {
		const s = (round % 10) * 16;
		const at = (k: number) => (SIGMA[s + k] ?? 0) * 2;
		mix(0, 8, 16, 24, at(0), at(1));
		mix(2, 10, 18, 26, at(2), at(3));
		mix(4, 12, 20, 28, at(4), at(5));
		mix(6, 14, 22, 30, at(6), at(7));
		mix(0, 10, 20, 30, at(8), at(9));
		mix(2, 12, 22, 24, at(10), at(11));
		mix(4, 14, 16, 26, at(12), at(13));
		mix(6, 8, 18, 28, at(14), at(15));
	}
	for (let i = 0; i < 16; i++) h[i] = (h[i] ?? 0) ^ (v[i] ?? 0) ^ (v[i + 16] ?? 0);
}

/** BLAKE2b of `input` with an output of `outLength` bytes (1 to 64). */
export function blake2b(input: Uint8Array, outLength: number): Uint8Array {
	if (!Number.isInteger(outLength) || outLength < 1 || outLength > 64) {
		throw new RangeError('BLAKE2b output length must be 1 to 64 bytes');
	}
	const h = Uint32Array.from(IV);
	h[0] = (h[0] ?? 0) ^ 0x01010000 ^ outLength;
	let offset = 0;
	for (; input.length - offset > 128; offset += 128) {
		compress(h, input.subarray(offset, offset + 128), offset + 128, false);
	}
	const last = new Uint8Array(128);
	last.set(input.subarray(offset));
	compress(h, last, input.length, true);
	const out = new Uint8Array(64);
	const view = new DataView(out.buffer);
	for (let i = 0; i < 16; i++) view.setUint32(i * 4, h[i] ?? 0, true);
	return out.slice(0, outLength);
}
