// The sentence under the role chooser of an invitation (issue 11 §5): what the grants now selected
// share, in words and with the count in the language's plural form ("shares 1 category" /
// "shares 5 categories"; French through Intl.PluralRules too). Pure, over the generated messages.
import { m } from '$lib/paraglide/messages.js';
import type { CareRole, Grant } from '$lib/domain/circle';
import { categoryText, roleText } from './labels';

export function presetSentence(role: CareRole, grants: readonly Grant[]): string {
	const roleName = roleText(role);
	if (grants.length === 0) return m.carers_preset_none({ role: roleName });
	const list = grants
		.map((g) =>
			m.carers_preset_item({
				category: categoryText(g.category),
				access: g.access === 'write' ? m.circle_grant_write() : m.circle_grant_read()
			})
		)
		.join(', ');
	return m.carers_preset_shares({ count: grants.length, role: roleName, list });
}
