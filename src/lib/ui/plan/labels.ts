// The board's words in the person's language: task kinds, recurrence, form errors, refusals, and
// local dates through Intl (a task's date is a calendar date, formatted in UTC so it never shifts).
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Recurrence, TaskCommandError, TaskKind } from '$lib/domain/plan';
import type { CommitError } from '$lib/domain/records';
import { formatDate } from '$lib/ui/format';
import type { TaskFormErrorKey } from '$lib/domain/plan/board';
import type { BoardError } from '$lib/state/plan-board.svelte';

export const kindLabel = (kind: TaskKind): string => {
	switch (kind) {
		case 'appointment':
			return m.plan_kind_appointment();
		case 'pharmacy':
			return m.plan_kind_pharmacy();
		case 'transport':
			return m.plan_kind_transport();
		case 'meals':
			return m.plan_kind_meals();
		case 'home-help':
			return m.plan_kind_home_help();
		case 'paperwork':
			return m.plan_kind_paperwork();
		case 'other':
			return m.plan_kind_other();
	}
};

export const recurrenceLabel = (freq: Recurrence['freq']): string => {
	switch (freq) {
		case 'none':
			return m.plan_recurrence_none();
		case 'daily':
			return m.plan_recurrence_daily();
		case 'weekly':
			return m.plan_recurrence_weekly();
		case 'monthly':
			return m.plan_recurrence_monthly();
	}
};

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** "Thursday 26 November 2026" / "jeudi 26 novembre 2026". */
export const formatLocalDate = (date: string, options?: Intl.DateTimeFormatOptions): string =>
	formatDate(dayMs(date), { ...(options ?? { dateStyle: 'full' }), timeZone: 'UTC' });

/** A wall time ("14:30") in the person's way of writing times ("2:30 PM" / "14:30"). */
export const formatLocalTime = (time: string): string =>
	new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: 'UTC' }).format(
		Date.parse(`1970-01-01T${time}:00Z`)
	);

/** "every 2 weeks until 30 June 2027", or '' for a one-off task. */
export const recurrenceText = (recurrence: Recurrence): string => {
	if (recurrence.freq === 'none') return '';
	const count = recurrence.interval;
	const every =
		recurrence.freq === 'daily'
			? count === 1
				? m.plan_every_day()
				: m.plan_every_days({ count })
			: recurrence.freq === 'weekly'
				? count === 1
					? m.plan_every_week()
					: m.plan_every_weeks({ count })
				: count === 1
					? m.plan_every_month()
					: m.plan_every_months({ count });
	return recurrence.until === null
		? every
		: m.plan_every_until({
				every,
				until: formatLocalDate(recurrence.until, { dateStyle: 'long' })
			});
};

export const errorText = (key: TaskFormErrorKey): string => {
	switch (key) {
		case 'plan_error_title_required':
			return m.plan_error_title_required();
		case 'plan_error_title_long':
			return m.plan_error_title_long();
		case 'plan_error_details_long':
			return m.plan_error_details_long();
		case 'plan_error_place_long':
			return m.plan_error_place_long();
		case 'plan_error_date':
			return m.plan_error_date();
		case 'plan_error_time':
			return m.plan_error_time();
		case 'plan_error_kind':
			return m.plan_error_kind();
		case 'plan_error_recurrence':
			return m.plan_error_recurrence();
		case 'plan_error_interval':
			return m.plan_error_interval();
		case 'plan_error_until':
			return m.plan_error_until();
		case 'plan_error_until_before':
			return m.plan_error_until_before();
		case 'plan_error_assignee':
			return m.plan_error_assignee();
	}
};

const commitText = (error: CommitError): string => {
	switch (error.type) {
		case 'locked':
			return m.plan_refused_locked();
		case 'conflict':
			return m.plan_refused_changed();
		case 'not-found':
			return m.plan_refused_not_found();
		case 'invalid':
			return m.plan_refused_invalid();
	}
};

const domainText = (error: TaskCommandError, nameOf: (id: string) => string): string => {
	switch (error.type) {
		case 'already-claimed':
			return m.plan_refused_already_claimed({ name: nameOf(error.by) });
		case 'not-claimant':
			return m.plan_refused_not_claimant();
		case 'already-done':
			return m.plan_refused_already_done();
		case 'not-done':
			return m.plan_refused_not_done();
		case 'unknown-assignee':
			return m.plan_error_assignee();
		case 'invalid-task':
			return m.plan_refused_invalid();
	}
};

/** Why an action was not done (form errors are shown by their fields; this is the summary). */
export const boardErrorText = (error: BoardError, nameOf: (id: string) => string): string => {
	switch (error.type) {
		case 'read-only':
			return m.plan_read_only();
		case 'form':
			return m.plan_fix_errors();
		case 'domain':
			return domainText(error.error, nameOf);
		case 'commit':
			return commitText(error.error);
	}
};
