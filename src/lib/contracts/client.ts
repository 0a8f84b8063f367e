// The one HTTP client of the app: every call to `/api/**` goes through `createApiClient(fetch)`,
// named by the route table (`routes.ts`), with the body and query typed from the contracts and
// every 2xx answer parsed by the route's response schema before anyone acts on it.
//
// Why one: the status → error map below is the only place on the client where an HTTP answer
// becomes an error value; callers (the sync transport, accounts, the circle, reminders, member
// circles) translate `ApiError` into their own words, never a status.
//
// Status mapping:
//   network failure / abort → offline
//   error code forbidden-origin → forbidden-origin (the server's ORIGIN is another address)
//   401 → auth-required    403 → forbidden    404 → not-found
//   429 → rate-limited (Retry-After header in seconds, else the body's retryAfterSeconds)
//   5xx → server           other non-2xx → bad-request
//   2xx whose body does not parse with the route's response schema → invalid-response
// Every HTTP error carries the body's error code when it had one (`apiErrorBodySchema`).
// Requests carry the session cookie (`same-origin`) unless a call says `credentials: 'omit'`.
import type * as z from 'zod';
import { apiErrorBodySchema, type ApiErrorCode } from './common';
import { type Route, type RouteName, type RouteParams, routes, type Routes } from './routes';
import { err, ok, type Result } from '$lib/domain/result';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ApiError =
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response'; readonly status: number }
	| { readonly type: 'forbidden-origin'; readonly origin: string }
	| { readonly type: 'auth-required'; readonly code: ApiErrorCode | null }
	| { readonly type: 'forbidden'; readonly code: ApiErrorCode | null }
	| { readonly type: 'not-found'; readonly code: ApiErrorCode | null }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number | null }
	| { readonly type: 'server'; readonly status: number; readonly code: ApiErrorCode | null }
	| { readonly type: 'bad-request'; readonly status: number; readonly code: ApiErrorCode | null };

/** A JSON body as callers may hold it: read-only arrays and objects are accepted. */
export type Frozen<T> = T extends readonly (infer E)[]
	? readonly Frozen<E>[]
	: T extends object
		? { readonly [K in keyof T]: Frozen<T[K]> }
		: T;

/** What a call of route `R` takes: its path parameters, body and query, each only when it has one. */
export type CallInput<R extends Route> = (keyof RouteParams<R['pattern']> extends never
	? unknown
	: { readonly params: RouteParams<R['pattern']> }) &
	(R extends { readonly request: infer B extends z.ZodType }
		? { readonly body: Frozen<z.input<B>> }
		: unknown) &
	(R extends { readonly query: infer Q extends z.ZodType }
		? { readonly query: Frozen<z.input<Q>> }
		: unknown) &
	CallOptions;

/** Per call: `credentials: 'omit'` sends no cookie (the anonymous ballot and survey notices). */
export interface CallOptions {
	readonly credentials?: RequestCredentials;
}

export type CallArgs<N extends RouteName> =
	object extends CallInput<Routes[N]>
		? [input?: CallInput<Routes[N]>]
		: [input: CallInput<Routes[N]>];

export type ApiAnswer<N extends RouteName> = z.output<Routes[N]['response']>;

/** The table seen per name, so a generic call keeps its answer's type (checked per route). */
const answers: { readonly [N in RouteName]: { readonly response: z.ZodType<ApiAnswer<N>> } } =
	routes;

export interface ApiClientOptions {
	/** Origin prefix; empty (the default) for same-origin requests from the app. */
	readonly baseUrl?: string;
}

export interface ApiClient {
	/** Calls route `name` and parses its answer with the route's response schema. */
	readonly call: <N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	) => Promise<Result<ApiAnswer<N>, ApiError>>;
	/** Calls route `name` for its status only: a 2xx is `ok(null)` whatever the body says. */
	readonly send: <N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	) => Promise<Result<null, ApiError>>;
}

/** The address the page was loaded from, as the server saw it in the Origin header. */
export function pageOrigin(): string {
	return typeof location === 'undefined' ? '' : location.origin;
}

/** The one status → error map (see the header). */
export function apiErrorOf(response: Response, json: unknown): ApiError {
	const parsed = apiErrorBodySchema.safeParse(json);
	const code = parsed.success ? parsed.data.error.code : null;
	if (code === 'forbidden-origin') return { type: 'forbidden-origin', origin: pageOrigin() };
	const { status } = response;
	if (status === 401) return { type: 'auth-required', code };
	if (status === 403) return { type: 'forbidden', code };
	if (status === 404) return { type: 'not-found', code };
	if (status === 429) {
		const header = response.headers.get('Retry-After')?.trim() ?? '';
		const seconds = /^\d+$/u.test(header)
			? Number(header)
			: parsed.success
				? (parsed.data.error.retryAfterSeconds ?? null)
				: null;
		return { type: 'rate-limited', retryAfterSeconds: seconds };
	}
	if (status >= 500) return { type: 'server', status, code };
	return { type: 'bad-request', status, code };
}

/** The error code an HTTP error carried, for callers that show codes (`internal` when none). */
export function apiErrorCode(error: ApiError): string {
	switch (error.type) {
		case 'offline':
		case 'invalid-response':
		case 'forbidden-origin':
		case 'rate-limited':
			return error.type;
		case 'auth-required':
		case 'forbidden':
		case 'not-found':
		case 'server':
		case 'bad-request':
			return error.code ?? 'internal';
	}
}

/** The body as JSON, `null` when empty, the text itself when it is not JSON (`textResponseSchema`). */
async function readBody(response: Response): Promise<unknown> {
	let text: string;
	try {
		text = await response.text();
	} catch {
		return undefined;
	}
	if (text === '') return null;
	try {
		const json: unknown = JSON.parse(text);
		return json;
	} catch {
		return text;
	}
}

function queryString(query: unknown): string {
	if (typeof query !== 'object' || query === null) return '';
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null) continue;
		search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
	}
	const text = search.toString();
	return text === '' ? '' : `?${text}`;
}

/** The input of a call as the fetch needs it (the types above already checked its shape). */
function rawInput(value: unknown): RawInput {
	if (typeof value !== 'object' || value === null) return {};
	const params: Record<string, string> = {};
	const given = 'params' in value ? value.params : undefined;
	if (typeof given === 'object' && given !== null) {
		for (const [key, v] of Object.entries(given)) if (typeof v === 'string') params[key] = v;
	}
	const credentials =
		'credentials' in value && value.credentials === 'omit' ? ('omit' as const) : undefined;
	return {
		params,
		body: 'body' in value ? value.body : undefined,
		query: 'query' in value ? value.query : undefined,
		...(credentials === undefined ? {} : { credentials })
	};
}

interface RawInput {
	readonly params?: Readonly<Record<string, string>>;
	readonly body?: unknown;
	readonly query?: unknown;
	readonly credentials?: RequestCredentials;
}

export function createApiClient(fetch: FetchLike, options: ApiClientOptions = {}): ApiClient {
	async function exchange(
		route: Route,
		input: RawInput
	): Promise<Result<{ readonly response: Response; readonly json: unknown }, ApiError>> {
		const hasBody = route.request !== undefined && input.body !== undefined;
		const path = route.path(input.params ?? {});
		let response: Response;
		try {
			response = await fetch(`${options.baseUrl ?? ''}${path}${queryString(input.query)}`, {
				method: route.method,
				credentials: input.credentials ?? 'same-origin',
				headers: hasBody
					? { accept: 'application/json', 'content-type': 'application/json' }
					: { accept: 'application/json' },
				...(hasBody ? { body: JSON.stringify(input.body) } : {})
			});
		} catch {
			return err({ type: 'offline' });
		}
		const json = await readBody(response);
		return response.ok ? ok({ response, json }) : err(apiErrorOf(response, json));
	}

	return {
		async call(name, ...args) {
			const answer = await exchange(routes[name], rawInput(args[0]));
			if (!answer.ok) return answer;
			const parsed = answers[name].response.safeParse(answer.value.json);
			return parsed.success
				? ok(parsed.data)
				: err({ type: 'invalid-response', status: answer.value.response.status });
		},
		async send(name, ...args) {
			const answer = await exchange(routes[name], rawInput(args[0]));
			return answer.ok ? ok(null) : answer;
		}
	};
}
