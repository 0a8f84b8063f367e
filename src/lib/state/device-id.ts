// This browser's random id (localStorage `cercle.deviceId`), sent with pushes so the server records
// which device wrote each version: the person's own sync (./sync.svelte.ts) and the member circles
// she reads (./member-circle.svelte.ts) send the same one. Made once, on first use.
const DEVICE_KEY = 'cercle.deviceId';

export function deviceId(): string {
	const stored = localStorage.getItem(DEVICE_KEY);
	if (stored !== null && /^[0-9a-f-]{36}$/.test(stored)) return stored;
	const id = crypto.randomUUID();
	localStorage.setItem(DEVICE_KEY, id);
	return id;
}
