// The shapes of a circle this account is a member of, as the member screen and tests see it
// (`member-circle.ts` opens one): its errors, what opening needs, and the view itself.
// Why apart: the opening (keys, access), the records and the sync each live in their own module
// and all of them speak these types.
import type { Category } from '$lib/domain/categories';
import type { CircleView } from '$lib/domain/circle-view';
import type { Grant } from '$lib/domain/circle';
import type { Result } from '$lib/domain/result';
import type { MemberRecordsApi } from './member-records';

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
	/** Read through a care team whose new key the person's device has not re-wrapped to yet. */
	| { readonly type: 'team-key-waiting' }
	| { readonly type: 'server'; readonly status: number }
	| { readonly type: 'invalid-response' };

export interface SharingIdentityKeys {
	readonly publicKey: string;
	readonly privateKey: CryptoKey;
}

/** A category key opened through a care team (by the state layer, every signature checked). */
export interface TeamOpenedKey {
	readonly keyId: string;
	readonly category: Category;
	readonly key: CryptoKey;
	/** The person's signed wrap time: the newest of a category names the key writes use. */
	readonly createdAt: number;
}

/** What this account reaches in the circle through its care teams, right now. */
export interface TeamReach {
	readonly keys: readonly TeamOpenedKey[];
	/** What the person granted the teams (each list checked on its own, as the server does). */
	readonly grants: readonly (readonly Grant[])[];
	/** The person's identity key as a pinned colleague vouched for it. */
	readonly ownerIdentityKey: string;
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
	/** This account's identity private key: signs every version it writes here (null: no writes). */
	readonly signingKey: CryptoKey | null;
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
	/**
	 * Keys and grants reached through care teams (a team member's device opens them: team key under
	 * a pinned colleague's seal, the person's identity as vouched, her signature on every wrap);
	 * asked at opening and before each sync with access. Absent: a direct member only.
	 */
	readonly teamReach?: () => Promise<Result<TeamReach, MemberCircleError>>;
	/** Envelopes per push request before any halving, and per pulled page (engine defaults). */
	readonly pushBatchSize?: number;
	readonly pullPageSize?: number;
}

export interface SyncReport {
	readonly pulled: number;
	readonly pushed: number;
	readonly rejected: number;
	/** Sealed writes still waiting for the server. */
	readonly pending: number;
}

/** A circle view (domain/circle-view.ts) over the member's records, where departures are known. */
export interface MemberCircleView extends Omit<CircleView, 'records' | 'departed'> {
	readonly records: MemberRecordsApi;
	/** True for an account that wrote here and is no longer a member (removed or left). */
	readonly departed: (accountId: string) => boolean;
}

/** The member's view of one circle, plus what the member screen needs beyond `CircleView`. */
export interface MemberCircle extends MemberCircleView {
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
