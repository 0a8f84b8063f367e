// Opening a member circle of 10,000 records in headless Chromium (real IndexedDB and WebCrypto),
// issue 18 §5: the person's records are sealed here with her category keys, wrapped and signed to
// the member as the person's device does, and served by an in-page fake of the three endpoints a
// member circle calls (keys, members, pull), so only the device's own work is measured. One
// "opening" is what the member screen does: open the circle (keys checked and unwrapped, pull),
// then read each category's last entries and the medicines and goals they name (lasting digests).
// The first opening pulls and decrypts everything; the second reads the cache and its digests.
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import { exportPublicKey, generateSharingKeyPair } from '$lib/crypto/sharing';
import { wrapAndSignForMember } from '$lib/crypto/signed-wrap';
import type { Category } from '$lib/domain/categories';
import { lastingDigestQuery } from '$lib/state/journal-digest';
import { createClock } from '$lib/sync/hlc';
import { sealEnvelope } from '$lib/vault/envelope';
import type { Envelope } from '$lib/sync/types';
import { uuidv7 } from '$lib/domain/ids';
import { openMemberCircleWith } from '$lib/vault/member-circle';
import { forgetMemberCircle } from '$lib/vault/member-db';

const DAY = 86_400_000;
const CATEGORIES: readonly Category[] = ['symptoms', 'measurements', 'medications', 'goals'];
const CIRCLE = '0190a000-0000-7000-8000-000000000001';
const OWNER = '0190a000-0000-7000-8000-000000000002';
const MEMBER = '0190a000-0000-7000-8000-000000000003';

interface Prepared {
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	readonly identity: { readonly publicKey: string; readonly privateKey: CryptoKey };
	readonly ownerIdentityKey: string;
}

let prepared: Prepared | null = null;

function json(value: unknown): Response {
	return new Response(JSON.stringify(value), {
		status: 200,
		headers: { 'content-type': 'application/json' }
	});
}

function body(i: number, category: Category): { kind: string; body: unknown } {
	const note = 'walked to the market, knee a little sore '.repeat(6);
	if (category === 'medications' && i % 40 === 2) {
		return { kind: 'medication', body: { kind: 'medication', name: `Medicine ${String(i)}` } };
	}
	return { kind: 'bench', body: { severity: i % 11, value: i * 1.5, note } };
}

async function prepare(count: number): Promise<void> {
	const owner = await generateIdentityKeyPair();
	const sharing = await generateSharingKeyPair();
	const memberPublic = await exportPublicKey(sharing.publicKey);
	const now = Date.now();
	const keys = [];
	const categoryKeys = new Map<Category, { keyId: string; key: CryptoKey }>();
	for (const category of CATEGORIES) {
		const keyId = `k-${category}`;
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
			'encrypt',
			'decrypt'
		]);
		const wrapped = await wrapAndSignForMember(
			key,
			memberPublic,
			{ circleId: CIRCLE, category, keyId, memberAccountId: MEMBER },
			{ privateKey: owner.privateKey },
			now
		);
		if (wrapped === null) throw new Error('wrap');
		keys.push({ category, keyId, wrapped, createdAt: now });
		categoryKeys.set(category, { keyId, key });
	}
	const clock = createClock({ now: () => now, nodeId: '00000000000000aa' });
	if (!clock.ok) throw new Error('clock');
	const envelopes: (Envelope & { seq: number; deviceId: string })[] = [];
	for (let i = 0; i < count; i++) {
		const at = now - Math.floor((i / count) * 540 * DAY) - 60_000;
		const category = CATEGORIES[i % CATEGORIES.length] ?? 'symptoms';
		const k = categoryKeys.get(category);
		if (k === undefined) throw new Error('key');
		const { kind, body: b } = body(i, category);
		const sealed = await sealEnvelope(k.key, k.keyId, CIRCLE, category, {
			id: uuidv7(at),
			kind,
			at,
			hlc: clock.value.tick(),
			deleted: false,
			body: b,
			author: OWNER
		});
		envelopes.push({ ...sealed, seq: i + 1, deviceId: 'phone' });
	}
	const ownerIdentityKey = await exportIdentityPublicKey(owner.publicKey);
	const keysResponse = {
		ownerAccountId: OWNER,
		ownerPublicKey: null,
		ownerIdentityKey,
		keys
	};
	const grants = CATEGORIES.map((category) => ({ category, access: 'read', until: null }));
	const members = {
		members: [
			{
				accountId: MEMBER,
				role: 'carer',
				label: 'Claire',
				status: 'active',
				joinedAt: now,
				publicKey: null,
				identityKey: null,
				grants
			}
		]
	};
	const fetch = (input: string): Promise<Response> => {
		const url = new URL(input, 'http://bench.invalid');
		if (url.pathname.endsWith('/keys')) return Promise.resolve(json(keysResponse));
		if (url.pathname.endsWith('/members')) return Promise.resolve(json(members));
		if (url.pathname === '/api/sync/pull') {
			const since = Number(url.searchParams.get('since') ?? 0);
			const limit = Number(url.searchParams.get('limit') ?? 1000);
			const page = envelopes.slice(since, since + limit);
			return Promise.resolve(
				json({
					envelopes: page,
					checkpoint: page.at(-1)?.seq ?? since,
					hasMore: since + page.length < envelopes.length,
					epoch: 'bench',
					reset: false
				})
			);
		}
		return Promise.resolve(json({ acks: [] }));
	};
	// The member's sharing private key, non-extractable as in the member's vault.
	const privateKey = await crypto.subtle.importKey(
		'jwk',
		await crypto.subtle.exportKey('jwk', sharing.privateKey),
		{ name: 'ECDH', namedCurve: 'P-256' },
		false,
		['deriveBits']
	);
	prepared = { fetch, identity: { publicKey: memberPublic, privateKey }, ownerIdentityKey };
	await forgetMemberCircle(CIRCLE);
}

/** One opening as the member screen does it; returns its wall time and what it read. */
async function openOnce(): Promise<{
	ms: number;
	openMs: number;
	shown: number;
	medicines: number;
}> {
	if (prepared === null) throw new Error('prepare first');
	const start = performance.now();
	const opened = await openMemberCircleWith({
		circleId: CIRCLE,
		accountId: MEMBER,
		ownerName: 'Maman',
		identity: prepared.identity,
		signingKey: null,
		ownerIdentityKey: prepared.ownerIdentityKey,
		fetch: prepared.fetch,
		deviceId: '0190a000-0000-7000-8000-0000000000dd',
		autoSync: false
	});
	if (!opened.ok) throw new Error(`open ${opened.error.type}`);
	const openMs = performance.now() - start;
	const view = opened.value;
	const recent = await Promise.all(
		CATEGORIES.map((category) => view.records.query({ category, newest: 20 }))
	);
	const [medicines] = await Promise.all([
		view.records.derive(lastingDigestQuery('medications')),
		view.records.derive(lastingDigestQuery('goals'))
	]);
	const ms = performance.now() - start;
	view.close();
	return {
		ms,
		openMs,
		shown: recent.reduce((n, r) => n + r.length, 0),
		medicines: medicines.reduce((n, d) => n + d.value.length, 0)
	};
}

Object.assign(globalThis, { cercleMemberBench: { prepare, openOnce } });
document.body.dataset['ready'] = 'true';
