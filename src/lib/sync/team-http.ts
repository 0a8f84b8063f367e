// The care-team endpoints over HTTP (contract: src/lib/contracts/teams.ts, routes in
// src/lib/contracts/routes.ts), through the one API client: the circle commands' `call`/`send`
// (a failed fetch is `offline`, an error body its code, a 2xx body parsed by the route's schema,
// never trusted otherwise).
import type { FetchLike } from '$lib/contracts/client';
import type { Grant, ShareableCategory } from '$lib/domain/circle';
import type { TeamKind, TeamRole } from '$lib/domain/care-team/teams';
import { createCircleHttp } from './circle-http';

export interface CategoryWrap {
	readonly category: ShareableCategory;
	readonly keyId: string;
	readonly wrapped: string;
}

export function createTeamHttp(fetchFn: FetchLike) {
	const { call, send } = createCircleHttp(fetchFn);
	return {
		create: (body: {
			teamId: string;
			name: string;
			kind: TeamKind;
			publicKey: string;
			keySignature: string;
			identityKey: string;
			sharingKey: string;
			label: string;
			ownWrap: string;
		}) => call('createTeam', { body }),
		list: () => call('listTeams'),
		detail: (teamId: string) => call('teamDetail', { params: { teamId } }),
		publicOf: (teamId: string) => call('teamPublic', { params: { teamId } }),
		invite: (
			teamId: string,
			body: { lookupId: string; serverKey: string; inviterProof: string; role: TeamRole }
		) => call('inviteToTeam', { params: { teamId }, body }),
		preview: (lookupId: string) => call('previewTeamInvitation', { params: { lookupId } }),
		accept: (
			lookupId: string,
			body: {
				identityKey: string;
				sharingKey: string;
				proof: string;
				serverProof: string;
				label: string;
			}
		) => call('acceptTeamInvitation', { params: { lookupId }, body }),
		confirm: (teamId: string, invitationId: string, body: { keyVersion: number; wrap: string }) =>
			send('confirmTeamInvitation', { params: { teamId, invitationId }, body }),
		remove: (teamId: string, accountId: string) =>
			send('removeTeamMember', { params: { teamId, accountId } }),
		rotate: (
			teamId: string,
			body: {
				keyVersion: number;
				publicKey: string;
				keySignature: string;
				wraps: { accountId: string; wrapped: string }[];
			}
		) => call('rotateTeamKey', { params: { teamId }, body }),
		circles: (teamId: string) => call('teamCircles', { params: { teamId } }),
		attest: (
			teamId: string,
			circleId: string,
			body: { ownerIdentityKey: string; signature: string }
		) => send('attestCircleOwner', { params: { teamId, circleId }, body }),
		circleTeams: (circleId: string) => call('circleTeams', { params: { circleId } }),
		addCircleTeam: (
			circleId: string,
			body: {
				teamId: string;
				label: string;
				keyVersion: number;
				grants: Grant[];
				wraps: CategoryWrap[];
			}
		) => send('addCircleTeam', { params: { circleId }, body }),
		putCircleTeamKeys: (
			circleId: string,
			teamId: string,
			body: { keyVersion: number; wraps: CategoryWrap[] }
		) => send('putCircleTeamKeys', { params: { circleId, teamId }, body }),
		removeCircleTeam: (circleId: string, teamId: string) =>
			send('removeCircleTeam', { params: { circleId, teamId } })
	};
}

export type TeamHttp = ReturnType<typeof createTeamHttp>;
