// The care-team endpoints over HTTP (contract: src/lib/contracts/teams.ts), in one small module so
// they move onto the one API client with the route table: every call goes through the circle
// commands' `request`/`call` (a failed fetch is `offline`, an error body its code, a 2xx body
// parsed by the shared schema, never trusted otherwise).
import * as z from 'zod';
import type { Grant } from '$lib/domain/circle';
import type { TeamKind, TeamRole } from '$lib/domain/care-team/teams';
import {
	circleTeamListSchema,
	teamCirclesResponseSchema,
	teamDetailSchema,
	teamInvitationCreatedSchema,
	teamInvitationPreviewSchema,
	teamListResponseSchema,
	teamPublicSchema
} from '$lib/contracts/teams';
import { circlePath, createCircleHttp, type CircleResult, type Fetch } from './circle-http';

const teamPath = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;
const unit = <T>(result: CircleResult<T>): CircleResult<null> =>
	result.ok ? { ok: true, value: null } : result;

export interface CategoryWrap {
	readonly category: string;
	readonly keyId: string;
	readonly wrapped: string;
}

export function createTeamHttp(fetchFn: Fetch) {
	const { request, call } = createCircleHttp(fetchFn);
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
		}) => call('POST', '/api/teams', body, teamPublicSchema),
		list: () => call('GET', '/api/teams', undefined, teamListResponseSchema),
		detail: (teamId: string) => call('GET', teamPath(teamId), undefined, teamDetailSchema),
		publicOf: (teamId: string) =>
			call('GET', `${teamPath(teamId)}/public`, undefined, teamPublicSchema),
		invite: (
			teamId: string,
			body: { lookupId: string; serverKey: string; inviterProof: string; role: TeamRole }
		) => call('POST', `${teamPath(teamId)}/invitations`, body, teamInvitationCreatedSchema),
		preview: (lookupId: string) =>
			call(
				'GET',
				`/api/team-invitations/${encodeURIComponent(lookupId)}`,
				undefined,
				teamInvitationPreviewSchema
			),
		accept: (
			lookupId: string,
			body: {
				identityKey: string;
				sharingKey: string;
				proof: string;
				serverProof: string;
				label: string;
			}
		) =>
			call(
				'POST',
				`/api/team-invitations/${encodeURIComponent(lookupId)}/accept`,
				body,
				z.object({ teamId: z.string() })
			),
		confirm: async (
			teamId: string,
			invitationId: string,
			body: { keyVersion: number; wrap: string }
		) =>
			unit(
				await request(
					'POST',
					`${teamPath(teamId)}/invitations/${encodeURIComponent(invitationId)}/confirm`,
					body,
					null
				)
			),
		remove: async (teamId: string, accountId: string) =>
			unit(
				await request(
					'DELETE',
					`${teamPath(teamId)}/members/${encodeURIComponent(accountId)}`,
					undefined,
					null
				)
			),
		rotate: (
			teamId: string,
			body: {
				keyVersion: number;
				publicKey: string;
				keySignature: string;
				wraps: { accountId: string; wrapped: string }[];
			}
		) => call('POST', `${teamPath(teamId)}/key`, body, teamPublicSchema),
		circles: (teamId: string) =>
			call('GET', `${teamPath(teamId)}/circles`, undefined, teamCirclesResponseSchema),
		attest: async (
			teamId: string,
			circleId: string,
			body: { ownerIdentityKey: string; signature: string }
		) =>
			unit(
				await request(
					'PUT',
					`${teamPath(teamId)}/circles/${encodeURIComponent(circleId)}/attestation`,
					body,
					null
				)
			),
		circleTeams: (circleId: string) =>
			call('GET', `${circlePath(circleId)}/teams`, undefined, circleTeamListSchema),
		addCircleTeam: async (
			circleId: string,
			body: {
				teamId: string;
				label: string;
				keyVersion: number;
				grants: Grant[];
				wraps: CategoryWrap[];
			}
		) => unit(await request('POST', `${circlePath(circleId)}/teams`, body, null)),
		putCircleTeamKeys: async (
			circleId: string,
			teamId: string,
			body: { keyVersion: number; wraps: CategoryWrap[] }
		) =>
			unit(
				await request(
					'PUT',
					`${circlePath(circleId)}/teams/${encodeURIComponent(teamId)}/keys`,
					body,
					null
				)
			),
		removeCircleTeam: async (circleId: string, teamId: string) =>
			unit(
				await request(
					'DELETE',
					`${circlePath(circleId)}/teams/${encodeURIComponent(teamId)}`,
					undefined,
					null
				)
			)
	};
}

export type TeamHttp = ReturnType<typeof createTeamHttp>;
