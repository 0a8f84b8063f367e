// The access log's plain-language lines in English and French: the person's own actions are
// worded for "you" ("Vous avez partagé…", never "Vous a partagé…"), members' actions name the
// member and their role.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { AuditLine } from '$lib/domain/audit';
import { auditLineText } from '$lib/ui/circle/labels';

const AT = Date.UTC(2025, 10, 3, 17, 2);

function line(action: AuditLine['action'], owner: boolean): AuditLine {
	return {
		seq: 1,
		actorName: owner ? '' : 'Claire',
		actorRole: owner ? 'owner' : 'carer',
		actorIsSubject: owner,
		category: 'medications',
		action,
		at: AT
	};
}

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
		expect(own[0]).toMatch(/^Vous avez partagé vos données « Médicaments » le /u);
		expect(own[1]).toMatch(/^Vous avez cessé de partager vos données « Médicaments » le /u);
		expect(auditLineText(line('pulled', false))).toMatch(
			/^Claire \(aidant·e\) a reçu vos données « Médicaments » le /u
		);
		expect(auditLineText(line('invitation-accepted', false))).toMatch(
			/^Claire \(aidant·e\) a accepté une invitation le /u
		);
	});
});
