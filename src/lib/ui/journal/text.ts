// Words for the journal that Today reads too: catalogue items turned into text in the person's
// language (catalogue-text.ts), values, doses, the doses' summary, and the parsing of form values.
// One-line descriptions of entries, schedules, strengths and check-ins are entry-text.ts, and the
// errors' words error-text.ts (with `fieldErrors`), apart so that Today does not load them.
// Invariant: nothing here looks a message up by a string key: every word comes from a message
// function chosen by type, so no identifier ever reaches the person.
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	fromCanonical,
	displayUnit,
	METRIC_DEFINITIONS,
	type Metric,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import type { DoseAmount, DoseUnit } from '$lib/domain/journal/medications';
import type { SymptomRef } from '$lib/domain/journal/symptoms';
import { formatNumber } from '../format';
import { doseUnitName, symptomCatalogueName, symptomIdName, unitLabel } from './catalogue-text';

export { metricName, unitLabel, symptomIdName, symptomCatalogueName } from './catalogue-text';

export function symptomName(ref: SymptomRef): string {
	return ref.source === 'catalogue' ? symptomCatalogueName(ref.id) : ref.name;
}

/** The name of a symptom from its grouping key (`symptomKey`): catalogue or the person's own. */
export function symptomKeyName(key: string, customNames: ReadonlyMap<string, string>): string {
	if (key.startsWith('custom:')) return customNames.get(key.slice('custom:'.length)) ?? '';
	return symptomIdName(key);
}

/** A canonical value of `metric` in the person's unit, rounded for reading. */
export function displayValue(metric: Metric, canonical: number, preferences: UnitPreferences) {
	const unit = displayUnit(metric, preferences);
	const value = fromCanonical(canonical, unit);
	const digits = METRIC_DEFINITIONS[metric].integer || unit === 'mg/dL' ? 0 : 1;
	return { value: Math.round(value * 10 ** digits) / 10 ** digits, unit };
}

export function formatMetric(metric: Metric, canonical: number, preferences: UnitPreferences) {
	const { value, unit } = displayValue(metric, canonical, preferences);
	return `${formatNumber(value)} ${unitLabel(unit)}`;
}

type CountedDose = (inputs: { amount: string; count: number }) => string;

/** Units counted in things (1 tablet, 2 tablets): their words agree with the amount. */
const COUNTED_DOSE: Readonly<Partial<Record<DoseUnit, CountedDose>>> = {
	tablet: m.jui_dose_amount_tablet,
	capsule: m.jui_dose_amount_capsule,
	drop: m.jui_dose_amount_drop,
	puff: m.jui_dose_amount_puff,
	'international-unit': m.jui_dose_amount_international_unit,
	patch: m.jui_dose_amount_patch,
	sachet: m.jui_dose_amount_sachet,
	application: m.jui_dose_amount_application,
	spray: m.jui_dose_amount_spray
};

export function doseText(dose: DoseAmount): string {
	const amount = formatNumber(dose.amount);
	const counted = COUNTED_DOSE[dose.unit];
	if (counted !== undefined) return counted({ amount, count: dose.amount });
	return `${amount} ${doseUnitName(dose.unit)}`;
}

export function listFormat(items: readonly string[]): string {
	return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

/** `<input type="datetime-local">` value for an instant, in local time. */
export function toLocalInput(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instant from a `datetime-local` value, or NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return Number.NaN;
	return new Date(value).getTime();
}

/** `<input type="date">` value for an instant, in local time. */
export function toDateInput(ms: number): string {
	return toLocalInput(ms).slice(0, 10);
}

/** Parses a number typed by the person, accepting a decimal comma; NaN when empty. */
export function parseNumber(value: string | number | null | undefined): number {
	if (typeof value === 'number') return value;
	if (value === null || value === undefined) return Number.NaN;
	const trimmed = value.trim().replace(',', '.');
	return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** "3 doses taken on time, 1 late, 0 not taken and 2 as needed": each count agrees with its word. */
export function dosesSummaryText(doses: {
	readonly taken: number;
	readonly late: number;
	readonly skipped: number;
	readonly asNeeded: number;
}): string {
	return listFormat([
		m.jui_summary_doses_taken({ count: doses.taken }),
		m.jui_summary_doses_late({ count: doses.late }),
		m.jui_summary_doses_skipped({ count: doses.skipped }),
		m.jui_summary_doses_as_needed({ count: doses.asNeeded })
	]);
}
