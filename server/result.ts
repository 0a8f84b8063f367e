// Expected failures are values (STYLE 8): every server operation returns a Result and the HTTP
// layer maps the error type to a status in one place (server/http/errors.ts). Throw only for bugs.
export type Result<T, E> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({
	ok: false,
	error
});
