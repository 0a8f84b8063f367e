// Reads and validates request input. The size limit is enforced while the stream is read (a
// missing or lying Content-Length cannot get past it), bodies must be UTF-8 JSON, and everything is
// parsed by the zod contract before any server logic sees it.
import * as z from 'zod';
import { err, ok, type Result } from '$lib/domain/result';
import type { ApiError, Issue } from './errors';

export const AUTH_BODY_LIMIT = 16 * 1024;
export const SYNC_BODY_LIMIT = 1024 * 1024;

function toIssues(error: z.ZodError): readonly Issue[] {
	return error.issues.slice(0, 20).map((i) => ({
		path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
		message: i.message
	}));
}

async function readLimited(request: Request, limit: number): Promise<Result<Uint8Array, ApiError>> {
	const declared = request.headers.get('content-length');
	if (declared !== null && Number(declared) > limit) return err({ type: 'body-too-large' });
	if (request.body === null) return ok(new Uint8Array());
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			return err({ type: 'body-too-large' });
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return ok(bytes);
}

function isJsonContentType(request: Request): boolean {
	const type = request.headers.get('content-type');
	if (type === null) return false;
	return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Reads a JSON body of at most `limit` bytes and parses it with `schema`. */
export async function parseJsonBody<S extends z.ZodType>(
	request: Request,
	schema: S,
	limit: number
): Promise<Result<z.output<S>, ApiError>> {
	if (!isJsonContentType(request)) return err({ type: 'unsupported-media-type' });
	let bytes: Result<Uint8Array, ApiError>;
	try {
		bytes = await readLimited(request, limit);
	} catch {
		return err({ type: 'invalid-json' });
	}
	if (!bytes.ok) return bytes;
	let data: unknown;
	try {
		data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value));
	} catch {
		return err({ type: 'invalid-json' });
	}
	const parsed = schema.safeParse(data);
	if (!parsed.success) return err({ type: 'invalid-body', issues: toIssues(parsed.error) });
	return ok(parsed.data);
}

/** Parses the URL's query string with `schema`; repeated keys keep their first value. */
export function parseQuery<S extends z.ZodType>(
	url: URL,
	schema: S
): Result<z.output<S>, ApiError> {
	const raw: Record<string, string> = {};
	for (const [key, value] of url.searchParams) {
		if (!(key in raw)) raw[key] = value;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) return err({ type: 'invalid-query', issues: toIssues(parsed.error) });
	return ok(parsed.data);
}
