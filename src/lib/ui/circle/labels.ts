// Words of the circle of care in the person's language: roles, categories, grants, error texts
// and the access log's plain-language lines ("Claire (carer) received your medicines records on
// 3 Nov at 18:02", "You shared your Medicines records with Claire on 3 Nov at 18:02"). Pure functions over the generated messages, so components stay thin.
import { m } from '$lib/paraglide/messages.js';
import type { AuditLine } from '$lib/domain/audit';
import type { Category } from '$lib/domain/categories';
import { isGrantActive, type Grant } from '$lib/domain/circle';
import type { CircleError } from '$lib/state/circle.svelte';
import { formatDate, formatDateTime, labelValue } from '$lib/ui/format';
import { pageOrigin } from '$lib/contracts/client';

const ROLES: Record<string, () => string> = {
	owner: m.circle_role_owner,
	carer: m.circle_role_carer,
	nurse: m.circle_role_nurse,
	doctor: m.circle_role_doctor,
	pharmacist: m.circle_role_pharmacist,
	coordinator: m.circle_role_coordinator,
	'social-worker': m.circle_role_social_worker,
	other: m.circle_role_other
};

export const roleText = (role: string): string => (ROLES[role] ?? m.circle_role_other)();

const CATEGORY_TEXT: Record<Category, () => string> = {
	symptoms: m.circle_category_symptoms,
	measurements: m.circle_category_measurements,
	medications: m.circle_category_medications,
	goals: m.circle_category_goals,
	plan: m.circle_category_plan,
	decisions: m.circle_category_decisions,
	surveys: m.circle_category_surveys,
	notes: m.circle_category_notes,
	settings: m.circle_category_settings
};

export const categoryText = (category: Category): string => CATEGORY_TEXT[category]();

/** "Medicines: read and write, until 30 June 2025" */
export function grantText(grant: Grant, now: number): string {
	const access = grant.access === 'write' ? m.circle_grant_write() : m.circle_grant_read();
	const base = labelValue(categoryText(grant.category), access);
	if (grant.until === null) return base;
	const date = formatDate(grant.until);
	return `${base}, ${isGrantActive(grant, now) ? m.circle_grant_until({ date }) : m.circle_grant_expired({ date })}`;
}

const HTTP_TEXT: Record<string, () => string> = {
	'invitation-expired': m.circle_error_expired,
	'invitation-used': m.circle_error_used,
	'invitation-revoked': m.circle_error_revoked,
	'not-found': m.circle_error_not_found,
	'already-member': m.circle_error_already_member,
	'invitation-withdrawn': m.circle_error_withdrawn,
	unauthenticated: m.circle_error_unauthenticated,
	'invitation-proof-invalid': m.circle_error_proof
};

export function circleErrorText(error: CircleError): string {
	switch (error.type) {
		case 'http':
			if (error.code === 'forbidden-origin') {
				return m.sync_error_forbidden_origin({ origin: pageOrigin() });
			}
			return HTTP_TEXT[error.code]?.() ?? m.circle_error_generic({ code: error.code });
		case 'offline':
			return m.circle_error_offline();
		case 'invalid-response':
			return m.circle_error_generic({ code: 'response' });
		case 'invalid-input':
			return m.circle_error_invalid_input();
		case 'locked':
			return m.circle_error_locked();
		case 'secret-missing':
			return m.circle_error_secret();
		case 'proof-invalid':
			return m.circle_error_proof();
		case 'key-missing':
			return m.circle_error_key({ category: categoryText(error.category) });
		case 'rotation-incomplete':
			return m.circle_error_rotation({
				categories: error.categories.map(categoryText).join(', ')
			});
		case 'owner-unverified':
			return m.circle_error_owner_unverified();
		case 'key-changed':
			return error.members.map((mb) => m.circle_error_key_changed({ name: mb.label })).join(' ');
	}
}

type LogMessage = (inputs: { who: string; category: string; date: string }) => string;

const LOG_TEXT: Record<AuditLine['action'], LogMessage> = {
	pulled: m.circle_log_pulled,
	granted: m.circle_log_granted,
	revoked: m.circle_log_revoked,
	invited: m.circle_log_invited,
	'invitation-accepted': m.circle_log_invitation_accepted,
	exported: m.circle_log_exported,
	deleted: m.circle_log_deleted,
	'member-removed': m.circle_log_member_removed,
	'key-rotated': m.circle_log_key_rotated,
	refused: m.circle_log_refused
};

type OwnLogMessage = (inputs: { category: string; date: string }) => string;

/** The person's own actions, worded for "you" (French conjugates: "Vous avez partagé…"). */
const OWN_LOG_TEXT: Partial<Record<AuditLine['action'], OwnLogMessage>> = {
	granted: m.circle_log_you_granted,
	revoked: m.circle_log_you_revoked,
	invited: m.circle_log_you_invited,
	exported: m.circle_log_you_exported,
	deleted: m.circle_log_you_deleted,
	'member-removed': m.circle_log_you_member_removed,
	'key-rotated': m.circle_log_you_key_rotated
};

type TargetLogMessage = (inputs: { name: string; category: string; date: string }) => string;

/** The person's own actions about one member, naming them ("You shared … with Claire"). */
const OWN_TARGET_LOG_TEXT: Partial<Record<AuditLine['action'], TargetLogMessage>> = {
	granted: m.circle_log_you_granted_to,
	revoked: m.circle_log_you_revoked_from,
	'member-removed': m.circle_log_you_removed,
	refused: m.circle_log_you_cancelled_for
};

/** One access-log line in plain language. */
export function auditLineText(line: AuditLine): string {
	const own = line.actorRole === 'owner';
	const who = own
		? m.circle_you()
		: line.actorTeam !== null
			? // Through a care team: the individual who read, and the team (issue 14 §1).
				line.actorName === null
				? m.teamread_log_someone({ team: line.actorTeam })
				: m.teamread_log_actor({ name: line.actorName, team: line.actorTeam })
			: line.actorName === null
				? m.circle_log_someone()
				: m.circle_log_actor({ name: line.actorName, role: roleText(line.actorRole ?? 'other') });
	const date = formatDateTime(line.at);
	if (line.action === 'pulled' && line.category === null)
		return m.circle_log_pulled_all({ who, date });
	const category = line.category === null ? m.circle_log_any() : categoryText(line.category);
	if (line.target !== null) {
		// The member's name as the person gave it; never a raw account id.
		const name = line.target.name ?? m.circle_log_former_member();
		const ownTarget = own ? OWN_TARGET_LOG_TEXT[line.action] : undefined;
		if (ownTarget !== undefined) return ownTarget({ name, category, date });
		if (line.action === 'member-removed' && line.target.isActor)
			return m.circle_log_member_left({ who, date });
	}
	// The person cancelling an invitation nobody had accepted yet.
	if (own && line.action === 'refused') return m.circle_log_you_cancelled({ date });
	const ownText = own ? OWN_LOG_TEXT[line.action] : undefined;
	if (ownText !== undefined) return ownText({ category, date });
	return LOG_TEXT[line.action]({ who, category, date });
}
