// "My people" commands (issue 14 §3–4, issue 13): my follow-up settings for one person, the
// "seen" marker and the "no news after N days", kept as ONE `person-follow` record per circle in
// my own vault's `settings` (never shared). Saving parses the settings with the domain's schema,
// finds the record already kept for that circle (so a person has one record, edited in place) and
// writes it in ONE commit.
// Invariants: commands never import state or ui; refusals are `FollowError` data, put into words
// once by `followErrorText` (ui/people/people-text.ts); a refused save commits nothing.
import {
	PERSON_FOLLOW_KIND,
	personFollowBodySchema,
	type PersonFollow
} from '$lib/domain/care-team/people-list';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { CommitError } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

/** Why a follow-up setting was not saved. */
export type FollowError =
	/** The vault is locked: nothing can be written. */
	| { readonly type: 'locked' }
	/** The settings do not parse (an unknown circle id, days out of range). */
	| { readonly type: 'invalid-input' }
	/** The vault refused the commit. */
	| { readonly type: 'commit'; readonly error: CommitError };

/** What the commands read and write: the open vault's records. */
export type FollowStore = Pick<CircleRecords, 'commit' | 'query'>;

export interface PeopleCommandDeps {
	/** The open vault, or null while it is locked. */
	readonly store: () => FollowStore | null;
	readonly now: () => number;
}

/** A follow-up record kept in the vault, with its record id (to edit it in place). */
export interface StoredFollow {
	readonly recordId: string;
	readonly follow: PersonFollow;
}

/** My follow-up records, by circle id (records that do not parse are left out). */
export async function storedFollowsIn(
	store: FollowStore
): Promise<ReadonlyMap<string, StoredFollow>> {
	const rows = await store.query({ category: 'settings', kinds: [PERSON_FOLLOW_KIND] });
	const follows = new Map<string, StoredFollow>();
	for (const row of rows) {
		const parsed = personFollowBodySchema.safeParse(row.body);
		if (parsed.success)
			follows.set(parsed.data.circleId, { recordId: row.id, follow: parsed.data });
	}
	return follows;
}

export interface PeopleCommands {
	/** Saves my follow-up settings for one person in my own vault (ONE commit). */
	saveFollow(follow: unknown): Promise<Result<PersonFollow, FollowError>>;
}

export function createPeopleCommands(deps: PeopleCommandDeps): PeopleCommands {
	return {
		async saveFollow(follow) {
			const parsed = personFollowBodySchema.safeParse(follow);
			if (!parsed.success) return err({ type: 'invalid-input' });
			const store = deps.store();
			if (store === null) return err({ type: 'locked' });
			const existing = (await storedFollowsIn(store)).get(parsed.data.circleId);
			const committed = await store.commit([
				{
					type: 'put',
					...(existing === undefined ? {} : { id: existing.recordId }),
					kind: PERSON_FOLLOW_KIND,
					category: 'settings',
					at: deps.now(),
					body: parsed.data
				}
			]);
			return committed.ok ? ok(parsed.data) : err({ type: 'commit', error: committed.error });
		}
	};
}
