// The circle commands' one HTTP helper and error type (issue 5, issue 12): every call goes through
// `request`/`call`, which map a failed fetch to `offline`, an error body to its code, and parse a
// 2xx body with the shared contract (a body that does not parse is `invalid-response`, never
// trusted). Person-side and invitee-side commands share it.
import * as z from 'zod';
import type { ShareableCategory } from '$lib/domain/circle';

export interface UnverifiedMember {
	readonly accountId: string;
	readonly label: string;
}

export type CircleError =
	| { readonly type: 'http'; readonly code: string }
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	| { readonly type: 'locked' }
	| { readonly type: 'secret-missing' }
	| { readonly type: 'proof-invalid' }
	/** The owner's keys in an invitation preview are not the ones the person proved. */
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'key-missing'; readonly category: ShareableCategory }
	| { readonly type: 'rotation-incomplete'; readonly categories: readonly ShareableCategory[] }
	/** Nothing was wrapped to these members: their keys changed (or were never pinned). */
	| { readonly type: 'key-changed'; readonly members: readonly UnverifiedMember[] };

export type CircleResult<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CircleError };

export const ok = <T>(value: T): CircleResult<T> => ({ ok: true, value });
export const fail = <T>(error: CircleError): CircleResult<T> => ({ ok: false, error });

const errorBodySchema = z.object({ error: z.object({ code: z.string() }) });
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const circlePath = (circleId: string) => `/api/circles/${encodeURIComponent(circleId)}`;

export function createCircleHttp(fetchFn: Fetch) {
	async function request<S extends z.ZodType>(
		method: 'GET' | 'POST' | 'PUT' | 'DELETE',
		path: string,
		body: unknown,
		schema: S | null
	): Promise<CircleResult<z.infer<S> | null>> {
		let response: Response;
		try {
			response = await fetchFn(path, {
				method,
				credentials: 'same-origin',
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				...(body === undefined ? {} : { body: JSON.stringify(body) })
			});
		} catch {
			return fail({ type: 'offline' });
		}
		const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
		if (!response.ok) {
			const parsed = errorBodySchema.safeParse(json);
			return fail({ type: 'http', code: parsed.success ? parsed.data.error.code : 'internal' });
		}
		if (schema === null) return ok(null);
		const parsed = schema.safeParse(json);
		return parsed.success ? ok(parsed.data) : fail({ type: 'invalid-response' });
	}

	async function call<S extends z.ZodType>(
		method: 'GET' | 'POST' | 'PUT' | 'DELETE',
		path: string,
		body: unknown,
		schema: S
	): Promise<CircleResult<z.infer<S>>> {
		const result = await request(method, path, body, schema);
		if (!result.ok) return result;
		return result.value === null ? fail({ type: 'invalid-response' }) : ok(result.value);
	}

	return { request, call };
}

export type CircleHttp = ReturnType<typeof createCircleHttp>;
