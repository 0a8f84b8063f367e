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
	resealCampaignRequestSchema,
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

const empty = { response: emptyResponseSchema };

// The common shapes, so each line of the table says only what differs; each keeps its route's
// exact types (`route`'s return type carries the schemas given).
/** GET: an answer, nothing sent. */
const get = <P extends string, R extends z.ZodType>(pattern: P, response: R) =>
	route('GET', pattern, { response });
/** A body sent, an answer read. */
const send = <P extends string, Q extends z.ZodType, R extends z.ZodType>(
	method: HttpMethod,
	pattern: P,
	request: Q,
	response: R
) => route(method, pattern, { request, response });
/** A body sent, no answer (204). */
const noAnswer = <P extends string, Q extends z.ZodType>(
	method: HttpMethod,
	pattern: P,
	request: Q
) => route(method, pattern, { request, response: emptyResponseSchema });
/** Nothing sent, no answer. */
const bare = <P extends string>(method: HttpMethod, pattern: P) => route(method, pattern, empty);

const C = '/api/circles/[circleId]' as const;
const T = '/api/teams/[teamId]' as const;
const S = '/api/surveys/campaigns/[id]' as const;

export const routes = {
	health: get('/api/health', healthResponseSchema),

	// Accounts and sessions.
	signUp: send('POST', '/api/auth/signup', signUpRequestSchema, authResponseSchema),
	login: send('POST', '/api/auth/login', loginRequestSchema, authResponseSchema),
	logout: bare('POST', '/api/auth/logout'),
	forgetDevice: bare('POST', '/api/auth/forget'),
	kdfParams: send('POST', '/api/auth/params', kdfParamsRequestSchema, kdfParamsResponseSchema),
	rekey: send('POST', '/api/auth/rekey', rekeyRequestSchema, rekeyResponseSchema),
	currentSession: get('/api/auth/session', currentSessionResponseSchema),
	listSessions: get('/api/auth/sessions', sessionListResponseSchema),
	revokeAllSessions: bare('DELETE', '/api/auth/sessions'),
	revokeSession: bare('DELETE', '/api/auth/sessions/[id]'),
	getWrappedKeys: get('/api/account/keys', wrappedKeysResponseSchema),
	putWrappedKeys: send(
		'PUT',
		'/api/account/keys',
		updateWrappedKeysRequestSchema,
		wrappedKeysResponseSchema
	),
	deleteAccount: noAnswer('POST', '/api/account/delete', deleteAccountRequestSchema),

	// Sync.
	push: send('POST', '/api/sync/push', pushRequestSchema, pushResponseSchema),
	pull: route('GET', '/api/sync/pull', { query: pullQuerySchema, response: pullResponseSchema }),

	// Circles, members, invitations, keys and the access log.
	myCircles: get('/api/circles', myCirclesResponseSchema),
	listInvitations: get(`${C}/invitations`, invitationListResponseSchema),
	createInvitation: send(
		'POST',
		`${C}/invitations`,
		createInvitationRequestSchema,
		invitationResponseSchema
	),
	revokeInvitation: bare('DELETE', `${C}/invitations/[invitationId]`),
	confirmInvitation: send(
		'POST',
		`${C}/invitations/[invitationId]/confirm`,
		confirmInvitationRequestSchema,
		memberResponseSchema
	),
	previewInvitation: get('/api/invitations/[lookupId]', invitationPreviewSchema),
	acceptInvitation: send(
		'POST',
		'/api/invitations/[lookupId]/accept',
		acceptInvitationRequestSchema,
		acceptInvitationResponseSchema
	),
	listMembers: get(`${C}/members`, memberListResponseSchema),
	removeMember: bare('DELETE', `${C}/members/[accountId]`),
	updateGrants: send(
		'PUT',
		`${C}/members/[accountId]/grants`,
		updateGrantsRequestSchema,
		grantsResponseSchema
	),
	myKeys: get(`${C}/keys`, myKeysResponseSchema),
	rotateKey: send('POST', `${C}/keys`, rotateKeyRequestSchema, rotateKeyResponseSchema),
	roster: get(`${C}/roster`, rosterResponseSchema),
	putRoster: noAnswer('PUT', `${C}/roster`, putRosterRequestSchema),
	auditLog: get(`${C}/audit`, auditLogResponseSchema),
	recordAudit: noAnswer('POST', `${C}/audit`, recordAuditRequestSchema),

	// Second factor (TOTP and recovery codes) and the account's kind.
	secondFactorStatus: get('/api/auth/second-factor', secondFactorStatusSchema),
	enrolSecondFactor: route('POST', '/api/auth/second-factor/enrol', {
		response: enrolResponseSchema
	}),
	confirmSecondFactor: send(
		'POST',
		'/api/auth/second-factor/confirm',
		confirmSecondFactorRequestSchema,
		confirmSecondFactorResponseSchema
	),
	disableSecondFactor: noAnswer(
		'POST',
		'/api/auth/second-factor/disable',
		disableSecondFactorRequestSchema
	),
	setAccountKind: send(
		'PUT',
		'/api/account/kind',
		accountKindRequestSchema,
		secondFactorStatusSchema
	),

	// Care teams, their invitations and the circles they follow.
	createTeam: send('POST', '/api/teams', createTeamRequestSchema, teamPublicSchema),
	listTeams: get('/api/teams', teamListResponseSchema),
	teamDetail: get(T, teamDetailSchema),
	teamPublic: get(`${T}/public`, teamPublicSchema),
	inviteToTeam: send(
		'POST',
		`${T}/invitations`,
		createTeamInvitationRequestSchema,
		teamInvitationCreatedSchema
	),
	confirmTeamInvitation: noAnswer(
		'POST',
		`${T}/invitations/[invitationId]/confirm`,
		confirmTeamInvitationRequestSchema
	),
	previewTeamInvitation: get('/api/team-invitations/[lookupId]', teamInvitationPreviewSchema),
	acceptTeamInvitation: send(
		'POST',
		'/api/team-invitations/[lookupId]/accept',
		acceptTeamInvitationRequestSchema,
		acceptTeamInvitationResponseSchema
	),
	removeTeamMember: bare('DELETE', `${T}/members/[accountId]`),
	rotateTeamKey: send('POST', `${T}/key`, rotateTeamKeyRequestSchema, teamPublicSchema),
	teamCircles: get(`${T}/circles`, teamCirclesResponseSchema),
	attestCircleOwner: noAnswer(
		'PUT',
		`${T}/circles/[circleId]/attestation`,
		attestationRequestSchema
	),
	circleTeams: get(`${C}/teams`, circleTeamListSchema),
	addCircleTeam: noAnswer('POST', `${C}/teams`, addCircleTeamRequestSchema),
	removeCircleTeam: bare('DELETE', `${C}/teams/[teamId]`),
	putCircleTeamKeys: noAnswer('PUT', `${C}/teams/[teamId]/keys`, circleTeamKeysRequestSchema),

	// Anonymous experience surveys: the publisher's campaigns, and the ballots and notices sent
	// without a cookie.
	surveyCampaignList: get('/api/surveys/campaigns', campaignListResponseSchema),
	surveyCampaignCreate: noAnswer('POST', '/api/surveys/campaigns', createCampaignRequestSchema),
	surveyTokensIssue: send(
		'POST',
		`${S}/tokens`,
		issueTokensRequestSchema,
		issueTokensResponseSchema
	),
	surveyAnswers: get(`${S}/answers`, answersResponseSchema),
	surveyCampaignReseal: noAnswer('PUT', `${S}/team-key`, resealCampaignRequestSchema),
	surveyUpdates: get(`${S}/updates`, updatesResponseSchema),
	surveyUpdatePost: noAnswer('POST', `${S}/updates`, postUpdateRequestSchema),
	surveyBallot: noAnswer('POST', '/api/surveys/ballots', ballotRequestSchema),

	// Reminders: Web Push and the calendar feed.
	pushVapidKey: get('/api/push/vapid-key', vapidPublicKeyResponseSchema),
	pushSubscribe: noAnswer('POST', '/api/push/subscribe', pushSubscribeBodySchema),
	pushUnsubscribe: noAnswer('POST', '/api/push/unsubscribe', pushUnsubscribeBodySchema),
	pushSchedule: send(
		'PUT',
		'/api/push/schedule',
		pushScheduleUploadBodySchema,
		pushScheduleUploadResponseSchema
	),
	pushTest: noAnswer('POST', '/api/push/test', pushTestReminderBodySchema),
	pushStatus: get('/api/push/status', pushStatusResponseSchema),
	calendarFeedStatus: get('/api/calendar/feed', calendarFeedStatusResponseSchema),
	calendarFeedRotate: send(
		'POST',
		'/api/calendar/feed',
		calendarFeedUploadBodySchema,
		calendarFeedTokenResponseSchema
	),
	calendarFeedPublish: noAnswer('PUT', '/api/calendar/feed', calendarFeedUploadBodySchema),
	calendarFeedRevoke: bare('DELETE', '/api/calendar/feed'),
	calendarFeedFile: route('GET', '/api/calendar/[file]', { response: textResponseSchema })
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export const isRouteName = (name: string): name is RouteName => Object.hasOwn(routes, name);
export const routeNames: readonly RouteName[] = Object.keys(routes).filter(isRouteName);
