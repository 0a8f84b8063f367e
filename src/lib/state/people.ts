// "My people" on this device (issue 14 §3–4): the circles this account is a member of, each
// drawn first from its sealed people digest (`vault/people-digest.ts`: no network, no circle
// opened, so the list shows at once after unlocking, offline too) with its flags computed here
// by the domain's pure functions with the live clock (`domain/care-team`), then opened through
// the member-circle state (`openMemberCircle`: keys pinned and verified, pulls what is new) to
// bring its digest up to date. My follow-up settings per person (the "seen" marker, "no news
// after N days") are `person-follow` records in my own vault (`settings`, never shared), written
// only by `peopleCommands.saveFollow` (commands/people.ts).
// Why here: rows need the account, the vault and the member circles together; the screens stay
// presentational. The list of circles comes from the server when it answers and otherwise from
// the follow records, so a team's circles (or any new kind of membership) just appear once the
// server lists them, and the list still shows offline.
// Invariants: a circle is closed as soon as its row is computed (keys leave memory); a circle
// that cannot be opened is shown with the reason, never silently dropped (offline, the row its
// digest drew stays); time is injected.
import { createPeopleCommands, storedFollowsIn, type StoredFollow } from '$lib/commands/people';
import type { Category } from '$lib/domain/categories';
import { rowFromDigest } from '$lib/domain/care-team/people-digest';
import {
	defaultFollow,
	type PersonFollow,
	type PersonRow
} from '$lib/domain/care-team/people-list';
import type { SharedRecord } from '$lib/domain/care-team/shared-records';
import type { Result } from '$lib/domain/result';
import {
	forgetPeopleDigest,
	readPeopleDigest,
	refreshPeopleDigest,
	summaryRecordsOf,
	type DeviceKeys
} from '$lib/vault/people-digest';
import { forgetMemberCircle } from '$lib/vault/member-db';
import { myCircles } from './circle.svelte';
import { teamCircleRows } from './team-reading';
import { teamReading } from './teams.svelte';
import {
	openMemberCircle,
	type MemberCircle,
	type MemberCircleError
} from './member-circle.svelte';
import { checkAuthorsIn } from './record-authors';
import { vault } from './vault.svelte';

export interface PeopleDeps {
	readonly now: () => number;
	readonly timeZone: () => string;
}

export const peopleDeps: PeopleDeps = {
	now: () => Date.now(),
	timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone
};

export type PersonLoad =
	| { readonly ok: true; readonly row: PersonRow }
	| {
			readonly ok: false;
			readonly circleId: string;
			readonly name: string;
			readonly error: MemberCircleError;
	  };

async function storedFollows(): Promise<ReadonlyMap<string, StoredFollow>> {
	if (vault.status !== 'unlocked') return new Map();
	return storedFollowsIn(vault.vault());
}

/** My follow-up settings for one person (defaults when none are stored yet). */
export async function followOf(circleId: string, name = ''): Promise<PersonFollow> {
	return (await storedFollows()).get(circleId)?.follow ?? defaultFollow(circleId, name);
}

/** Every write of "My people", by name: parse → ONE vault commit (commands/people.ts). */
export const peopleCommands = createPeopleCommands({
	store: () => (vault.status === 'unlocked' ? vault.vault() : null),
	now: () => peopleDeps.now()
});

/**
 * The circles to list: the server's answer when online (my circles, then the people my care teams
 * were invited into), else what my follow records remember.
 */
async function listedCircles(follows: ReadonlyMap<string, StoredFollow>): Promise<{
	readonly online: boolean;
	readonly circles: readonly { readonly id: string; readonly name: string }[];
}> {
	const [listed, throughTeams] = await Promise.all([myCircles(), teamCircleRows(teamReading)]);
	if (!listed.ok)
		return {
			online: false,
			circles: [...follows.values()].map((f) => ({ id: f.follow.circleId, name: f.follow.name }))
		};
	const direct = listed.value.circles
		.filter((c) => c.role === 'member' && c.status === 'active')
		.map((c) => ({ id: c.id, name: c.displayLabel }));
	// Then the people my care teams were invited into that I do not already follow directly.
	const known = new Set(direct.map((c) => c.id));
	const viaTeams = (throughTeams ?? [])
		.filter((t) => !known.has(t.circleId))
		.map((t) => ({ id: t.circleId, name: t.name }));
	return { online: true, circles: [...direct, ...viaTeams] };
}

/**
 * This vault's own keys for the people digests: the active `settings` key seals, any of its
 * keys opens (each unwrapped once per listing).
 */
function deviceKeys(): DeviceKeys {
	const own = vault.vault();
	const opened = new Map<string, Promise<CryptoKey | null>>();
	const byId = (keyId: string): Promise<CryptoKey | null> => {
		let key = opened.get(keyId);
		if (key === undefined) {
			key = own.categoryKey(keyId, false);
			opened.set(keyId, key);
		}
		return key;
	};
	return {
		byId,
		async active() {
			const keyId = own.sharingKeyMaterial()?.activeKeyIds.get('settings');
			if (keyId === undefined) return null;
			const key = await byId(keyId);
			return key === null ? null : { keyId, key };
		}
	};
}

/**
 * What one person's summary reads from an opened circle: every lasting record (week digests) and
 * the last 90 days of the granted categories, not every record.
 */
export async function summaryRecordsFor(
	circle: MemberCircle,
	deps: PeopleDeps = peopleDeps
): Promise<{ readonly readable: readonly Category[]; readonly records: readonly SharedRecord[] }> {
	const read = await summaryRecordsOf(circle, deps.now());
	// Each member's note or target names its writer only once her signature is checked here.
	const records = await checkAuthorsIn(vault.vault(), circle, read.records);
	return { readable: read.readable, records };
}

/**
 * Loads every person, calling `onRow` as each row is ready (a later call for the same circle
 * replaces its row). First from the sealed people digests (no network, no circle opened: the list
 * is drawn at once, offline too); then each listed circle is opened (pulling what is new when
 * online), its digest brought up to date if a week changed, and its row drawn again. Offline,
 * only the circles whose digest is missing or stale are opened. Remembers each listed person in
 * my vault for the list offline.
 */
export async function loadPeople(
	onRow: (load: PersonLoad) => void,
	deps: PeopleDeps = peopleDeps
): Promise<Result<number, { readonly type: 'locked' }>> {
	if (vault.status !== 'unlocked' || vault.isDemo) return { ok: false, error: { type: 'locked' } };
	const follows = await storedFollows();
	const keys = deviceKeys();
	const context = () => ({ now: deps.now(), timeZone: deps.timeZone() });
	const shown = new Set<string>();
	// Drawn first, checked after: the week tags are read only where they decide something.
	const cached = await Promise.all(
		[...follows.values()].map(async ({ follow }) => ({
			follow,
			read: await readPeopleDigest(follow.circleId, keys, { checkFresh: false }).catch(() => null)
		}))
	);
	const at = context();
	for (const { follow, read } of cached) {
		if (read === null || read.digest.computedAt > at.now) continue;
		onRow({ ok: true, row: rowFromDigest(follow.circleId, follow.name, read.digest, follow, at) });
		shown.add(follow.circleId);
	}
	const isFresh = async (circleId: string): Promise<boolean> =>
		shown.has(circleId) &&
		(await readPeopleDigest(circleId, keys).catch(() => null))?.fresh === true;

	const { online, circles } = await listedCircles(follows);
	if (online) {
		// Drawn from its digest but no longer listed (removed, or out of the team): what this
		// device kept of it is deleted, and the row says why (never silently dropped).
		const listed = new Set(circles.map((c) => c.id));
		for (const id of shown) {
			if (listed.has(id)) continue;
			await forgetMemberCircle(id);
			await forgetPeopleDigest(id).catch(() => undefined);
			const name = follows.get(id)?.follow.name ?? '';
			onRow({ ok: false, circleId: id, name, error: { type: 'removed' } });
		}
	}
	for (const circle of circles) {
		const stored = follows.get(circle.id)?.follow;
		const name = circle.name !== '' ? circle.name : (stored?.name ?? '');
		let follow = stored ?? defaultFollow(circle.id, name);
		if (stored === undefined || stored.name !== name) {
			follow = { ...follow, name };
			await peopleCommands.saveFollow(follow);
		}
		// Offline, a fresh digest is all there is to know: the circle is not opened.
		if (!online && (await isFresh(circle.id))) continue;
		const opened = await openMemberCircle(circle.id);
		if (!opened.ok) {
			if (opened.error.type === 'removed')
				await forgetPeopleDigest(circle.id).catch(() => undefined);
			// Offline with a row already drawn from its digest: that row stays.
			if (!(opened.error.type === 'offline' && shown.has(circle.id)))
				onRow({ ok: false, circleId: circle.id, name, error: opened.error });
			continue;
		}
		try {
			// Computed from checked records: a version that claims to be the person's and is not
			// verified here counts in no flag (`readShared`'s `unverified`).
			const circleOpened = opened.value;
			const digest = await refreshPeopleDigest(circleOpened, keys, deps.now(), {
				checkAuthors: (records) => checkAuthorsIn(vault.vault(), circleOpened, records)
			});
			onRow({
				ok: true,
				row: rowFromDigest(circle.id, name || opened.value.ownerName, digest, follow, context())
			});
		} finally {
			opened.value.close();
		}
	}
	return { ok: true, value: circles.length };
}
