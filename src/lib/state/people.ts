// "My people" on this device (issue 14 §3–4): the circles this account is a member of, each opened
// through the member-circle state (`openMemberCircle`: keys pinned and verified, ciphertext cached
// per circle, works offline), read once, and turned into a row with its flags computed here
// (`domain/care-team`). My follow-up settings per person (the "seen" marker, "no news after N
// days") are `person-follow` records in my own vault (`settings`, never shared).
// Why here: rows need the account, the vault and the member circles together; the screens stay
// presentational. The list of circles comes from the server when it answers and otherwise from
// the follow records, so a team's circles (or any new kind of membership) just appear once the
// server lists them, and the list still shows offline.
// Invariants: a circle is closed as soon as its row is computed (keys leave memory); a circle
// that cannot be opened is shown with the reason, never silently dropped; time is injected.
import { SHAREABLE_CATEGORIES, type Category } from '$lib/domain/categories';
import { flagsFor, WINDOW_MS } from '$lib/domain/care-team/flags';
import {
	defaultFollow,
	PERSON_FOLLOW_KIND,
	personFollowBodySchema,
	type PersonFollow,
	type PersonRow
} from '$lib/domain/care-team/people-list';
import {
	changesSince,
	flagInputOf,
	readShared,
	type SharedData,
	type SharedRecord
} from '$lib/domain/care-team/shared-records';
import type { Result } from '$lib/domain/result';
import { myCircles } from './circle.svelte';
import { teamCircleRows } from './team-reading';
import { teamReading } from './teams.svelte';
import {
	openMemberCircle,
	type MemberCircle,
	type MemberCircleError
} from './member-circle.svelte';
import { vault } from './vault.svelte';

const FLAG_LOOKBACK_MS = 2 * WINDOW_MS;

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

interface StoredFollow {
	readonly recordId: string;
	readonly follow: PersonFollow;
}

async function storedFollows(): Promise<ReadonlyMap<string, StoredFollow>> {
	if (vault.status !== 'unlocked') return new Map();
	const rows = await vault.vault().query({ category: 'settings', kinds: [PERSON_FOLLOW_KIND] });
	const follows = new Map<string, StoredFollow>();
	for (const row of rows) {
		const parsed = personFollowBodySchema.safeParse(row.body);
		if (parsed.success)
			follows.set(parsed.data.circleId, { recordId: row.id, follow: parsed.data });
	}
	return follows;
}

/** My follow-up settings for one person (defaults when none are stored yet). */
export async function followOf(circleId: string, name = ''): Promise<PersonFollow> {
	return (await storedFollows()).get(circleId)?.follow ?? defaultFollow(circleId, name);
}

/** Saves my follow-up settings for one person in my own vault (one commit). */
export async function saveFollow(follow: PersonFollow): Promise<boolean> {
	if (vault.status !== 'unlocked') return false;
	const parsed = personFollowBodySchema.safeParse(follow);
	if (!parsed.success) return false;
	const existing = (await storedFollows()).get(follow.circleId);
	const result = await vault.vault().commit([
		{
			type: 'put',
			...(existing === undefined ? {} : { id: existing.recordId }),
			kind: PERSON_FOLLOW_KIND,
			category: 'settings',
			at: peopleDeps.now(),
			body: parsed.data
		}
	]);
	return result.ok;
}

/** Every record of the categories I may read in an opened circle. */
export async function sharedRecordsOf(
	circle: MemberCircle
): Promise<{ readonly readable: readonly Category[]; readonly records: readonly SharedRecord[] }> {
	const readable = SHAREABLE_CATEGORIES.filter((c) => circle.canRead(c));
	const lists = await Promise.all(readable.map((category) => circle.records.query({ category })));
	return { readable, records: lists.flat() };
}

/** One person's row from what they shared and my follow-up settings. */
export function rowOf(
	circleId: string,
	name: string,
	data: SharedData,
	follow: PersonFollow,
	deps: PeopleDeps = peopleDeps
): PersonRow {
	const flags = flagsFor(
		flagInputOf(data, {
			now: deps.now(),
			timeZone: deps.timeZone(),
			seenAt: follow.seenAt,
			noNewsDays: follow.noNewsDays
		})
	);
	return {
		circleId,
		name,
		flags,
		lastEntryAt: data.lastEntryAt,
		changes: changesSince(data, follow.seenAt).total,
		follow
	};
}

/**
 * The circles to list: the server's answer when online (my circles, then the people my care teams
 * were invited into that I do not already follow directly), else what my follow records remember.
 */
async function listedCircles(
	follows: ReadonlyMap<string, StoredFollow>
): Promise<readonly { readonly id: string; readonly name: string }[]> {
	const [listed, throughTeams] = await Promise.all([myCircles(), teamCircleRows(teamReading)]);
	if (!listed.ok)
		return [...follows.values()].map((f) => ({ id: f.follow.circleId, name: f.follow.name }));
	const direct = listed.value.circles
		.filter((c) => c.role === 'member' && c.status === 'active')
		.map((c) => ({ id: c.id, name: c.displayLabel }));
	const known = new Set(direct.map((c) => c.id));
	const viaTeams = (throughTeams ?? [])
		.filter((t) => !known.has(t.circleId))
		.map((t) => ({ id: t.circleId, name: t.name }));
	return [...direct, ...viaTeams];
}

/**
 * Loads every person, one circle at a time, calling `onRow` as each row is ready (so a long list
 * fills in progressively). Remembers each listed person in my vault for the list offline.
 */
export async function loadPeople(
	onRow: (load: PersonLoad) => void,
	deps: PeopleDeps = peopleDeps
): Promise<Result<number, { readonly type: 'locked' }>> {
	if (vault.status !== 'unlocked' || vault.isDemo) return { ok: false, error: { type: 'locked' } };
	const follows = await storedFollows();
	const circles = await listedCircles(follows);
	for (const circle of circles) {
		const stored = follows.get(circle.id)?.follow;
		const name = circle.name !== '' ? circle.name : (stored?.name ?? '');
		let follow = stored ?? defaultFollow(circle.id, name);
		if (stored === undefined || stored.name !== name) {
			follow = { ...follow, name };
			await saveFollow(follow);
		}
		const opened = await openMemberCircle(circle.id);
		if (!opened.ok) {
			onRow({ ok: false, circleId: circle.id, name, error: opened.error });
			continue;
		}
		try {
			const { records } = await sharedRecordsOf(opened.value);
			// The flags look back 14 days at most (two 7-day windows): older series are not parsed.
			const data = readShared(records, opened.value.ownerId, {
				from: deps.now() - FLAG_LOOKBACK_MS
			});
			onRow({
				ok: true,
				row: rowOf(circle.id, name || opened.value.ownerName, data, follow, deps)
			});
		} finally {
			opened.value.close();
		}
	}
	return { ok: true, value: circles.length };
}
