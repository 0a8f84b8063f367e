// Record ids, as the vault's modules import them; the one implementation is domain/ids.ts.
export * from '$lib/domain/ids';
