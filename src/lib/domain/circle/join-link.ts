// What an invitation link says to the invitee before she has an account (issue 11 §2): who invites
// her, as which role, and what she would see. The server's preview needs a session, and the server
// never knows the person's name; so the inviting device adds them to the link's FRAGMENT, after the
// secret: `/join#<secret>&from=Odette&role=carer&see=medications.read,plan.write`. A fragment is
// never sent to any server. Invariants: the secret stays the first, unchanged part (older links
// without extras still parse); everything else is only an explanation: after sign-up the server's
// preview (under the secret) is what is accepted, and the grants are the ones the person confirms.
import { careRoleSchema, grantSchema, type CareRole, type Grant } from './index';

const FROM_MAX = 40;

export interface JoinHints {
	readonly from: string;
	readonly role: CareRole | null;
	readonly grants: readonly Grant[];
}

export interface JoinFragment {
	/** The part the crypto module reads (`secretFromLink`). */
	readonly secret: string;
	readonly hints: JoinHints;
}

/** "medications.read" → a grant without end date, or null. */
function grantHint(text: string): Grant | null {
	const [category, access] = text.split('.');
	const parsed = grantSchema.safeParse({ category, access, until: null });
	return parsed.success ? parsed.data : null;
}

/** The link with the hints added to its fragment (an empty name is left out). */
export function joinLink(link: string, hints: JoinHints): string {
	const params = new URLSearchParams();
	const from = hints.from.trim().slice(0, FROM_MAX);
	if (from !== '') params.set('from', from);
	if (hints.role !== null) params.set('role', hints.role);
	if (hints.grants.length > 0) {
		params.set('see', hints.grants.map((g) => `${g.category}.${g.access}`).join(','));
	}
	const extra = params.toString();
	return extra === '' ? link : `${link}&${extra}`;
}

/** Splits a fragment (`#…` or the bare text) into the secret and the hints; junk hints are dropped. */
export function parseJoinFragment(hash: string): JoinFragment {
	const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
	const cut = fragment.indexOf('&');
	const secret = cut === -1 ? fragment : fragment.slice(0, cut);
	const params = new URLSearchParams(cut === -1 ? '' : fragment.slice(cut + 1));
	const role = careRoleSchema.safeParse(params.get('role'));
	const grants = (params.get('see') ?? '').split(',').flatMap((text) => {
		const grant = grantHint(text);
		return grant === null ? [] : [grant];
	});
	return {
		secret,
		hints: {
			from: (params.get('from') ?? '').trim().slice(0, FROM_MAX),
			role: role.success ? role.data : null,
			grants: [...new Map(grants.map((g) => [g.category, g])).values()]
		}
	};
}
