// Expected failures are values (STYLE 8): every sync function that can fail for a reason the caller
// must handle returns a Result instead of throwing. Throwing is kept for bugs.

export type Result<T, E> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
	return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
	return { ok: false, error };
}
