// HTTP handlers of care teams (contract: src/lib/contracts/teams.ts). Each needs a session, parses
// its path ids and body with the shared zod schemas, calls server/teams and maps failures through
// the one error mapper. Routes (src/routes/api/**/+server.ts are thin adapters):
//   POST   /api/teams                                             createTeam (professional)
//   GET    /api/teams                                             listTeams
//   GET    /api/teams/:teamId                                     teamDetail (member)
//   GET    /api/teams/:teamId/public                              teamPublic (any account)
//   POST   /api/teams/:teamId/invitations                         inviteToTeam (admin)
//   POST   /api/teams/:teamId/invitations/:invitationId/confirm   confirmTeamInvitation (admin)
//   GET    /api/team-invitations/:lookupId                        previewTeamInvitation
//   POST   /api/team-invitations/:lookupId/accept                 acceptTeamInvitation
//   DELETE /api/teams/:teamId/members/:accountId                  removeTeamMember (admin or self)
//   POST   /api/teams/:teamId/key                                 rotateTeamKey (admin)
//   GET    /api/teams/:teamId/circles                             teamCircles (member)
//   PUT    /api/teams/:teamId/circles/:circleId/attestation       attestCircleOwner (member)
//   GET    /api/circles/:circleId/teams                           circleTeams (owner)
//   POST   /api/circles/:circleId/teams                           addCircleTeam (owner)
//   PUT    /api/circles/:circleId/teams/:teamId/keys              putCircleTeamKeys (owner)
//   DELETE /api/circles/:circleId/teams/:teamId                   removeCircleTeam (owner)
import { tagSchema } from '$lib/contracts/circle';
import { idSchema } from '$lib/contracts/common';
import {
	acceptTeamInvitationRequestSchema,
	addCircleTeamRequestSchema,
	attestationRequestSchema,
	circleTeamKeysRequestSchema,
	confirmTeamInvitationRequestSchema,
	createTeamInvitationRequestSchema,
	createTeamRequestSchema,
	rotateTeamKeyRequestSchema
} from '$lib/contracts/teams';
import type { AuthedHandler } from '../api/session';
import type { Handler } from '../api/types';
import type { DbHandle } from '../db';
import { parseJsonBody } from '../http/body';
import { errorResponse } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import type { Result } from '$lib/domain/result';
import { createCircleTeams, type CircleTeamError, type CircleTeams } from './circle-teams';
import { createTeams } from './teams';

export interface TeamApi {
	readonly createTeam: Handler;
	readonly listTeams: Handler;
	readonly teamDetail: Handler;
	readonly teamPublic: Handler;
	readonly inviteToTeam: Handler;
	readonly confirmTeamInvitation: Handler;
	readonly previewTeamInvitation: Handler;
	readonly acceptTeamInvitation: Handler;
	readonly removeTeamMember: Handler;
	readonly rotateTeamKey: Handler;
	readonly teamCircles: Handler;
	readonly attestCircleOwner: Handler;
	readonly circleTeams: Handler;
	readonly addCircleTeam: Handler;
	readonly putCircleTeamKeys: Handler;
	readonly removeCircleTeam: Handler;
}

const TEAM_BODY_LIMIT = 256 * 1024;

export function createTeamApi(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
	readonly isProfessional: (accountId: string) => Promise<boolean>;
	readonly requireSession: (handler: AuthedHandler) => Handler;
	readonly guarded: (name: string, handler: Handler) => Handler;
}): {
	readonly api: TeamApi;
	readonly circleTeams: CircleTeams;
	/** For other modules (surveys): this account's role and the team key now, or null. */
	readonly standing: (
		accountId: string,
		teamId: string
	) => Promise<{
		readonly role: 'admin' | 'member';
		readonly keyVersion: number;
		readonly rotationPending: boolean;
	} | null>;
	readonly teamsOf: (accountId: string) => Promise<readonly string[]>;
} {
	const teams = createTeams(deps);
	const circleTeams = createCircleTeams({ ...deps, teams });
	const { requireSession, guarded } = deps;

	/** A handler with a session whose path ids (named) all parse as ids (404 otherwise). */
	const withIds = (
		name: string,
		ids: readonly string[],
		handler: (
			req: Parameters<AuthedHandler>[0],
			accountId: string,
			id: Readonly<Record<string, string>>
		) => Promise<Response>
	): Handler =>
		guarded(
			name,
			requireSession(async (req, auth) => {
				const parsed: Record<string, string> = {};
				for (const key of ids) {
					const value = idSchema.safeParse(req.params[key]);
					if (!value.success) return errorResponse({ type: 'not-found' });
					parsed[key] = value.data;
				}
				return handler(req, auth.account.id, parsed);
			})
		);

	const answer = <T>(result: Result<T, CircleTeamError>, status = 200): Response =>
		result.ok
			? result.value === undefined
				? emptyResponse(204)
				: jsonResponse(result.value, status)
			: errorResponse(result.error);

	const lookup = (req: Parameters<AuthedHandler>[0]) => tagSchema.safeParse(req.params['lookupId']);

	return {
		circleTeams,
		standing: (accountId, teamId) => teams.standing(accountId, teamId),
		teamsOf: async (accountId) => (await teams.list(accountId)).teams.map((t) => t.teamId),
		api: {
			createTeam: withIds('createTeam', [], async (req, accountId) => {
				const body = await parseJsonBody(req.request, createTeamRequestSchema, TEAM_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				return answer(await teams.create(accountId, body.value), 201);
			}),
			listTeams: withIds('listTeams', [], async (_req, accountId) =>
				jsonResponse(await teams.list(accountId))
			),
			teamDetail: withIds('teamDetail', ['teamId'], async (_req, accountId, id) =>
				answer(await teams.detail(accountId, id['teamId'] ?? ''))
			),
			teamPublic: withIds('teamPublic', ['teamId'], async (_req, _accountId, id) => {
				const team = await teams.publicOf(id['teamId'] ?? '');
				return team === null ? errorResponse({ type: 'not-found' }) : jsonResponse(team);
			}),
			inviteToTeam: withIds('inviteToTeam', ['teamId'], async (req, accountId, id) => {
				const body = await parseJsonBody(
					req.request,
					createTeamInvitationRequestSchema,
					TEAM_BODY_LIMIT
				);
				if (!body.ok) return errorResponse(body.error);
				return answer(await teams.invite(accountId, id['teamId'] ?? '', body.value), 201);
			}),
			confirmTeamInvitation: withIds(
				'confirmTeamInvitation',
				['teamId', 'invitationId'],
				async (req, accountId, id) => {
					const body = await parseJsonBody(
						req.request,
						confirmTeamInvitationRequestSchema,
						TEAM_BODY_LIMIT
					);
					if (!body.ok) return errorResponse(body.error);
					return answer(
						await teams.confirm(accountId, id['teamId'] ?? '', id['invitationId'] ?? '', body.value)
					);
				}
			),
			previewTeamInvitation: withIds('previewTeamInvitation', [], async (req, accountId) => {
				const lookupId = lookup(req);
				if (!lookupId.success) return errorResponse({ type: 'not-found' });
				return answer(await teams.preview(accountId, lookupId.data));
			}),
			acceptTeamInvitation: withIds('acceptTeamInvitation', [], async (req, accountId) => {
				const lookupId = lookup(req);
				if (!lookupId.success) return errorResponse({ type: 'not-found' });
				const body = await parseJsonBody(
					req.request,
					acceptTeamInvitationRequestSchema,
					TEAM_BODY_LIMIT
				);
				if (!body.ok) return errorResponse(body.error);
				return answer(await teams.accept(accountId, lookupId.data, body.value));
			}),
			removeTeamMember: withIds(
				'removeTeamMember',
				['teamId', 'accountId'],
				async (_req, accountId, id) =>
					answer(await teams.remove(accountId, id['teamId'] ?? '', id['accountId'] ?? ''))
			),
			rotateTeamKey: withIds('rotateTeamKey', ['teamId'], async (req, accountId, id) => {
				const body = await parseJsonBody(req.request, rotateTeamKeyRequestSchema, TEAM_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				return answer(await teams.rotate(accountId, id['teamId'] ?? '', body.value));
			}),
			teamCircles: withIds('teamCircles', ['teamId'], async (_req, accountId, id) =>
				answer(await circleTeams.circlesOf(accountId, id['teamId'] ?? ''))
			),
			attestCircleOwner: withIds(
				'attestCircleOwner',
				['teamId', 'circleId'],
				async (req, accountId, id) => {
					const body = await parseJsonBody(req.request, attestationRequestSchema, TEAM_BODY_LIMIT);
					if (!body.ok) return errorResponse(body.error);
					return answer(
						await circleTeams.attest(
							accountId,
							id['teamId'] ?? '',
							id['circleId'] ?? '',
							body.value
						)
					);
				}
			),
			circleTeams: withIds('circleTeams', ['circleId'], async (_req, accountId, id) =>
				answer(await circleTeams.list(accountId, id['circleId'] ?? ''))
			),
			addCircleTeam: withIds('addCircleTeam', ['circleId'], async (req, accountId, id) => {
				const body = await parseJsonBody(req.request, addCircleTeamRequestSchema, TEAM_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				return answer(await circleTeams.add(accountId, id['circleId'] ?? '', body.value));
			}),
			putCircleTeamKeys: withIds(
				'putCircleTeamKeys',
				['circleId', 'teamId'],
				async (req, accountId, id) => {
					const body = await parseJsonBody(
						req.request,
						circleTeamKeysRequestSchema,
						TEAM_BODY_LIMIT
					);
					if (!body.ok) return errorResponse(body.error);
					return answer(
						await circleTeams.putKeys(
							accountId,
							id['circleId'] ?? '',
							id['teamId'] ?? '',
							body.value
						)
					);
				}
			),
			removeCircleTeam: withIds(
				'removeCircleTeam',
				['circleId', 'teamId'],
				async (_req, accountId, id) =>
					answer(await circleTeams.remove(accountId, id['circleId'] ?? '', id['teamId'] ?? ''))
			)
		}
	};
}
