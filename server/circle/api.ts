// HTTP handlers of the circle of care (contract: src/lib/contracts/circle.ts). Each handler needs
// a session, parses its input with the shared zod schema, calls server/circle and maps the result
// through the one error mapper. Routes (src/routes/api/**/+server.ts are thin adapters):
//   POST   /api/circles/:circleId/invitations                       createInvitation (owner)
//   GET    /api/circles/:circleId/invitations                       listInvitations (owner)
//   POST   /api/circles/:circleId/invitations/:invitationId/confirm confirmInvitation (owner)
//   DELETE /api/circles/:circleId/invitations/:invitationId         revokeInvitation (owner)
//   GET    /api/invitations/:lookupId                               previewInvitation (invitee)
//   POST   /api/invitations/:lookupId/accept                        acceptInvitation (invitee)
//   GET    /api/circles/:circleId/members                           listMembers
//   PUT    /api/circles/:circleId/members/:accountId/grants         updateGrants (owner)
//   DELETE /api/circles/:circleId/members/:accountId                removeMember (owner or self)
//   POST   /api/circles/:circleId/keys                              rotateKey (owner)
//   GET    /api/circles/:circleId/keys                              myKeys (member)
//   GET    /api/circles/:circleId/roster                            roster (owner or member)
//   PUT    /api/circles/:circleId/roster                            putRoster (owner)
//   GET    /api/circles/:circleId/audit                             auditLog (owner)
//   POST   /api/circles/:circleId/audit                             recordAudit (export by a reader)
//   GET    /api/circles (superset of the old list)                  myCircles
import {
	acceptInvitationRequestSchema,
	confirmInvitationRequestSchema,
	createInvitationRequestSchema,
	putRosterRequestSchema,
	recordAuditRequestSchema,
	rotateKeyRequestSchema,
	tagSchema,
	updateGrantsRequestSchema,
	type AuditLogResponse,
	type MyCirclesResponse
} from '$lib/contracts/circle';
import { idSchema } from '$lib/contracts/common';
import { careRoleSchema } from '$lib/domain/circle';
import type { AuthedHandler } from '../api/session';
import type { Handler } from '../api/types';
import { appendAudit, readAudit } from '../audit/log';
import type { DbHandle } from '../db';
import { AUTH_BODY_LIMIT, parseJsonBody } from '../http/body';
import { errorResponse } from '../http/errors';
import { logUnexpected } from '../http/log';
import { emptyResponse, jsonResponse } from '../http/respond';
import type { Permissions } from '../sync/permissions';
import { createInvitations } from './invitations';
import { createMembers } from './members';
import { createRosters } from './roster';

export interface CircleApi {
	readonly createInvitation: Handler;
	readonly listInvitations: Handler;
	readonly confirmInvitation: Handler;
	readonly revokeInvitation: Handler;
	readonly previewInvitation: Handler;
	readonly acceptInvitation: Handler;
	readonly listMembers: Handler;
	readonly updateGrants: Handler;
	readonly removeMember: Handler;
	readonly rotateKey: Handler;
	readonly myKeys: Handler;
	readonly roster: Handler;
	readonly putRoster: Handler;
	readonly auditLog: Handler;
	readonly recordAudit: Handler;
	readonly myCircles: Handler;
}

const CIRCLE_BODY_LIMIT = 64 * 1024;

const guarded =
	(name: string, handler: Handler): Handler =>
	async (req) => {
		try {
			return await handler(req);
		} catch (error) {
			logUnexpected(name, error);
			return errorResponse({ type: 'internal' });
		}
	};

export function createCircleApi(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
	readonly permissions: Permissions;
	readonly requireSession: (handler: AuthedHandler) => Handler;
	/** The care teams in a circle and their members, as the access log names them. */
	readonly teamLogNames?: (circleId: string) => Promise<AuditLogResponse['members']>;
}): CircleApi {
	const invitations = createInvitations(deps);
	const members = createMembers(deps);
	const rosters = createRosters(deps);
	const { requireSession } = deps;

	/** Wraps a handler that needs a valid :circleId (404 otherwise, never a DB lookup of junk). */
	const inCircle = (
		name: string,
		handler: (
			req: Parameters<AuthedHandler>[0],
			accountId: string,
			circleId: string
		) => Promise<Response>
	): Handler =>
		guarded(
			name,
			requireSession(async (req, auth) => {
				const circleId = idSchema.safeParse(req.params['circleId']);
				if (!circleId.success) return errorResponse({ type: 'not-found' });
				return handler(req, auth.account.id, circleId.data);
			})
		);

	const param = (value: string | undefined) => idSchema.safeParse(value);

	return {
		createInvitation: inCircle('createInvitation', async (req, accountId, circleId) => {
			const body = await parseJsonBody(req.request, createInvitationRequestSchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await invitations.create(accountId, circleId, body.value);
			return result.ok
				? jsonResponse({ invitation: result.value }, 201)
				: errorResponse(result.error);
		}),

		listInvitations: inCircle('listInvitations', async (_req, accountId, circleId) => {
			const result = await invitations.list(accountId, circleId);
			return result.ok ? jsonResponse({ invitations: result.value }) : errorResponse(result.error);
		}),

		confirmInvitation: inCircle('confirmInvitation', async (req, accountId, circleId) => {
			const id = param(req.params['invitationId']);
			if (!id.success) return errorResponse({ type: 'not-found' });
			const body = await parseJsonBody(
				req.request,
				confirmInvitationRequestSchema,
				CIRCLE_BODY_LIMIT
			);
			if (!body.ok) return errorResponse(body.error);
			const result = await invitations.confirm(accountId, circleId, id.data, body.value);
			if (!result.ok) return errorResponse(result.error);
			const list = await members.list(accountId, circleId);
			const member = list.ok
				? list.value.find((m) => m.accountId === result.value.accountId)
				: undefined;
			return member === undefined ? errorResponse({ type: 'not-found' }) : jsonResponse({ member });
		}),

		revokeInvitation: inCircle('revokeInvitation', async (req, accountId, circleId) => {
			const id = param(req.params['invitationId']);
			if (!id.success) return errorResponse({ type: 'not-found' });
			const result = await invitations.revoke(accountId, circleId, id.data);
			return result.ok ? emptyResponse(204) : errorResponse(result.error);
		}),

		previewInvitation: guarded(
			'previewInvitation',
			requireSession(async (req) => {
				const lookupId = tagSchema.safeParse(req.params['lookupId']);
				if (!lookupId.success) return errorResponse({ type: 'not-found' });
				const result = await invitations.preview(lookupId.data);
				return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
			})
		),

		acceptInvitation: guarded(
			'acceptInvitation',
			requireSession(async (req, auth) => {
				const lookupId = tagSchema.safeParse(req.params['lookupId']);
				if (!lookupId.success) return errorResponse({ type: 'not-found' });
				const body = await parseJsonBody(
					req.request,
					acceptInvitationRequestSchema,
					AUTH_BODY_LIMIT
				);
				if (!body.ok) return errorResponse(body.error);
				const result = await invitations.accept(auth.account.id, lookupId.data, body.value);
				return result.ok
					? jsonResponse({ ...result.value, status: 'pending' as const })
					: errorResponse(result.error);
			})
		),

		listMembers: inCircle('listMembers', async (_req, accountId, circleId) => {
			const result = await members.list(accountId, circleId);
			return result.ok ? jsonResponse({ members: result.value }) : errorResponse(result.error);
		}),

		updateGrants: inCircle('updateGrants', async (req, accountId, circleId) => {
			const memberId = param(req.params['accountId']);
			if (!memberId.success) return errorResponse({ type: 'not-found' });
			const body = await parseJsonBody(req.request, updateGrantsRequestSchema, CIRCLE_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await members.updateGrants(accountId, circleId, memberId.data, body.value);
			return result.ok ? jsonResponse({ grants: result.value }) : errorResponse(result.error);
		}),

		removeMember: inCircle('removeMember', async (req, accountId, circleId) => {
			const memberId = param(req.params['accountId']);
			if (!memberId.success) return errorResponse({ type: 'not-found' });
			const result = await members.remove(accountId, circleId, memberId.data);
			return result.ok ? emptyResponse(204) : errorResponse(result.error);
		}),

		rotateKey: inCircle('rotateKey', async (req, accountId, circleId) => {
			const body = await parseJsonBody(req.request, rotateKeyRequestSchema, CIRCLE_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await members.rotateKey(accountId, circleId, body.value);
			return result.ok
				? jsonResponse({ category: body.value.category, keyId: body.value.keyId })
				: errorResponse(result.error);
		}),

		myKeys: inCircle('myKeys', async (_req, accountId, circleId) => {
			const result = await members.myKeys(accountId, circleId);
			return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
		}),

		roster: inCircle('roster', async (_req, accountId, circleId) => {
			const result = await rosters.read(accountId, circleId);
			return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
		}),

		putRoster: inCircle('putRoster', async (req, accountId, circleId) => {
			const body = await parseJsonBody(req.request, putRosterRequestSchema, CIRCLE_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await rosters.write(accountId, circleId, body.value);
			return result.ok ? emptyResponse(204) : errorResponse(result.error);
		}),

		auditLog: inCircle('auditLog', async (_req, accountId, circleId) => {
			const access = await deps.permissions.loadAccess(accountId, circleId);
			if (access?.role !== 'owner') {
				if (access !== null) await members.refuse(circleId, accountId, null);
				return errorResponse({ type: 'forbidden' });
			}
			const log = await readAudit(deps.db.db, circleId);
			const list = await members.list(accountId, circleId);
			const current = (list.ok ? list.value : []).map((m) => ({
				accountId: m.accountId,
				label: m.label,
				role: careRoleSchema.safeParse(m.role).data ?? 'owner'
			}));
			// Members who left or were removed keep the name the person gave them in the log: the
			// label of the invitation they accepted (the newest one, if invited again).
			const accepted = await deps.db.db
				.selectFrom('circle_invitations')
				.select(['accepted_by', 'label', 'care_role'])
				.where('circle_id', '=', circleId)
				.where('accepted_by', 'is not', null)
				.orderBy('created_at')
				.execute();
			const known = new Set(current.map((m) => m.accountId));
			const former = new Map<string, AuditLogResponse['members'][number]>();
			for (const r of accepted) {
				if (r.accepted_by === null || known.has(r.accepted_by)) continue;
				former.set(r.accepted_by, {
					accountId: r.accepted_by,
					label: r.label,
					role: careRoleSchema.safeParse(r.care_role).data ?? 'other'
				});
			}
			// Care teams and who read through them (a member of the circle keeps her own name).
			const named = new Set([...known, ...former.keys()]);
			const teams = ((await deps.teamLogNames?.(circleId)) ?? []).filter(
				(t) => !named.has(t.accountId)
			);
			return jsonResponse({
				entries: [...log.entries],
				head: log.head,
				verified: log.check.ok,
				members: [...current, ...former.values(), ...teams]
			} satisfies AuditLogResponse);
		}),

		recordAudit: inCircle('recordAudit', async (req, accountId, circleId) => {
			const body = await parseJsonBody(req.request, recordAuditRequestSchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const access = await deps.permissions.loadAccess(accountId, circleId);
			if (access === null) return errorResponse({ type: 'forbidden' });
			if (!access.readable.has(body.value.category)) {
				await members.refuse(circleId, accountId, body.value.category);
				return errorResponse({ type: 'forbidden' });
			}
			const owner = await deps.db.db
				.selectFrom('circles')
				.select('owner_account_id')
				.where('id', '=', circleId)
				.executeTakeFirstOrThrow();
			await deps.db.db.transaction().execute((trx) =>
				appendAudit(trx, {
					circleId,
					actor: accountId,
					subject: owner.owner_account_id,
					category: body.value.category,
					action: body.value.action,
					at: deps.now()
				})
			);
			return emptyResponse(204);
		}),

		myCircles: guarded(
			'myCircles',
			requireSession(async (_req, auth) =>
				jsonResponse({
					circles: await members.myCircles(auth.account.id)
				} satisfies MyCirclesResponse)
			)
		)
	};
}
