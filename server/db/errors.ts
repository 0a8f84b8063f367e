// Recognises a unique-constraint violation on either database, so callers can turn a lost race
// (two requests inserting the same key) into an expected failure or a retry instead of a 500.
function readProp(error: unknown, key: string): unknown {
	if (typeof error !== 'object' || error === null || !(key in error)) return undefined;
	return (error as Record<string, unknown>)[key];
}

export function isUniqueViolation(error: unknown): boolean {
	const code = readProp(error, 'code');
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}
