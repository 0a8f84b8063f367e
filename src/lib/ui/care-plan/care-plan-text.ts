// The care plan's words (issue 14 §6): who does an action, why an agreement is not verified, a
// command's failure and a form field's error, each in the reader's language. One place, so the
// person's page, a member's page and the person's summary say the same.
import { m } from '$lib/paraglide/messages.js';
import type { ActionWho, CarePlanVersion, NotVerifiedReason } from '$lib/domain/plan/care-plan';
import { formatDate } from '$lib/ui/format';
import { writerLine } from '$lib/ui/writer-text';
import type { CarePlanError } from '$lib/commands/care-plan';

export const whoText = (
	who: ActionWho,
	names: { readonly personName: string; readonly nameOf: (accountId: string) => string }
): string => {
	switch (who.type) {
		case 'person':
			return names.personName;
		case 'carer':
			return m.careplan_who_carer();
		case 'member':
			return names.nameOf(who.id);
	}
};

export const reasonText = (reason: NotVerifiedReason): string => {
	switch (reason) {
		case 'unknown-signer':
			return m.careplan_reason_unknown_signer();
		case 'bad-signature':
			return m.careplan_reason_bad_signature();
		case 'content-changed':
			return m.careplan_reason_content_changed();
		case 'version-missing':
			return m.careplan_reason_version_missing();
		case 'signer-removed':
			return m.roster_reason_signer_removed();
	}
};

export const carePlanErrorText = (error: CarePlanError): string => {
	switch (error.type) {
		case 'locked':
			return m.careplan_error_locked();
		case 'read-only':
			return m.careplan_error_read_only();
		case 'not-professional':
			return m.careplan_error_not_professional();
		case 'unchanged':
			return m.careplan_error_unchanged();
		case 'invalid':
			return m.careplan_form_errors();
		case 'commit':
			return m.careplan_error_not_saved();
	}
};

/** A form error's words from its message key (the domain speaks in keys). */
export const fieldErrorText = (key: string): string => {
	switch (key) {
		case 'careplan_error_empty':
			return m.careplan_error_empty();
		case 'careplan_error_too_long':
			return m.careplan_error_too_long();
		case 'careplan_error_date':
			return m.careplan_error_date();
		case 'careplan_error_who':
			return m.careplan_error_who();
		case 'careplan_error_too_many':
			return m.careplan_error_too_many();
		default:
			return m.careplan_error_invalid();
	}
};

/** A local date (YYYY-MM-DD) in the reader's words. */
export const localDateText = (iso: string, format: (d: Date) => string): string =>
	format(new Date(`${iso}T12:00:00`));

/**
 * "Proposed by Bruno on 3 Dec" for the person's own version or a member's checked here; else
 * "Proposed on 3 Dec. Could not check who wrote this: …" (`ui/writer-text.ts`).
 */
export function proposedText(
	version: CarePlanVersion,
	nameOf: (accountId: string) => string
): string {
	const date = formatDate(version.createdAt);
	if (version.writer === null) return m.careplan_version_by({ name: nameOf(version.author), date });
	return writerLine(
		version.writer,
		nameOf,
		(name) => m.careplan_version_by({ name, date }),
		m.memsig_plan_proposed_at({ date })
	);
}
