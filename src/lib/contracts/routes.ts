// The route table: every endpoint under src/routes/api/** once, as
// `{ method, pattern, path(params), request?, query?, response }` with the shared zod contracts.
//
// Why: the server adapters (`+server.ts` → `endpoint(name)` in server/context.ts, and the `Api`
// type of server/api, which must hold one handler per name here), the one client
// (`contracts/client.ts`) and the test fixtures (tests/fixtures/server/routes.ts) all read this
// table, so a route, its method and its shapes are written down in one place. `pattern` is the
// SvelteKit folder below src/routes (`[name]` for a parameter); a test checks that each pattern
// names a real `+server.ts` exporting that method through `endpoint(name)`, and the reverse.
//
// To add an endpoint: a line here, a handler of the same name in `createApi`, and
// `export const METHOD: RequestHandler = endpoint('name');` in the route folder.
import * as z from 'zod';
import {
	authResponseSchema,
	currentSessionResponseSchema,
	deleteAccountRequestSchema,
	kdfParamsRequestSchema,
	kdfParamsResponseSchema,
	loginRequestSchema,
	rekeyRequestSchema,
	rekeyResponseSchema,
	sessionListResponseSchema,
	signUpRequestSchema,
	updateWrappedKeysRequestSchema,
	wrappedKeysResponseSchema
} from './auth';
import {
	acceptInvitationRequestSchema,
	acceptInvitationResponseSchema,
	auditLogResponseSchema,
	confirmInvitationRequestSchema,
	createInvitationRequestSchema,
	grantsResponseSchema,
	invitationListResponseSchema,
	invitationPreviewSchema,
	invitationResponseSchema,
	memberListResponseSchema,
	memberResponseSchema,
	myCirclesResponseSchema,
	myKeysResponseSchema,
	putRosterRequestSchema,
	recordAuditRequestSchema,
	rosterResponseSchema,
	rotateKeyRequestSchema,
	rotateKeyResponseSchema,
	updateGrantsRequestSchema
} from './circle';
import { healthResponseSchema } from './common';
import {
	pushScheduleUploadBodySchema,
	pushScheduleUploadResponseSchema,
	pushSubscribeBodySchema,
	pushTestReminderBodySchema,
	pushUnsubscribeBodySchema,
	vapidPublicKeyResponseSchema
} from './push';
import {
	calendarFeedStatusResponseSchema,
	calendarFeedTokenResponseSchema,
	calendarFeedUploadBodySchema,
	pushStatusResponseSchema
} from './reminders';
import {
	accountKindRequestSchema,
	confirmSecondFactorRequestSchema,
	confirmSecondFactorResponseSchema,
	disableSecondFactorRequestSchema,
	enrolResponseSchema,
	secondFactorStatusSchema
} from './second-factor';
import {
	answersResponseSchema,
	ballotRequestSchema,
	campaignListResponseSchema,
	createCampaignRequestSchema,
	issueTokensRequestSchema,
	issueTokensResponseSchema,
	postUpdateRequestSchema,
	updatesResponseSchema
} from './surveys';
import {
	acceptTeamInvitationRequestSchema,
	acceptTeamInvitationResponseSchema,
	addCircleTeamRequestSchema,
	attestationRequestSchema,
	circleTeamKeysRequestSchema,
	circleTeamListSchema,
	confirmTeamInvitationRequestSchema,
	createTeamInvitationRequestSchema,
	createTeamRequestSchema,
	rotateTeamKeyRequestSchema,
	teamCirclesResponseSchema,
	teamDetailSchema,
	teamInvitationCreatedSchema,
	teamInvitationPreviewSchema,
	teamListResponseSchema,
	teamPublicSchema
} from './teams';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from './sync';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The `[name]` parameters of a pattern, as a union of names (never when it has none). */
export type ParamNames<P extends string> = P extends `${string}[${infer N}]${infer Rest}`
	? N | ParamNames<Rest>
	: never;
export type RouteParams<P extends string> = { readonly [K in ParamNames<P>]: string };

/** An answer without a body (204, 202): the client reads it as `null`. */
export const emptyResponseSchema = z.null();
/** A non-JSON answer (the calendar file): the client reads it as text. */
export const textResponseSchema = z.string();

/** The request body, query and answer of a route; an absent shape means none is sent. */
export interface RouteShapes {
	readonly request?: z.ZodType;
	readonly query?: z.ZodType;
	readonly response: z.ZodType;
}

export interface Route<P extends string = string> extends RouteShapes {
	readonly method: HttpMethod;
	readonly pattern: P;
	readonly path: (params: RouteParams<P>) => string;
}

/** Fills a pattern's `[name]` segments, each percent-encoded. */
export function fillPattern(pattern: string, params: Readonly<Record<string, string>>): string {
	return pattern.replace(/\[(\w+)\]/gu, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`missing route parameter ${name}`);
		return encodeURIComponent(value);
	});
}

function route<P extends string, S extends RouteShapes>(
	method: HttpMethod,
	pattern: P,
	shapes: S
): Route<P> & S {
	return { method, pattern, path: (params) => fillPattern(pattern, params), ...shapes };
}

const C = '/api/circles/[circleId]' as const;
const T = '/api/teams/[teamId]' as const;
const S = '/api/surveys/campaigns/[id]' as const;
const empty = { response: emptyResponseSchema };

export const routes = {
	health: route('GET', '/api/health', { response: healthResponseSchema }),

	// Accounts and sessions.
	signUp: route('POST', '/api/auth/signup', {
		request: signUpRequestSchema,
		response: authResponseSchema
	}),
	login: route('POST', '/api/auth/login', {
		request: loginRequestSchema,
		response: authResponseSchema
	}),
	logout: route('POST', '/api/auth/logout', empty),
	forgetDevice: route('POST', '/api/auth/forget', empty),
	kdfParams: route('POST', '/api/auth/params', {
		request: kdfParamsRequestSchema,
		response: kdfParamsResponseSchema
	}),
	rekey: route('POST', '/api/auth/rekey', {
		request: rekeyRequestSchema,
		response: rekeyResponseSchema
	}),
	currentSession: route('GET', '/api/auth/session', { response: currentSessionResponseSchema }),
	listSessions: route('GET', '/api/auth/sessions', { response: sessionListResponseSchema }),
	revokeAllSessions: route('DELETE', '/api/auth/sessions', empty),
	revokeSession: route('DELETE', '/api/auth/sessions/[id]', empty),
	getWrappedKeys: route('GET', '/api/account/keys', { response: wrappedKeysResponseSchema }),
	putWrappedKeys: route('PUT', '/api/account/keys', {
		request: updateWrappedKeysRequestSchema,
		response: wrappedKeysResponseSchema
	}),
	deleteAccount: route('POST', '/api/account/delete', {
		request: deleteAccountRequestSchema,
		response: emptyResponseSchema
	}),

	// Sync.
	push: route('POST', '/api/sync/push', {
		request: pushRequestSchema,
		response: pushResponseSchema
	}),
	pull: route('GET', '/api/sync/pull', { query: pullQuerySchema, response: pullResponseSchema }),

	// Circles, members, invitations, keys and the access log.
	myCircles: route('GET', '/api/circles', { response: myCirclesResponseSchema }),
	listInvitations: route('GET', `${C}/invitations`, { response: invitationListResponseSchema }),
	createInvitation: route('POST', `${C}/invitations`, {
		request: createInvitationRequestSchema,
		response: invitationResponseSchema
	}),
	revokeInvitation: route('DELETE', `${C}/invitations/[invitationId]`, empty),
	confirmInvitation: route('POST', `${C}/invitations/[invitationId]/confirm`, {
		request: confirmInvitationRequestSchema,
		response: memberResponseSchema
	}),
	previewInvitation: route('GET', '/api/invitations/[lookupId]', {
		response: invitationPreviewSchema
	}),
	acceptInvitation: route('POST', '/api/invitations/[lookupId]/accept', {
		request: acceptInvitationRequestSchema,
		response: acceptInvitationResponseSchema
	}),
	listMembers: route('GET', `${C}/members`, { response: memberListResponseSchema }),
	removeMember: route('DELETE', `${C}/members/[accountId]`, empty),
	updateGrants: route('PUT', `${C}/members/[accountId]/grants`, {
		request: updateGrantsRequestSchema,
		response: grantsResponseSchema
	}),
	myKeys: route('GET', `${C}/keys`, { response: myKeysResponseSchema }),
	rotateKey: route('POST', `${C}/keys`, {
		request: rotateKeyRequestSchema,
		response: rotateKeyResponseSchema
	}),
	roster: route('GET', `${C}/roster`, { response: rosterResponseSchema }),
	putRoster: route('PUT', `${C}/roster`, {
		request: putRosterRequestSchema,
		response: emptyResponseSchema
	}),
	auditLog: route('GET', `${C}/audit`, { response: auditLogResponseSchema }),
	recordAudit: route('POST', `${C}/audit`, {
		request: recordAuditRequestSchema,
		response: emptyResponseSchema
	}),

	// Second factor (TOTP and recovery codes) and the account's kind.
	secondFactorStatus: route('GET', '/api/auth/second-factor', {
		response: secondFactorStatusSchema
	}),
	enrolSecondFactor: route('POST', '/api/auth/second-factor/enrol', {
		response: enrolResponseSchema
	}),
	confirmSecondFactor: route('POST', '/api/auth/second-factor/confirm', {
		request: confirmSecondFactorRequestSchema,
		response: confirmSecondFactorResponseSchema
	}),
	disableSecondFactor: route('POST', '/api/auth/second-factor/disable', {
		request: disableSecondFactorRequestSchema,
		response: emptyResponseSchema
	}),
	setAccountKind: route('PUT', '/api/account/kind', {
		request: accountKindRequestSchema,
		response: secondFactorStatusSchema
	}),

	// Care teams, their invitations and the circles they follow.
	createTeam: route('POST', '/api/teams', {
		request: createTeamRequestSchema,
		response: teamPublicSchema
	}),
	listTeams: route('GET', '/api/teams', { response: teamListResponseSchema }),
	teamDetail: route('GET', T, { response: teamDetailSchema }),
	teamPublic: route('GET', `${T}/public`, { response: teamPublicSchema }),
	inviteToTeam: route('POST', `${T}/invitations`, {
		request: createTeamInvitationRequestSchema,
		response: teamInvitationCreatedSchema
	}),
	confirmTeamInvitation: route('POST', `${T}/invitations/[invitationId]/confirm`, {
		request: confirmTeamInvitationRequestSchema,
		response: emptyResponseSchema
	}),
	previewTeamInvitation: route('GET', '/api/team-invitations/[lookupId]', {
		response: teamInvitationPreviewSchema
	}),
	acceptTeamInvitation: route('POST', '/api/team-invitations/[lookupId]/accept', {
		request: acceptTeamInvitationRequestSchema,
		response: acceptTeamInvitationResponseSchema
	}),
	removeTeamMember: route('DELETE', `${T}/members/[accountId]`, empty),
	rotateTeamKey: route('POST', `${T}/key`, {
		request: rotateTeamKeyRequestSchema,
		response: teamPublicSchema
	}),
	teamCircles: route('GET', `${T}/circles`, { response: teamCirclesResponseSchema }),
	attestCircleOwner: route('PUT', `${T}/circles/[circleId]/attestation`, {
		request: attestationRequestSchema,
		response: emptyResponseSchema
	}),
	circleTeams: route('GET', `${C}/teams`, { response: circleTeamListSchema }),
	addCircleTeam: route('POST', `${C}/teams`, {
		request: addCircleTeamRequestSchema,
		response: emptyResponseSchema
	}),
	removeCircleTeam: route('DELETE', `${C}/teams/[teamId]`, empty),
	putCircleTeamKeys: route('PUT', `${C}/teams/[teamId]/keys`, {
		request: circleTeamKeysRequestSchema,
		response: emptyResponseSchema
	}),

	// Anonymous experience surveys: the publisher's campaigns, and the ballots and notices sent
	// without a cookie.
	surveyCampaignList: route('GET', '/api/surveys/campaigns', {
		response: campaignListResponseSchema
	}),
	surveyCampaignCreate: route('POST', '/api/surveys/campaigns', {
		request: createCampaignRequestSchema,
		response: emptyResponseSchema
	}),
	surveyTokensIssue: route('POST', `${S}/tokens`, {
		request: issueTokensRequestSchema,
		response: issueTokensResponseSchema
	}),
	surveyAnswers: route('GET', `${S}/answers`, { response: answersResponseSchema }),
	surveyUpdates: route('GET', `${S}/updates`, { response: updatesResponseSchema }),
	surveyUpdatePost: route('POST', `${S}/updates`, {
		request: postUpdateRequestSchema,
		response: emptyResponseSchema
	}),
	surveyBallot: route('POST', '/api/surveys/ballots', {
		request: ballotRequestSchema,
		response: emptyResponseSchema
	}),

	// Reminders: Web Push and the calendar feed.
	pushVapidKey: route('GET', '/api/push/vapid-key', { response: vapidPublicKeyResponseSchema }),
	pushSubscribe: route('POST', '/api/push/subscribe', {
		request: pushSubscribeBodySchema,
		response: emptyResponseSchema
	}),
	pushUnsubscribe: route('POST', '/api/push/unsubscribe', {
		request: pushUnsubscribeBodySchema,
		response: emptyResponseSchema
	}),
	pushSchedule: route('PUT', '/api/push/schedule', {
		request: pushScheduleUploadBodySchema,
		response: pushScheduleUploadResponseSchema
	}),
	pushTest: route('POST', '/api/push/test', {
		request: pushTestReminderBodySchema,
		response: emptyResponseSchema
	}),
	pushStatus: route('GET', '/api/push/status', { response: pushStatusResponseSchema }),
	calendarFeedStatus: route('GET', '/api/calendar/feed', {
		response: calendarFeedStatusResponseSchema
	}),
	calendarFeedRotate: route('POST', '/api/calendar/feed', {
		request: calendarFeedUploadBodySchema,
		response: calendarFeedTokenResponseSchema
	}),
	calendarFeedPublish: route('PUT', '/api/calendar/feed', {
		request: calendarFeedUploadBodySchema,
		response: emptyResponseSchema
	}),
	calendarFeedRevoke: route('DELETE', '/api/calendar/feed', empty),
	calendarFeedFile: route('GET', '/api/calendar/[file]', { response: textResponseSchema })
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export const isRouteName = (name: string): name is RouteName => Object.hasOwn(routes, name);
export const routeNames: readonly RouteName[] = Object.keys(routes).filter(isRouteName);
