// The one place where an expected failure becomes an HTTP response. Every API error body has the
// shape of `apiErrorBodySchema` (src/lib/contracts/common.ts) and never carries a stack trace or
// any input echoed back beyond zod's issue paths and messages.
import type { ApiErrorBody, ApiErrorCode } from '$lib/contracts/common';
import { jsonResponse } from './respond';

export interface Issue {
	readonly path: readonly (string | number)[];
	readonly message: string;
}

export type ApiError =
	| { readonly type: 'invalid-json' }
	| { readonly type: 'invalid-body'; readonly issues: readonly Issue[] }
	| { readonly type: 'invalid-query'; readonly issues: readonly Issue[] }
	| { readonly type: 'body-too-large' }
	| { readonly type: 'unsupported-media-type' }
	| { readonly type: 'unauthenticated' }
	| { readonly type: 'invalid-credentials' }
	| { readonly type: 'forbidden' }
	| { readonly type: 'forbidden-origin' }
	| { readonly type: 'not-found' }
	| { readonly type: 'login-taken' }
	| { readonly type: 'circle-taken' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number }
	| { readonly type: 'unavailable' }
	| { readonly type: 'internal' }
	| { readonly type: 'invitation-expired' }
	| { readonly type: 'invitation-used' }
	| { readonly type: 'invitation-revoked' }
	| { readonly type: 'invitation-proof-invalid' }
	| { readonly type: 'invitation-not-accepted' }
	| { readonly type: 'invitation-withdrawn' }
	| { readonly type: 'already-member' }
	| { readonly type: 'invalid-grant' }
	| { readonly type: 'rotation-incomplete' }
	| { readonly type: 'survey-token-refused' }
	| { readonly type: 'survey-conflict' }
	| { readonly type: 'second-factor-required' }
	| { readonly type: 'second-factor-invalid' }
	| { readonly type: 'second-factor-replayed' }
	| { readonly type: 'second-factor-enabled' }
	| { readonly type: 'second-factor-not-pending' }
	| { readonly type: 'professional-needs-second-factor' }
	| { readonly type: 'invitation-other-account' }
	| { readonly type: 'team-key-stale' }
	| { readonly type: 'last-admin' }
	| { readonly type: 'roster-stale' };

export function errorStatus(error: ApiError): number {
	switch (error.type) {
		case 'invalid-json':
		case 'invalid-body':
		case 'invalid-query':
		case 'invalid-grant':
			return 400;
		case 'unauthenticated':
		case 'invalid-credentials':
		case 'second-factor-required':
		case 'second-factor-invalid':
		case 'second-factor-replayed':
			return 401;
		case 'forbidden':
		case 'professional-needs-second-factor':
		case 'forbidden-origin':
		case 'invitation-proof-invalid':
			return 403;
		case 'not-found':
			return 404;
		case 'login-taken':
		case 'circle-taken':
		case 'invitation-used':
		case 'invitation-not-accepted':
		case 'invitation-withdrawn':
		case 'already-member':
		case 'rotation-incomplete':
		case 'survey-conflict':
		case 'second-factor-enabled':
		case 'second-factor-not-pending':
		case 'invitation-other-account':
		case 'team-key-stale':
		case 'last-admin':
		case 'roster-stale':
			return 409;
		case 'invitation-expired':
		case 'invitation-revoked':
		case 'survey-token-refused':
			return 410;
		case 'body-too-large':
			return 413;
		case 'unsupported-media-type':
			return 415;
		case 'rate-limited':
			return 429;
		case 'internal':
			return 500;
		case 'unavailable':
			return 503;
	}
}

export function errorResponse(error: ApiError, headers: HeadersInit = {}): Response {
	const code: ApiErrorCode = error.type;
	const body: ApiErrorBody = { error: { code } };
	const extra = new Headers(headers);
	if (error.type === 'invalid-body' || error.type === 'invalid-query') {
		body.error.issues = error.issues.map((i) => ({ path: [...i.path], message: i.message }));
	} else if (error.type === 'rate-limited') {
		body.error.retryAfterSeconds = error.retryAfterSeconds;
		extra.set('Retry-After', String(error.retryAfterSeconds));
	}
	return jsonResponse(body, errorStatus(error), extra);
}
