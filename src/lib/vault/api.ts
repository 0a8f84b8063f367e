// The vault's public types, as the vault's own modules import them; they live in the domain
// (src/lib/domain/records.ts) so that the UI names a record or an error without importing the vault.
export type * from '$lib/domain/records';
export type { Result } from '$lib/domain/result';
