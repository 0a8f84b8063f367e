// The person's own name as her invitees know her ("Mum", "Odette"), remembered on this device for
// the next invitation and for the links shown again later (join-link.ts puts it in the fragment).
// A name, not health data; forgetting the device removes it with every `cercle.` key.
const KEY = 'cercle.inviteFrom';

export const readInviteFrom = (): string =>
	typeof localStorage === 'undefined' ? '' : (localStorage.getItem(KEY) ?? '');

export function saveInviteFrom(name: string): void {
	localStorage.setItem(KEY, name);
}
