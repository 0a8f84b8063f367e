// Expected failures are values (STYLE 8): a function that can fail for a reason its caller must
// handle returns a Result; throwing is kept for bugs. The one definition for the whole app.
export type Result<T, E> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({
	ok: false,
	error
});
