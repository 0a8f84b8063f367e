// The access log's plain-language lines in English and French: the person's own actions are
// worded for "you" ("Vous avez partagé…", never "Vous a partagé…"), members' actions name the
// member and their role, and actions about a member name that member ("…with Claire"), or "a former
// member" when they are no longer known (never an account id).
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { AuditLine } from '$lib/domain/audit';
import { auditLineText } from '$lib/ui/circle/labels';

const AT = Date.UTC(2025, 10, 3, 17, 2);

function line(
	action: AuditLine['action'],
	owner: boolean,
	target: AuditLine['target'] = null
): AuditLine {
	return {
		seq: 1,
		actorName: owner ? '' : 'Claire',
		actorRole: owner ? 'owner' : 'carer',
		actorIsSubject: owner,
		actorTeam: null,
		target,
		category: 'medications',
		action,
		at: AT
	};
}

const CLAIRE = { name: 'Claire', role: 'carer', isActor: false } as const;
const FORMER = { name: null, role: null, isActor: false } as const;
const SELF = { name: 'Claire', role: 'carer', isActor: true } as const;

/** The lines about a member, in the current locale. */
const aboutMembers = () => ({
	granted: auditLineText(line('granted', true, CLAIRE)),
	revoked: auditLineText(line('revoked', true, CLAIRE)),
	removed: auditLineText(line('member-removed', true, CLAIRE)),
	removedFormer: auditLineText(line('member-removed', true, FORMER)),
	grantedFormer: auditLineText(line('granted', true, FORMER)),
	accepted: auditLineText(line('invitation-accepted', false, SELF)),
	left: auditLineText(line('member-removed', false, SELF)),
	cancelled: auditLineText(line('refused', true, CLAIRE)),
	cancelledPending: auditLineText(line('refused', true))
});

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('access log lines', () => {
	it('words the person’s own actions for “you” in English', () => {
		expect(auditLineText(line('granted', true))).toMatch(/^You shared your Medicines records on /u);
		expect(auditLineText(line('revoked', true))).toMatch(
			/^You stopped sharing your Medicines records on /u
		);
		expect(auditLineText(line('invited', true))).toMatch(/^You created an invitation on /u);
		expect(auditLineText(line('key-rotated', true))).toMatch(
			/^You changed the key of your Medicines records on /u
		);
		expect(auditLineText(line('pulled', false))).toMatch(
			/^Claire \(carer\) received your Medicines records on /u
		);
	});

	it('names the member an action is about in English, or a former member', () => {
		const text = aboutMembers();
		expect(text.granted).toMatch(/^You shared your Medicines records with Claire on \S/u);
		expect(text.revoked).toMatch(/^You stopped sharing your Medicines records with Claire on \S/u);
		expect(text.removed).toMatch(/^You removed Claire from your circle on \S/u);
		expect(text.removedFormer).toMatch(/^You removed a former member from your circle on \S/u);
		expect(text.grantedFormer).toMatch(
			/^You shared your Medicines records with a former member on/u
		);
		expect(text.accepted).toMatch(/^Claire \(carer\) accepted your invitation on \S/u);
		expect(text.left).toMatch(/^Claire \(carer\) left your circle on \S/u);
		expect(text.cancelled).toMatch(/^You cancelled the invitation Claire had accepted on \S/u);
		expect(text.cancelledPending).toMatch(/^You cancelled an invitation on \S/u);
		// Entries written before targets existed keep their wording.
		expect(auditLineText(line('member-removed', true))).toMatch(/^You removed a member on /u);
	});

	it('names the member an action is about in French, or un ancien membre', async () => {
		await setLocale('fr', { reload: false });
		const text = aboutMembers();
		expect(text.granted).toMatch(
			/^Vous avez partagé vos données «\u202fMédicaments\u202f» avec Claire le \S/u
		);
		expect(text.revoked).toMatch(
			/^Vous avez cessé de partager vos données «\u202fMédicaments\u202f» avec Claire le \S/u
		);
		expect(text.removed).toMatch(/^Vous avez retiré Claire de votre cercle le \S/u);
		expect(text.removedFormer).toMatch(/^Vous avez retiré un ancien membre de votre cercle le \S/u);
		expect(text.grantedFormer).toMatch(/avec un ancien membre le \S/u);
		expect(text.accepted).toMatch(/^Claire \(aidant·e\) a accepté votre invitation le \S/u);
		expect(text.left).toMatch(/^Claire \(aidant·e\) a quitté votre cercle le \S/u);
		expect(text.cancelled).toMatch(/^Vous avez annulé l’invitation acceptée par Claire le \S/u);
		expect(text.cancelledPending).toMatch(/^Vous avez annulé une invitation le \S/u);
	});

	it('conjugates the person’s own actions in French and names members', async () => {
		await setLocale('fr', { reload: false });
		const own = (
			[
				'granted',
				'revoked',
				'invited',
				'exported',
				'deleted',
				'member-removed',
				'key-rotated'
			] as const
		).map((action) => auditLineText(line(action, true)));
		for (const text of own) expect(text).toMatch(/^Vous avez /u);
		expect(own[0]).toMatch(/^Vous avez partagé vos données «\u202fMédicaments\u202f» le /u);
		expect(own[1]).toMatch(
			/^Vous avez cessé de partager vos données «\u202fMédicaments\u202f» le /u
		);
		expect(auditLineText(line('pulled', false))).toMatch(
			/^Claire \(aidant·e\) a reçu vos données «\u202fMédicaments\u202f» le /u
		);
		expect(auditLineText(line('invitation-accepted', false))).toMatch(
			/^Claire \(aidant·e\) a accepté votre invitation le /u
		);
	});
});
