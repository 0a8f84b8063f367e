// Words for what members write into the person's circle (issue 14 §7): each refusal of the forms
// and commands said once (exhaustive switches over the domain's unions), and the attribution
// lines "Target set by Bruno on 3 Dec" / "Note from Bruno, 3 Dec", named from the record's author
// only once its signature is checked here (`ui/writer-text.ts`), by the reading device's own label
// for that account, never from a typed name.
import { m } from '$lib/paraglide/messages.js';
import type { CircleWriteError } from '$lib/commands/circle-writes';
import type { WriteFieldError } from '$lib/domain/care-team/circle-writes';
import type { Metric, UnitPreferences } from '$lib/domain/journal/measurements';
import type { TargetBounds } from '$lib/domain/journal/targets';
import type { AuthorCheck } from '$lib/domain/circle/record-signature';
import { formatDate, formatNumber } from '$lib/ui/format';
import { writerLine, type NameOf } from '$lib/ui/writer-text';
import { formatMetric, metricName, unitLabel } from '$lib/ui/journal/text';

/** One refused field in words. */
export function writeFieldText(error: WriteFieldError): string {
	switch (error.type) {
		case 'required':
			return m.prowrite_error_required();
		case 'metric':
			return m.prowrite_error_metric();
		case 'number':
			return m.prowrite_error_number();
		case 'range':
			return m.prowrite_error_range({
				min: formatNumber(error.min),
				max: formatNumber(error.max),
				unit: unitLabel(error.unit)
			});
		case 'bound-required':
			return m.prowrite_error_bound_required();
		case 'low-not-below-high':
			return m.prowrite_error_low_not_below_high();
		case 'too-long':
			return m.prowrite_error_too_long({ length: error.length, max: formatNumber(error.max) });
	}
}

/** The errors of a form, field by field, in words. */
export function writeFieldErrors(
	errors: Readonly<Partial<Record<string, WriteFieldError>>>
): Readonly<Record<string, string>> {
	const worded: Record<string, string> = {};
	for (const [field, error] of Object.entries(errors))
		if (error !== undefined) worded[field] = writeFieldText(error);
	return worded;
}

/** A refused command in one sentence (the form's own fields say theirs below each field). */
export function circleWriteErrorText(error: CircleWriteError): string {
	switch (error.type) {
		case 'not-allowed':
			return m.prowrite_error_not_allowed();
		case 'target-form':
		case 'note-form':
			return m.prowrite_error_form();
		case 'not-member-write':
			return m.prowrite_error_not_member_write();
		case 'commit':
			return m.prowrite_error_commit();
	}
}

/** "3 Dec" / "3 déc." */
export const shortDate = (at: number): string => formatDate(at, { day: 'numeric', month: 'short' });

/** "Target set by Bruno on 3 Dec", or "Target set on 3 Dec. Could not check who wrote this: …". */
export const targetSetByText = (writer: AuthorCheck, at: number, nameOf: NameOf): string =>
	writerLine(
		writer,
		nameOf,
		(name) => m.prowrite_target_set_by({ name, date: shortDate(at) }),
		m.memsig_target_at({ date: shortDate(at) })
	);

/** "Note from Bruno, 3 Dec", or "Note, 3 Dec. Could not check who wrote this: …". */
export const noteFromText = (writer: AuthorCheck, at: number, nameOf: NameOf): string =>
	writerLine(
		writer,
		nameOf,
		(name) => m.prowrite_note_from({ name, date: shortDate(at) }),
		m.memsig_note_at({ date: shortDate(at) })
	);

/** "Systolic: 110 mmHg – 135 mmHg" in the reader's units. */
export function targetLineText(
	metric: Metric,
	target: TargetBounds,
	preferences: UnitPreferences
): string {
	const bound = (value: number | null) =>
		value === null ? '…' : formatMetric(metric, value, preferences);
	return m.prowrite_target_line({
		metric: metricName(metric),
		range: `${bound(target.low)} – ${bound(target.high)}`
	});
}
