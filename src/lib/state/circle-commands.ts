// The circle of care for the UI (issue 5, issue 12, issue 13): the reads (the member list with its
// pin checks, the access log, my circles, an invitation's preview, the roster a member's device
// keeps, safety codes) and the app's binding of the circle's commands (commands/circle.ts,
// commands/circle-invitations.ts: every write of membership) to the key work
// (`state/circle-crypto.ts`), the one API client and the care teams' re-wrap. The vault, `fetch`,
// the clock and the account's key publication are injected so integration tests drive the REAL
// commands against the real server (and a lying one); `circle.svelte.ts` binds them to the app's
// singletons. Invariants of the reads:
// - offline, the member list is the one this device last received (sealed in the vault's meta,
//   never synced), marked `cached` so the screen says it may be out of date; each list received
//   also adds its write grants to the circle's ledger (`vault/circle-writers.ts`), which decides
//   which of the person's own versions her device checks as hers;
// - loading the circle re-signs the circle roster when its members changed (a failed upload after
//   a change of membership is retried there);
// - the access log is checked here (`verifyChain`), never taken on the server's word.
import * as z from 'zod';
import { createCircleCommands as createCircleWrites } from '$lib/commands/circle';
import { createCircleExportCommands } from '$lib/commands/circle-export';
import { invitationSecrets } from '$lib/commands/circle-invitations';
import { createTeamCircleCommands } from '$lib/commands/team-circle';
import {
	invitationListResponseSchema,
	memberListResponseSchema,
	type AuditLogResponse,
	type Invitation,
	type Member,
	type MyCirclesResponse
} from '$lib/contracts/circle';
import { safetyCode } from '$lib/crypto/identity';
import { invitationLink } from '$lib/crypto/invitation';
import { verifyChain, type ChainCheck } from '$lib/domain/audit';
import { fail, ok, type CircleResult } from '$lib/domain/circle/errors';
import { createCircleHttp } from '$lib/sync/circle-http';
import { createTeamHttp } from '$lib/sync/team-http';
import { readLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { checkPin, pinsOf, type PinCheck } from '$lib/vault/pins';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { circleCrypto } from './circle-crypto';
import { createInviteeReads } from './circle-invitee';
import { createRosterReads } from './circle-roster';

export type { CircleError, CircleResult, UnverifiedMember } from '$lib/domain/circle/errors';
export type { RosterStatus } from './circle-roster';
export {
	INVITATION_SECRET_KIND,
	type NewInvitation,
	type VerifiedPreview
} from '$lib/commands/circle-invitations';

export interface CircleDeps {
	/** The open vault (the person's, or the invitee's). */
	readonly vault: () => Vault;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	/** After a rotation: the person's other devices read the new keys from the account's blob. */
	readonly publishNewKeys: () => Promise<void>;
	readonly now: () => number;
}

export interface CircleSnapshot {
	readonly members: readonly Member[];
	readonly invitations: readonly Invitation[];
	/** How each listed member compares with this device's pins (by account id). */
	readonly checks: ReadonlyMap<string, PinCheck>;
	/**
	 * The server could not be reached: this is the list this device last received (kept sealed in
	 * the vault, never synced), so it may be out of date.
	 */
	readonly cached: boolean;
}

/** The last member list and invitations this device received, sealed per circle in the vault. */
const cachedSnapshotSchema = z.object({
	members: memberListResponseSchema.shape.members,
	invitations: invitationListResponseSchema.shape.invitations
});

export interface AccessLog {
	readonly log: AuditLogResponse;
	/** The client's own check of the hash chain against the server's head. */
	readonly check: ChainCheck;
}

/**
 * The kept member list's name and the ledger of write grants (`vault/circle-writers.ts`), loaded
 * on demand so that no screen importing these commands grows (issue 18); null when it cannot load
 * (offline before the service worker holds it).
 */
const loadWriters = () => import('$lib/vault/circle-writers').catch(() => null);

export function createCircleCommands(deps: CircleDeps) {
	const http = createCircleHttp(deps.fetch);
	const { call } = http;
	const teamWraps = createTeamCircleCommands({
		vault: deps.vault,
		now: deps.now,
		http: createTeamHttp(deps.fetch),
		crypto: circleCrypto
	});
	const writes = createCircleWrites({
		vault: deps.vault,
		now: deps.now,
		http,
		crypto: circleCrypto,
		publishNewKeys: deps.publishNewKeys,
		wrapForTeams: teamWraps.wrapForTeams
	});
	const invitee = createInviteeReads({ vault: deps.vault, http });
	const roster = createRosterReads(deps);

	async function snapshotOf(
		circleId: string,
		members: readonly Member[],
		invitations: readonly Invitation[],
		cached: boolean
	): Promise<CircleSnapshot> {
		const pins = await pinsOf(deps.vault(), circleId);
		const checks = new Map(
			members
				.filter((m) => m.role !== 'owner')
				.map((m) => [m.accountId, checkPin(pins, m)] as const)
		);
		return { members, invitations, checks, cached };
	}

	/** Offline: the list this device last received, or the offline error when it has none. */
	async function cachedCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
		const writers = await loadWriters();
		if (writers === null) return fail({ type: 'offline' });
		const bytes = await readLocalSecret(deps.vault(), writers.snapshotCacheName(circleId));
		if (bytes === null) return fail({ type: 'offline' });
		let json: unknown;
		try {
			json = JSON.parse(new TextDecoder().decode(bytes));
		} catch {
			return fail({ type: 'offline' });
		}
		const parsed = cachedSnapshotSchema.safeParse(json);
		if (!parsed.success) return fail({ type: 'offline' });
		return ok(await snapshotOf(circleId, parsed.data.members, parsed.data.invitations, true));
	}

	async function loadCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
		const [members, invitations] = await Promise.all([
			call('listMembers', { params: { circleId } }),
			call('listInvitations', { params: { circleId } })
		]);
		if (!members.ok) return members.error.type === 'offline' ? cachedCircle(circleId) : members;
		if (!invitations.ok)
			return invitations.error.type === 'offline' ? cachedCircle(circleId) : invitations;
		const fresh = {
			members: members.value.members,
			invitations: invitations.value.invitations
		};
		const writers = await loadWriters();
		if (writers !== null) {
			await saveLocalSecret(
				deps.vault(),
				writers.snapshotCacheName(circleId),
				new TextEncoder().encode(JSON.stringify(fresh))
			);
			// Every write grant ever listed, kept after its holder leaves.
			await writers.noteWriters(deps.vault(), circleId, fresh.members);
		}
		await writes.publishRoster(circleId, fresh.members);
		return ok(await snapshotOf(circleId, fresh.members, fresh.invitations, false));
	}

	/** The link of an open invitation, from the secret kept in this vault (null when gone). */
	async function linkOfInvitation(invitationId: string, origin: string): Promise<string | null> {
		const found = (await invitationSecrets(deps.vault())).find(
			(s) => s.invitationId === invitationId
		);
		return found === undefined ? null : invitationLink(origin, found.secret);
	}

	/**
	 * The safety code of this account and another identity key, computed here (for a listed member,
	 * the key as the server lists it now: comparing the codes in person is what checks it).
	 */
	async function safetyCodeWith(identityKey: string | null): Promise<CircleResult<string>> {
		const signing = await signingIdentity(deps.vault());
		if (signing === null) return fail({ type: 'locked' });
		if (identityKey === null) return fail({ type: 'proof-invalid' });
		const code = await safetyCode(signing.identityKey, identityKey);
		return code === null ? fail({ type: 'proof-invalid' }) : ok(code);
	}

	async function loadAccessLog(circleId: string): Promise<CircleResult<AccessLog>> {
		const result = await call('auditLog', { params: { circleId } });
		if (!result.ok) return result;
		return ok({ log: result.value, check: verifyChain(result.value.entries, result.value.head) });
	}

	const myCircles = (): Promise<CircleResult<MyCirclesResponse>> => call('myCircles');

	return {
		...writes,
		...createCircleExportCommands({ http }),
		refreshRoster: roster.refreshRoster,
		rosterKeys: roster.rosterKeys,
		loadCircle,
		linkOfInvitation,
		safetyCodeWith,
		loadAccessLog,
		myCircles,
		...invitee
	};
}

export type CircleCommands = ReturnType<typeof createCircleCommands>;
