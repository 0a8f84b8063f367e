// The invitation link as the invitee opens it before having an account: the secret stays the first
// part of the fragment (the crypto module reads it unchanged), and the person's name, the role and
// the proposed categories follow it; junk is dropped, older links still parse.
import { describe, expect, it } from 'vitest';
import { invitationLink, newInvitationSecret, secretFromLink } from '$lib/crypto/invitation';
import { joinLink, parseJoinFragment } from '$lib/domain/circle/join-link';

describe('join links', () => {
	const secret = newInvitationSecret();
	const base = invitationLink('https://cercle.example', secret);

	it('carries who invites, the role and the categories in the fragment, after the secret', () => {
		const link = joinLink(base, {
			from: 'Odette Martin',
			role: 'carer',
			grants: [
				{ category: 'medications', access: 'read', until: null },
				{ category: 'plan', access: 'write', until: null }
			]
		});
		const url = new URL(link);
		expect(url.pathname).toBe('/join');
		expect(url.search).toBe('');
		const parsed = parseJoinFragment(url.hash);
		expect(parsed.secret).toBe(secret);
		expect(secretFromLink(parsed.secret)).toBe(secret);
		expect(parsed.hints).toEqual({
			from: 'Odette Martin',
			role: 'carer',
			grants: [
				{ category: 'medications', access: 'read', until: null },
				{ category: 'plan', access: 'write', until: null }
			]
		});
	});

	it('reads a link without hints (older links) and leaves an empty name out', () => {
		expect(parseJoinFragment(new URL(base).hash)).toEqual({
			secret,
			hints: { from: '', role: null, grants: [] }
		});
		expect(joinLink(base, { from: '  ', role: null, grants: [] })).toBe(base);
	});

	it('drops what is not a role or a shareable category, and never shares settings', () => {
		const parsed = parseJoinFragment(
			`#${secret}&role=admin&see=settings.write,notes.read,plan.delete,notes.write&from=${'x'.repeat(90)}`
		);
		expect(parsed.hints.role).toBeNull();
		expect(parsed.hints.grants).toEqual([{ category: 'notes', access: 'write', until: null }]);
		expect(parsed.hints.from).toHaveLength(40);
	});
});
