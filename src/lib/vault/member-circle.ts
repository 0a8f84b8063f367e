// A circle this account is a member of, opened on this device (issue 5 §6 "Member views"):
// - keys: GET /api/circles/:c/keys gives the category keys wrapped to this account; a wrap is
//   accepted only with the signature of the owner identity key this device PINNED when the
//   invitation proof verified (issue 12: the server can make valid ECDH wraps, not signatures);
//   it is unwrapped with this account's sharing identity (non-extractable) and held in memory only;
// - records: every envelope pulled from /api/sync/pull?circle=:c (the server sends only readable
//   categories and audits each pull) is cached as ciphertext in this circle's own Dexie database,
//   opened with the same binding and payload as the person's vault (`envelope.ts`), merged per
//   record by HLC (`merge.ts`) in memory, and served through the `CircleRecords` API;
// - writes (categories with a write grant only): sealed with the category's newest key, marked
//   with the author (this account), timestamped with this device's HLC, kept in the outbox as
//   ciphertext and pushed with this device id; a refused category never leaves the device.
// Invariants: nothing decrypted is persisted; a 403/404 from the server (removed, circle gone)
// deletes this circle's cache and ends in the `removed` state; reopening pulls only what came
// after the stored checkpoint, and works offline from the cache; under a new server epoch (a
// restored database) the circle is pulled again from 0 and this member's own writes the server
// lost are pushed again from the cache; an envelope opens only with a key of its own category.
import * as z from 'zod';
import { myKeysResponseSchema, type Member } from '$lib/contracts/circle';
import { createApiClient, type ApiError } from '$lib/contracts/client';
import { randomBytes, toHex } from '$lib/crypto/bytes';
import { openSignedWrap, signedWrapCreatedAt } from '$lib/crypto/signed-wrap';
import { categorySchema, type Category } from '$lib/domain/categories';
import { authorize, grantSchema, type Grant } from '$lib/domain/circle';
import { err, ok, type Result } from '$lib/domain/result';
import type { CircleRecords, CircleView } from './circle-view';
import { hlcSchema } from '$lib/contracts/sync';
import { createClock, type Clock } from '$lib/sync/hlc';
import { merge, type Versioned } from '$lib/sync/merge';
import { createHttpTransport, transportErrorOf } from '$lib/sync/transport-http';
import type { Envelope, TransportError, TransportPort } from '$lib/sync/types';
import type { CommitError, RecordOp, RecordQuery, VaultRecord } from './api';
import type { StoredRecord } from './buckets';
import { openEnvelope, sealEnvelope } from './envelope';
import { uuidv7 } from './ids';
import { MemberCircleDb, memberDbName } from './member-db';

export type MemberCircleError =
	| { readonly type: 'locked' }
	| { readonly type: 'offline' }
	| { readonly type: 'auth-required' }
	/** No longer a member (removed, or the circle is gone): the cache was deleted. */
	| { readonly type: 'removed' }
	/** Accepted, but the person has not confirmed the invitation yet. */
	| { readonly type: 'pending' }
	/** None of the wrapped keys opened with this account's identity and the owner's signature. */
	| { readonly type: 'keys-invalid' }
	/** No pinned owner identity on this device: no wrap can be accepted. */
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'server'; readonly status: number }
	| { readonly type: 'invalid-response' };

export interface SharingIdentityKeys {
	readonly publicKey: string;
	readonly privateKey: CryptoKey;
}

export interface MemberCircleDeps {
	readonly circleId: string;
	/** This account's id (the member). */
	readonly accountId: string;
	/**
	 * How the screen names the person ("Maman"): the member's own label for the circle, as listed
	 * by GET /api/circles; null when it could not be fetched (the cached one is used).
	 */
	readonly ownerName: string | null;
	readonly identity: SharingIdentityKeys;
	/** The owner's identity key as PINNED in this vault (never as listed by the server), or null. */
	readonly ownerIdentityKey: string | null;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	/** This device's id (registered to this account on its first push). */
	readonly deviceId: string;
	readonly baseUrl?: string;
	readonly now?: () => number;
	readonly indexedDB?: IDBFactory;
	readonly IDBKeyRange?: typeof IDBKeyRange;
	/** Push right after each commit (the app); tests call `sync()` themselves. */
	readonly autoSync?: boolean;
}

export interface SyncReport {
	readonly pulled: number;
	readonly pushed: number;
	readonly rejected: number;
	/** Sealed writes still waiting for the server. */
	readonly pending: number;
}

/** The member's view of one circle, plus what the member screen needs beyond `CircleView`. */
export interface MemberCircle extends CircleView {
	/** This member's grants as last fetched from the server (until when, read or write). */
	readonly grants: () => readonly Grant[];
	/** true when the last contact with the server failed for lack of network. */
	readonly offline: () => boolean;
	/** Pulled envelopes that did not authenticate or parse (never shown), since opening. */
	readonly unreadable: () => number;
	/** Pull what is new and push waiting writes (serialised with every other sync of this view). */
	readonly sync: () => Promise<Result<SyncReport, MemberCircleError>>;
	/** Called after each sync with its outcome (the UI shows the `removed` state). */
	readonly onSync: (
		listener: (result: Result<SyncReport, MemberCircleError>) => void
	) => () => void;
	readonly close: () => void;
}

const CHECKPOINT = 'checkpoint';
/** The record id of the envelope at the checkpoint's seq (sent as `sinceId`). */
const CHECKPOINT_ID = 'checkpoint-id';
/** The server epoch last pulled under, and the mark of a full compare in progress. */
const EPOCH = 'epoch';
const COMPARE = 'compare';
const KEYS = 'keys';
const MEMBERS = 'members';
const NODE = 'node';
const CLOCK = 'clock';
const REJECTED = 'rejected';
const OWNER_NAME = 'ownerName';
const PULL_LIMIT = 1000;
const PUSH_LIMIT = 500;

const cachedMembersSchema = z.array(
	z.object({ accountId: z.string(), label: z.string(), grants: z.array(grantSchema).nullable() })
);

function toVersioned(r: StoredRecord): Versioned<unknown> {
	return { id: r.id, hlc: r.hlc, base: r.base ?? null, deleted: r.deleted, body: r.body };
}

const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

type GetError = TransportError;

/** An access answer (keys, members) in the transport's words; a 404 means removed, as a 403. */
async function access<T>(call: Promise<Result<T, ApiError>>): Promise<Result<T, GetError>> {
	const result = await call;
	if (result.ok) return result;
	return err(
		result.error.type === 'not-found' ? { type: 'forbidden' } : transportErrorOf(result.error)
	);
}

function toMemberError(e: TransportError): MemberCircleError {
	switch (e.type) {
		case 'offline':
		case 'rate-limited':
			return { type: 'offline' };
		case 'auth-required':
			return { type: 'auth-required' };
		case 'forbidden':
			return { type: 'removed' };
		case 'forbidden-origin':
			return { type: 'server', status: 403 };
		case 'server':
			return { type: 'server', status: e.status };
		case 'bad-request':
			return { type: 'server', status: e.status };
		case 'invalid-response':
			return { type: 'invalid-response' };
	}
}

interface Keyring {
	readonly byId: Map<string, CryptoKey>;
	/** keyId → the category it was wrapped for: an envelope opens only with its own category's. */
	readonly categoryOf: Map<string, Category>;
	/** category → the newest key's id (what writes use). */
	readonly active: Map<Category, string>;
}

async function unwrapAll(
	deps: MemberCircleDeps,
	ownerIdentityKey: string,
	keys: z.infer<typeof myKeysResponseSchema>['keys']
): Promise<Keyring> {
	const byId = new Map<string, CryptoKey>();
	const categoryOf = new Map<string, Category>();
	const newest = new Map<Category, { keyId: string; createdAt: number }>();
	for (const k of keys) {
		const binding = {
			circleId: deps.circleId,
			category: k.category,
			keyId: k.keyId,
			memberAccountId: deps.accountId
		};
		const key = await openSignedWrap(k.wrapped, deps.identity, binding, ownerIdentityKey);
		if (key === null) continue;
		byId.set(k.keyId, key);
		categoryOf.set(k.keyId, k.category);
		// The signed time, not the server's: the owner only ever wraps a category's ACTIVE key, so
		// the newest signed wrap names the key writes must use (no rollback to an older key).
		const createdAt = signedWrapCreatedAt(k.wrapped) ?? 0;
		const seen = newest.get(k.category);
		if (seen === undefined || createdAt >= seen.createdAt) {
			newest.set(k.category, { keyId: k.keyId, createdAt });
		}
	}
	return { byId, categoryOf, active: new Map([...newest].map(([c, v]) => [c, v.keyId])) };
}

/** Deletes the cached copy of a circle (after removal, or when the person forgets the device). */
export async function forgetMemberCircle(
	circleId: string,
	options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}
): Promise<void> {
	const db = new MemberCircleDb(memberDbName(circleId), options);
	await db.delete();
}

export async function openMemberCircleWith(
	deps: MemberCircleDeps
): Promise<Result<MemberCircle, MemberCircleError>> {
	const now = deps.now ?? (() => Date.now());
	const dbOptions = {
		...(deps.indexedDB ? { indexedDB: deps.indexedDB } : {}),
		...(deps.IDBKeyRange ? { IDBKeyRange: deps.IDBKeyRange } : {})
	};
	const db = new MemberCircleDb(memberDbName(deps.circleId), dbOptions);
	const api = createApiClient(
		deps.fetch,
		deps.baseUrl === undefined ? {} : { baseUrl: deps.baseUrl }
	);
	const transport: TransportPort = createHttpTransport({
		fetch: deps.fetch,
		deviceId: deps.deviceId,
		...(deps.baseUrl !== undefined ? { baseUrl: deps.baseUrl } : {})
	});

	async function removed(): Promise<Result<never, MemberCircleError>> {
		db.close();
		await db.delete();
		return err({ type: 'removed' });
	}

	// ---- keys and grants: from the server, else from the cache --------------------------------
	let offline = false;
	const [keysResult, membersResult] = await Promise.all([
		access(api.call('myKeys', { params: { circleId: deps.circleId } })),
		access(api.call('listMembers', { params: { circleId: deps.circleId } }))
	]);
	if (!keysResult.ok || !membersResult.ok) {
		const failure = !keysResult.ok
			? keysResult.error
			: membersResult.ok
				? null
				: membersResult.error;
		if (failure === null) return err({ type: 'invalid-response' });
		if (failure.type === 'forbidden') return removed();
		if (failure.type !== 'offline') {
			db.close();
			return err(toMemberError(failure));
		}
		offline = true;
	}
	let keysResponse: z.infer<typeof myKeysResponseSchema>;
	let members: readonly Pick<Member, 'accountId' | 'label' | 'grants'>[];
	if (keysResult.ok && membersResult.ok) {
		keysResponse = keysResult.value;
		members = membersResult.value.members.map((m) => ({
			accountId: m.accountId,
			label: m.label,
			grants: m.grants
		}));
		await db.meta.bulkPut([
			{ key: KEYS, value: keysResponse },
			{ key: MEMBERS, value: members }
		]);
	} else {
		const cachedKeys = myKeysResponseSchema.safeParse((await db.meta.get(KEYS))?.value);
		const cachedMembers = cachedMembersSchema.safeParse((await db.meta.get(MEMBERS))?.value);
		if (!cachedKeys.success || !cachedMembers.success) {
			db.close();
			return err({ type: 'offline' });
		}
		keysResponse = cachedKeys.data;
		members = cachedMembers.data;
	}
	if (deps.ownerIdentityKey === null) {
		db.close();
		return err({ type: 'owner-unverified' });
	}
	const ownerIdentityKey: string = deps.ownerIdentityKey;
	let keyring = await unwrapAll(deps, ownerIdentityKey, keysResponse.keys);
	if (keyring.byId.size === 0 && keysResponse.keys.length > 0) {
		db.close();
		return err({ type: 'keys-invalid' });
	}
	const ownerId = keysResponse.ownerAccountId;
	const cachedName = (await db.meta.get(OWNER_NAME))?.value;
	const ownerName = deps.ownerName ?? (typeof cachedName === 'string' ? cachedName : '');
	if (deps.ownerName !== null && deps.ownerName !== cachedName) {
		await db.meta.put({ key: OWNER_NAME, value: deps.ownerName });
	}
	let myGrants: readonly Grant[] =
		members.find((m) => m.accountId === deps.accountId)?.grants ?? [];
	let labels = new Map(members.map((m) => [m.accountId, m.label]));

	// ---- the device clock for writes ----------------------------------------------------------
	const storedNode = (await db.meta.get(NODE))?.value;
	const nodeId = typeof storedNode === 'string' ? storedNode : toHex(randomBytes(8));
	if (nodeId !== storedNode) await db.meta.put({ key: NODE, value: nodeId });
	const lastClock = (await db.meta.get(CLOCK))?.value;
	const clockResult = createClock({
		now,
		nodeId,
		...(typeof lastClock === 'string' ? { last: lastClock } : {})
	});
	if (!clockResult.ok) {
		db.close();
		return err({ type: 'invalid-response' });
	}
	const clock: Clock = clockResult.value;

	// ---- the decrypted records, in memory only ------------------------------------------------
	const byCategory = new Map<Category, Map<string, StoredRecord>>();
	let unreadable = 0;

	function canRead(category: Category): boolean {
		return (
			category !== 'settings' &&
			authorize(myGrants, { kind: 'member', role: 'other' }, category, 'read', now()).allowed &&
			keyring.active.has(category)
		);
	}

	function canWrite(category: Category): boolean {
		return (
			category !== 'settings' &&
			authorize(myGrants, { kind: 'member', role: 'other' }, category, 'write', now()).allowed &&
			keyring.active.has(category)
		);
	}

	async function absorb(envelopes: readonly Envelope[]): Promise<Set<Category>> {
		const touched = new Set<Category>();
		for (const e of envelopes) {
			const key = hlcSchema.safeParse(e.hlc).success ? keyring.byId.get(e.keyId) : undefined;
			const parsed = categorySchema.safeParse(e.category);
			const ownKey = keyring.categoryOf.get(e.keyId) === e.category ? key : undefined;
			const record = ownKey && e.circleId === deps.circleId ? await openEnvelope(ownKey, e) : null;
			if (record === null || !parsed.success) {
				unreadable++;
				continue;
			}
			clock.receive(e.hlc);
			const category = parsed.data;
			const records = byCategory.get(category) ?? new Map<string, StoredRecord>();
			byCategory.set(category, records);
			const local = records.get(record.id);
			const outcome = merge(local ? toVersioned(local) : undefined, toVersioned(record), {
				differs
			});
			const loser = outcome.conflict
				? outcome.changed
					? outcome.conflict.local
					: outcome.conflict.remote
				: null;
			const winner = outcome.changed ? record : local;
			if (!winner || (!outcome.changed && !loser)) continue;
			records.set(
				record.id,
				loser ? { ...winner, conflict: { hlc: loser.hlc, body: loser.body } } : winner
			);
			touched.add(category);
		}
		return touched;
	}

	async function rebuild(): Promise<void> {
		byCategory.clear();
		unreadable = 0;
		const cached = await db.envelopes.orderBy('seq').toArray();
		const queued = (await db.outbox.orderBy('seq').toArray()).map((r) => r.envelope);
		await absorb([...cached.filter((e) => keyring.byId.has(e.keyId)), ...queued]);
	}

	/** Drops cached envelopes of categories this member may no longer read. */
	async function dropUnreadable(): Promise<void> {
		const gone = (await db.envelopes.toArray()).filter((e) => {
			const category = categorySchema.safeParse(e.category);
			return !category.success || !canRead(category.data);
		});
		if (gone.length > 0) await db.envelopes.bulkDelete(gone.map((e) => [e.id, e.hlc]));
		for (const category of [...byCategory.keys()]) {
			if (!canRead(category)) byCategory.delete(category);
		}
	}

	if (!offline) await dropUnreadable();
	await rebuild();

	// ---- observers ----------------------------------------------------------------------------
	const observers = new Set<{
		query: RecordQuery;
		onChange: (r: readonly VaultRecord[]) => void;
	}>();

	function toVaultRecord(category: Category, r: StoredRecord): VaultRecord {
		return {
			id: r.id,
			circleId: deps.circleId,
			kind: r.kind,
			category,
			at: r.at,
			hlc: r.hlc,
			deleted: r.deleted,
			...(r.author !== undefined ? { author: r.author } : {}),
			...(r.conflict !== undefined ? { conflict: r.conflict } : {}),
			body: r.body
		};
	}

	function run(query: RecordQuery): readonly VaultRecord[] {
		if (!canRead(query.category)) return [];
		const kinds = query.kinds ? new Set(query.kinds) : null;
		const out: VaultRecord[] = [];
		for (const r of byCategory.get(query.category)?.values() ?? []) {
			if (r.deleted && !query.includeDeleted) continue;
			if (kinds && !kinds.has(r.kind)) continue;
			if (query.from !== undefined && r.at < query.from) continue;
			if (query.to !== undefined && r.at >= query.to) continue;
			out.push(toVaultRecord(query.category, r));
		}
		return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	}

	function notify(categories: ReadonlySet<Category> | 'all'): void {
		for (const o of observers) {
			if (categories === 'all' || categories.has(o.query.category)) o.onChange(run(o.query));
		}
	}

	// ---- sync ---------------------------------------------------------------------------------
	let closed = false;
	let isRemoved = false;
	let chain: Promise<unknown> = Promise.resolve();
	const syncListeners = new Set<(r: Result<SyncReport, MemberCircleError>) => void>();

	async function refreshAccess(): Promise<Result<void, MemberCircleError>> {
		const [k, m] = await Promise.all([
			access(api.call('myKeys', { params: { circleId: deps.circleId } })),
			access(api.call('listMembers', { params: { circleId: deps.circleId } }))
		]);
		if (!k.ok)
			return err(k.error.type === 'forbidden' ? { type: 'removed' } : toMemberError(k.error));
		if (!m.ok)
			return err(m.error.type === 'forbidden' ? { type: 'removed' } : toMemberError(m.error));
		const list = m.value.members.map((x) => ({
			accountId: x.accountId,
			label: x.label,
			grants: x.grants
		}));
		await db.meta.bulkPut([
			{ key: KEYS, value: k.value },
			{ key: MEMBERS, value: list }
		]);
		keyring = await unwrapAll(deps, ownerIdentityKey, k.value.keys);
		myGrants = list.find((x) => x.accountId === deps.accountId)?.grants ?? [];
		labels = new Map(list.map((x) => [x.accountId, x.label]));
		return ok(undefined);
	}

	/** Own writes re-queued after a server restore, pushed before this sync ends. */
	let requeued = 0;

	async function pullAll(): Promise<Result<number, TransportError>> {
		// A full compare (after a new server epoch) needs the whole circle: it starts from 0.
		let comparing = (await db.meta.get(COMPARE))?.value === true;
		let since = comparing ? 0 : Number((await db.meta.get(CHECKPOINT))?.value ?? 0);
		const storedId = (await db.meta.get(CHECKPOINT_ID))?.value;
		let sinceId = since > 0 && typeof storedId === 'string' ? storedId : null;
		let held = new Set<string>();
		let restarted = false;
		let pulled = 0;
		for (;;) {
			const page = await transport.pull({
				circleId: deps.circleId,
				since,
				limit: PULL_LIMIT,
				...(sinceId === null ? {} : { sinceId })
			});
			if (!page.ok) return page;
			const { epoch, reset } = page.value;
			if (epoch !== undefined) {
				const known = (await db.meta.get(EPOCH))?.value;
				if (typeof known !== 'string' && reset !== true) {
					await db.meta.put({ key: EPOCH, value: epoch });
				} else if (known !== epoch || reset === true) {
					// A restored or moved database: its seqs mean nothing against our checkpoint.
					if (restarted) return err({ type: 'invalid-response' });
					await db.meta.bulkPut([
						{ key: EPOCH, value: epoch },
						{ key: CHECKPOINT, value: 0 },
						{ key: COMPARE, value: true }
					]);
					restarted = true;
					comparing = true;
					since = 0;
					sinceId = null;
					held = new Set();
					continue;
				}
			}
			const envelopes = page.value.envelopes.map((e) => ({ ...e, circleId: deps.circleId }));
			const checkpoint = page.value.checkpoint;
			const last = envelopes.at(-1);
			if (checkpoint !== since) sinceId = last?.seq === checkpoint ? last.id : null;
			await db.transaction('rw', db.envelopes, db.meta, async () => {
				if (envelopes.length > 0) await db.envelopes.bulkPut(envelopes);
				await db.meta.bulkPut([
					{ key: CHECKPOINT, value: checkpoint },
					{ key: CHECKPOINT_ID, value: sinceId }
				]);
			});
			const touched = await absorb(envelopes);
			if (touched.size > 0) notify(touched);
			if (comparing) for (const e of envelopes) held.add(`${e.id} ${e.hlc}`);
			pulled += envelopes.length;
			since = checkpoint;
			if (!page.value.hasMore) {
				if (comparing) requeued += await requeueOwn(held);
				return ok(pulled);
			}
		}
	}

	/**
	 * After a full pull under a new epoch: this member's own writes (author = this account) that the
	 * server no longer returned are queued again, as the exact envelopes kept in the cache.
	 */
	async function requeueOwn(held: ReadonlySet<string>): Promise<number> {
		const mine: Envelope[] = [];
		for (const e of await db.envelopes.toArray()) {
			if (held.has(`${e.id} ${e.hlc}`)) continue;
			const key = keyring.byId.get(e.keyId);
			if (key === undefined || keyring.categoryOf.get(e.keyId) !== e.category) continue;
			const record = await openEnvelope(key, e);
			if (record?.author !== deps.accountId) continue;
			const { seq: _seq, ...envelope } = e;
			mine.push(envelope);
		}
		await db.transaction('rw', db.outbox, db.meta, async () => {
			if (mine.length > 0) await db.outbox.bulkAdd(mine.map((envelope) => ({ envelope })));
			await db.meta.delete(COMPARE);
		});
		return mine.length;
	}

	async function pushAll(): Promise<Result<{ pushed: number; rejected: number }, TransportError>> {
		let pushed = 0;
		let rejected = 0;
		for (;;) {
			const rows = await db.outbox.orderBy('seq').limit(PUSH_LIMIT).toArray();
			if (rows.length === 0) return ok({ pushed, rejected });
			const result = await transport.push({
				circleId: deps.circleId,
				envelopes: rows.map((r) => r.envelope)
			});
			if (!result.ok) return result;
			const refused = result.value.acks.filter((a) => 'error' in a);
			await db.transaction('rw', db.outbox, db.meta, async () => {
				await db.outbox.bulkDelete(rows.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
				if (refused.length > 0) {
					const previous = Number((await db.meta.get(REJECTED))?.value ?? 0);
					await db.meta.put({ key: REJECTED, value: previous + refused.length });
				}
			});
			pushed += rows.length - refused.length;
			rejected += refused.length;
			if (refused.length > 0) {
				await rebuild();
				notify('all');
			}
		}
	}

	async function syncOnce(fetchAccess: boolean): Promise<Result<SyncReport, MemberCircleError>> {
		if (closed) return err({ type: 'removed' });
		if (fetchAccess) {
			const access = await refreshAccess();
			if (!access.ok) {
				if (access.error.type === 'removed') return markRemoved();
				offline = access.error.type === 'offline';
				return access;
			}
			await dropUnreadable();
			await rebuild();
			notify('all');
		}
		const pushed = await pushAll();
		if (!pushed.ok) {
			if (pushed.error.type === 'forbidden') return markRemoved();
			offline = pushed.error.type === 'offline';
			return err(toMemberError(pushed.error));
		}
		const pulled = await pullAll();
		if (!pulled.ok) {
			if (pulled.error.type === 'forbidden') return markRemoved();
			offline = pulled.error.type === 'offline';
			return err(toMemberError(pulled.error));
		}
		if (requeued > 0) {
			requeued = 0;
			const again = await pushAll();
			if (!again.ok) {
				offline = again.error.type === 'offline';
				return err(toMemberError(again.error));
			}
		}
		offline = false;
		return ok({
			pulled: pulled.value,
			pushed: pushed.value.pushed,
			rejected: pushed.value.rejected,
			pending: await db.outbox.count()
		});
	}

	async function markRemoved(): Promise<Result<never, MemberCircleError>> {
		isRemoved = true;
		myGrants = [];
		keyring = { byId: new Map(), categoryOf: new Map(), active: new Map() };
		byCategory.clear();
		notify('all');
		return removed();
	}

	function sync(fetchAccess = true): Promise<Result<SyncReport, MemberCircleError>> {
		const next = chain.then(async () => {
			if (isRemoved) return err({ type: 'removed' } as const);
			const result = await syncOnce(fetchAccess);
			for (const l of syncListeners) l(result);
			return result;
		});
		chain = next.catch(() => undefined);
		return next;
	}

	// ---- writes on the person's behalf --------------------------------------------------------
	async function commit(
		ops: readonly RecordOp[],
		options?: { readonly author?: string }
	): Promise<Result<readonly VaultRecord[], CommitError>> {
		if (isRemoved) return err({ type: 'locked' });
		const author = options?.author ?? deps.accountId;
		for (const op of ops) {
			if (!canWrite(op.category)) {
				return err({ type: 'invalid', id: op.id ?? '', issues: ['not-granted'] });
			}
		}
		const staged = new Map<string, { category: Category; record: StoredRecord }>();
		for (const op of ops) {
			const id = op.type === 'put' && op.id === undefined ? uuidv7(now()) : (op.id ?? '');
			const prev = staged.get(id)?.record ?? byCategory.get(op.category)?.get(id);
			if (op.type !== 'put' || op.expectedHlc !== undefined) {
				const expected = op.type === 'restore' ? undefined : op.expectedHlc;
				if (!prev) return err({ type: 'not-found', id });
				if (expected !== undefined && prev.hlc !== expected) {
					return err({ type: 'conflict', id, current: toVaultRecord(op.category, prev) });
				}
			}
			const after = prev ? clock.tickAfter(prev.hlc) : null;
			const hlc = after?.ok ? after.value : clock.tick();
			const record: StoredRecord =
				op.type === 'put'
					? {
							id,
							kind: op.kind,
							at: op.at,
							hlc,
							deleted: false,
							body: op.body,
							...(prev ? { base: prev.hlc } : {}),
							author
						}
					: prev
						? { ...prev, hlc, base: prev.hlc, deleted: op.type === 'delete', author }
						: { id, kind: 'unknown', at: 0, hlc, deleted: true, body: null, author };
			staged.set(id, { category: op.category, record });
		}
		const envelopes: Envelope[] = [];
		for (const { category, record } of staged.values()) {
			const keyId = keyring.active.get(category);
			const key = keyId ? keyring.byId.get(keyId) : undefined;
			if (!keyId || !key) return err({ type: 'locked' });
			envelopes.push(await sealEnvelope(key, keyId, deps.circleId, category, record));
		}
		await db.transaction('rw', db.outbox, db.meta, async () => {
			await db.outbox.bulkAdd(envelopes.map((envelope) => ({ envelope })));
			await db.meta.put({ key: CLOCK, value: clock.current() });
		});
		const touched = new Set<Category>();
		const results: VaultRecord[] = [];
		for (const { category, record } of staged.values()) {
			const records = byCategory.get(category) ?? new Map<string, StoredRecord>();
			byCategory.set(category, records);
			records.set(record.id, record);
			touched.add(category);
			results.push(toVaultRecord(category, record));
		}
		notify(touched);
		if (deps.autoSync ?? true) void sync();
		return ok(results);
	}

	const records: CircleRecords = {
		commit,
		query: (query) => Promise.resolve(run(query)),
		get(category, id) {
			const r = canRead(category) ? byCategory.get(category)?.get(id) : undefined;
			return Promise.resolve(r ? toVaultRecord(category, r) : null);
		},
		observe(query, onChange) {
			const entry = { query, onChange };
			observers.add(entry);
			queueMicrotask(() => {
				if (observers.has(entry)) onChange(run(query));
			});
			return () => {
				observers.delete(entry);
			};
		}
	};

	const view: MemberCircle = {
		circleId: deps.circleId,
		me: deps.accountId,
		ownerId,
		isOwner: false,
		ownerName,
		canRead,
		canWrite,
		records,
		nameOf: (accountId) => (accountId === ownerId ? ownerName : (labels.get(accountId) ?? null)),
		grants: () => myGrants,
		offline: () => offline,
		unreadable: () => unreadable,
		sync: () => sync(),
		onSync(listener) {
			syncListeners.add(listener);
			return () => {
				syncListeners.delete(listener);
			};
		},
		close() {
			closed = true;
			observers.clear();
			syncListeners.clear();
			db.close();
		}
	};
	if (!offline) {
		// Keys and grants were just fetched: push what waited, then pull what is new.
		const first = await sync(false);
		if (!first.ok && first.error.type === 'removed') return first;
		if (!first.ok && first.error.type !== 'offline') {
			view.close();
			return first;
		}
	}
	return ok(view);
}
