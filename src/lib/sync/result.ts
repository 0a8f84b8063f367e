// The sync modules' Result: the app's one definition (src/lib/domain/result.ts).
export { err, ok, type Result } from '$lib/domain/result';
