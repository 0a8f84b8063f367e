// Links with a query string (which entry to edit, which symptom to preset), built on a path that
// went through `resolve()`, so they keep the app's base path.
import type { ResolvedPathname } from '$app/types';

const isResolved = (value: string): value is ResolvedPathname => value.startsWith('/');

export function hrefWith(
	path: ResolvedPathname,
	query: Readonly<Record<string, string>>
): ResolvedPathname {
	const search = new URLSearchParams(query).toString();
	const href = search ? `${path}?${search}` : path;
	return isResolved(href) ? href : path;
}
