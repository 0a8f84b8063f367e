// A circle this account is a member of, opened on this device (issue 5 §6 "Member views"): its
// keyring and its access, and the wiring of its records (`member-records.ts`) to the one sync
// engine (`member-sync.ts`).
// - keys: GET /api/circles/:c/keys gives the category keys wrapped to this account; a wrap is
//   accepted only with the signature of the owner identity key this device PINNED when the
//   invitation proof verified (issue 12: the server can make valid ECDH wraps, not signatures);
//   it is unwrapped with this account's sharing identity (non-extractable) and held in memory only;
// - access: this member's grants and the members' labels, fetched at opening and before each
//   sync, cached for offline openings; a category no longer readable is dropped from the cache.
// - care teams (issue 14 §1): a professional reached through a team the person invited gets the
//   team's keys and grants from `deps.teamReach` (opened by the state layer: team key under a
//   pinned colleague's seal, the person's identity as vouched, her signature on each wrap); they
//   join the same keyring, so cache, digests and summary work as for a direct member.
// Invariants: a 403/404 from the server (removed, circle gone) deletes this circle's cache and
// ends in the `removed` state; an opening offline works from the cached keys and grants (keys
// reached through a team come from `deps.teamReach`, which opens them offline from the team key
// this device keeps sealed, vault/team-key-cache.ts).
import { createApiClient, type ApiError } from '$lib/contracts/client';
import { openSignedWrap, signedWrapCreatedAt } from '$lib/crypto/signed-wrap';
import type { Category } from '$lib/domain/categories';
import { authorize, type Grant } from '$lib/domain/circle';
import { err, ok, type Result } from '$lib/domain/result';
import { transportErrorOf } from '$lib/sync/transport-http';
import type { TransportError } from '$lib/sync/types';
import {
	cachedAccess,
	MemberCircleDb,
	memberDbName,
	rememberedOwnerName,
	saveAccess,
	type MemberAccess,
	type MemberList
} from './member-db';
import { openMemberRecords, type MemberKeyring } from './member-records';
import { createMemberSync, serialise, toMemberError } from './member-sync';
import type {
	MemberCircle,
	MemberCircleDeps,
	MemberCircleError,
	SyncReport,
	TeamOpenedKey,
	TeamReach
} from './member-types';

export type { MemberCircle, MemberCircleError } from './member-types';

/** An access answer (keys, members) in the transport's words; a 404 means removed, as a 403. */
async function access<T>(call: Promise<Result<T, ApiError>>): Promise<Result<T, TransportError>> {
	const result = await call;
	if (result.ok) return result;
	return err(
		result.error.type === 'not-found' ? { type: 'forbidden' } : transportErrorOf(result.error)
	);
}

/** Both lists an opening and a refresh need; `forbidden` means this account is no longer in. */
async function fetchAccess(deps: MemberCircleDeps): Promise<Result<MemberAccess, TransportError>> {
	const api = createApiClient(
		deps.fetch,
		deps.baseUrl === undefined ? {} : { baseUrl: deps.baseUrl }
	);
	const [k, m] = await Promise.all([
		access(api.call('myKeys', { params: { circleId: deps.circleId } })),
		access(api.call('listMembers', { params: { circleId: deps.circleId } }))
	]);
	if (!k.ok) return k;
	if (!m.ok) return m;
	const members = m.value.members.map((x) => ({
		accountId: x.accountId,
		label: x.label,
		grants: x.grants,
		status: x.status
	}));
	return ok({ keys: k.value, members });
}

const keyIds = (ring: MemberKeyring): string =>
	[...ring.categoryOf]
		.map(([id, category]) => `${category}:${id}`)
		.sort()
		.join(' ');

/** The keys this member's own wraps open (each signed by the pinned owner identity). */
async function unwrapAll(
	deps: MemberCircleDeps,
	ownerIdentityKey: string | null,
	keys: MemberAccess['keys']['keys']
): Promise<TeamOpenedKey[]> {
	if (ownerIdentityKey === null) return [];
	const out: TeamOpenedKey[] = [];
	for (const k of keys) {
		const binding = {
			circleId: deps.circleId,
			category: k.category,
			keyId: k.keyId,
			memberAccountId: deps.accountId
		};
		const key = await openSignedWrap(k.wrapped, deps.identity, binding, ownerIdentityKey);
		if (key === null) continue;
		// The signed time, not the server's: the owner only ever wraps a category's ACTIVE key, so
		// the newest signed wrap names the key writes must use (no rollback to an older key).
		out.push({
			keyId: k.keyId,
			category: k.category,
			key,
			createdAt: signedWrapCreatedAt(k.wrapped) ?? 0
		});
	}
	return out;
}

/** One keyring from the keys opened directly and through care teams. */
function ringOf(opened: readonly TeamOpenedKey[]): MemberKeyring {
	const byId = new Map<string, CryptoKey>();
	const categoryOf = new Map<string, Category>();
	const newest = new Map<Category, { keyId: string; createdAt: number }>();
	for (const k of opened) {
		byId.set(k.keyId, k.key);
		categoryOf.set(k.keyId, k.category);
		const seen = newest.get(k.category);
		if (seen === undefined || k.createdAt >= seen.createdAt) {
			newest.set(k.category, { keyId: k.keyId, createdAt: k.createdAt });
		}
	}
	return { byId, categoryOf, active: new Map([...newest].map(([c, v]) => [c, v.keyId])) };
}

const NO_TEAM: TeamReach = { keys: [], grants: [], ownerIdentityKey: '' };

/**
 * What the care teams reach now. A team error matters only when this account has nothing of its
 * own here (a team member only): then it is the opening's error.
 */
async function reachOfTeams(
	deps: MemberCircleDeps,
	own: readonly TeamOpenedKey[]
): Promise<Result<TeamReach, MemberCircleError>> {
	if (deps.teamReach === undefined) return ok(NO_TEAM);
	const reach = await deps.teamReach();
	if (reach.ok) {
		// A vouched identity other than the one this device pinned opens nothing.
		const pinned = deps.ownerIdentityKey;
		return pinned !== null && pinned !== reach.value.ownerIdentityKey ? ok(NO_TEAM) : reach;
	}
	if (reach.error.type === 'removed' || own.length === 0) return reach;
	return ok(NO_TEAM);
}

export async function openMemberCircleWith(
	deps: MemberCircleDeps
): Promise<Result<MemberCircle, MemberCircleError>> {
	const now = deps.now ?? (() => Date.now());
	const db = new MemberCircleDb(memberDbName(deps.circleId), {
		...(deps.indexedDB ? { indexedDB: deps.indexedDB } : {}),
		...(deps.IDBKeyRange ? { IDBKeyRange: deps.IDBKeyRange } : {})
	});
	const fail = (error: MemberCircleError): Result<never, MemberCircleError> => {
		db.close();
		return err(error);
	};
	async function removed(): Promise<Result<never, MemberCircleError>> {
		db.close();
		await db.delete();
		return err({ type: 'removed' });
	}

	// ---- keys and grants: from the server, else from the cache --------------------------------
	let offline = false;
	let access: MemberAccess;
	const fetched = await fetchAccess(deps);
	if (fetched.ok) {
		access = fetched.value;
		await saveAccess(db, access);
	} else {
		if (fetched.error.type === 'forbidden') return removed();
		if (fetched.error.type !== 'offline') return fail(toMemberError(fetched.error));
		offline = true;
		const cached = await cachedAccess(db);
		if (cached === null) return fail({ type: 'offline' });
		access = cached;
	}
	if (deps.ownerIdentityKey === null && deps.teamReach === undefined)
		return fail({ type: 'owner-unverified' });
	const ownerIdentityKey = deps.ownerIdentityKey;
	const own = await unwrapAll(deps, ownerIdentityKey, access.keys.keys);
	if (own.length === 0 && access.keys.keys.length > 0) return fail({ type: 'keys-invalid' });
	const teamFirst = await reachOfTeams(deps, own);
	if (!teamFirst.ok) {
		if (teamFirst.error.type === 'removed') return removed();
		return fail(teamFirst.error);
	}
	let team = teamFirst.value;
	let keyring = ringOf([...own, ...team.keys]);
	const ownerId = access.keys.ownerAccountId;
	const ownerName = await rememberedOwnerName(db, deps.ownerName);
	let myGrants: readonly Grant[] = [];
	let labels = new Map<string, string>();
	/** The accounts in the circle now (removed members are no longer listed). */
	let active: ReadonlySet<string> = new Set();
	const adopt = (members: MemberList) => {
		myGrants = members.find((m) => m.accountId === deps.accountId)?.grants ?? [];
		labels = new Map(members.map((m) => [m.accountId, m.label]));
		active = new Set(members.filter((m) => m.status === 'active').map((m) => m.accountId));
	};
	adopt(access.members);

	// My own grants and each team's on their own (as the server's union of access sets does).
	const allowed = (category: Category, access: 'read' | 'write') =>
		category !== 'settings' &&
		[myGrants, ...team.grants].some(
			(grants) =>
				authorize(grants, { kind: 'member', role: 'other' }, category, access, now()).allowed
		) &&
		keyring.active.has(category);
	const canRead = (category: Category) => allowed(category, 'read');
	const canWrite = (category: Category) => allowed(category, 'write');

	let closed = false;
	let isRemoved = false;
	const opened = await openMemberRecords({
		circleId: deps.circleId,
		accountId: deps.accountId,
		db,
		now,
		signingKey: deps.signingKey,
		keyring: () => keyring,
		canRead,
		canWrite,
		active: () => !isRemoved,
		committed: () => {
			if (deps.autoSync ?? true) void sync();
		}
	});
	if (opened === null) return fail({ type: 'invalid-response' });
	const store = opened;
	if (!offline) await store.dropUnreadable();
	await store.rebuild();

	// ---- sync: the one engine over this circle's cache -----------------------------------------
	const runEngine = createMemberSync({
		db,
		circleId: deps.circleId,
		deviceId: deps.deviceId,
		fetch: deps.fetch,
		...(deps.baseUrl !== undefined ? { baseUrl: deps.baseUrl } : {}),
		...(deps.pushBatchSize === undefined ? {} : { pushBatchSize: deps.pushBatchSize }),
		...(deps.pullPageSize === undefined ? {} : { pullPageSize: deps.pullPageSize }),
		applyRemote: (envelopes) => store.applyRemote(envelopes),
		isOwn: (envelope) => store.isOwn(envelope),
		onRejected: async (refused) => {
			await store.retagEnvelopes(refused);
			await store.rebuild();
			store.notify('all');
		}
	});

	/** Fetches keys and grants again; true when the keys that open envelopes changed. */
	async function refreshAccess(): Promise<Result<boolean, MemberCircleError>> {
		const fresh = await fetchAccess(deps);
		if (!fresh.ok) return err(toMemberError(fresh.error));
		await saveAccess(db, fresh.value);
		const before = keyIds(keyring);
		const ownNow = await unwrapAll(deps, ownerIdentityKey, fresh.value.keys.keys);
		const teamNow = await reachOfTeams(deps, ownNow);
		if (!teamNow.ok) return teamNow;
		team = teamNow.value;
		keyring = ringOf([...ownNow, ...team.keys]);
		adopt(fresh.value.members);
		return ok(keyIds(keyring) !== before);
	}

	async function markRemoved(): Promise<Result<never, MemberCircleError>> {
		isRemoved = true;
		myGrants = [];
		team = NO_TEAM;
		keyring = { byId: new Map(), categoryOf: new Map(), active: new Map() };
		store.clear();
		store.notify('all');
		return removed();
	}

	async function syncOnce(withAccess: boolean): Promise<Result<SyncReport, MemberCircleError>> {
		if (closed) return err({ type: 'removed' });
		if (withAccess) {
			const refreshed = await refreshAccess();
			if (!refreshed.ok) {
				if (refreshed.error.type === 'removed') return markRemoved();
				offline = refreshed.error.type === 'offline';
				return refreshed;
			}
			await store.dropUnreadable();
			// What was decrypted stays valid under the same keys: read again only after a change.
			if (refreshed.value) await store.rebuild();
			store.notify('all');
		}
		const outcome = await runEngine();
		offline = outcome.offline;
		if (!outcome.result.ok && outcome.result.error.type === 'removed') return markRemoved();
		return outcome.result;
	}

	const runs = serialise((withAccess: boolean) =>
		isRemoved ? Promise.resolve(err({ type: 'removed' } as const)) : syncOnce(withAccess)
	);
	const sync = (withAccess = true) => runs.run(withAccess);

	const view: MemberCircle = {
		circleId: deps.circleId,
		me: deps.accountId,
		ownerId,
		isOwner: false,
		ownerName,
		canRead,
		canWrite,
		records: store.api,
		nameOf: (accountId) => (accountId === ownerId ? ownerName : (labels.get(accountId) ?? null)),
		// The server lists the circle's members to each member; anyone else who wrote here left it
		// (issue 11 §6: her claims are open again on this carer's board too).
		departed: (accountId) =>
			accountId !== ownerId && accountId !== deps.accountId && !active.has(accountId),
		grants: () => [...myGrants, ...team.grants.flat()],
		offline: () => offline,
		unreadable: () => store.unreadable(),
		sync: () => sync(),
		onSync: runs.listen,
		close() {
			closed = true;
			store.close();
			runs.clear();
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
