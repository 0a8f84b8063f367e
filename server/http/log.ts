// Logging of unexpected failures. Messages are never written (a database error can quote a login
// or a value); only the error's name, code and stack frames, enough to find the bug.
export function logUnexpected(where: string, error: unknown): void {
	const name = error instanceof Error ? error.name : typeof error;
	const code =
		typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
	const frames =
		error instanceof Error && typeof error.stack === 'string'
			? error.stack.split('\n').slice(1, 8).join('\n')
			: '';
	process.stderr.write(`[cercle] unexpected error in ${where}: ${name} ${code}\n${frames}\n`);
}
