// A circle's records as a screen sees them (defined in vault/circle-view.ts, beside the `Records`
// type it narrows): the names the UI and state import, so the UI never imports the vault.
export { LOCAL_ACCOUNT, type CircleRecords, type CircleView } from '$lib/vault/circle-view';
