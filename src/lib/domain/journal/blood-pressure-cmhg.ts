// Blood pressure as people in France say it: "13/8", "13,5/8,5" (centimetres of mercury). Typed
// into the mmHg fields, such values are refused as implausible; this module recognises them and
// proposes the same pressure in mmHg (×10), for the person to accept in one tap.
// Invariant: a proposal is made only when the values are implausible in mmHg, plausible once
// multiplied by 10, and systolic stays above diastolic; nothing is ever changed without the tap.
import { METRIC_DEFINITIONS } from './measurements';

export interface PressureMmHg {
	readonly systolic: number;
	readonly diastolic: number;
}

const NUMBER = String.raw`(\d{1,3}(?:[.,]\d{1,2})?)`;
const PAIR = new RegExp(String.raw`^\s*${NUMBER}\s*/\s*${NUMBER}\s*$`, 'u');

const parse = (text: string): number | null => {
	const trimmed = text.trim().replace(',', '.');
	if (!/^\d{1,3}(?:\.\d{1,2})?$/u.test(trimmed)) return null;
	return Number(trimmed);
};

const within = (value: number, metric: 'systolic' | 'diastolic'): boolean =>
	value >= METRIC_DEFINITIONS[metric].min && value <= METRIC_DEFINITIONS[metric].max;

/** "13/8" typed in one field: both numbers; otherwise each field's own number. */
export function readPressure(systolicText: string, diastolicText: string) {
	const pair = PAIR.exec(systolicText);
	if (pair) return { systolic: parse(pair[1] ?? ''), diastolic: parse(pair[2] ?? '') };
	return { systolic: parse(systolicText), diastolic: parse(diastolicText) };
}

/** The pressure in mmHg the person most likely meant, when what they typed reads as cmHg. */
export function cmHgToMmHg(systolicText: string, diastolicText: string): PressureMmHg | null {
	const { systolic, diastolic } = readPressure(systolicText, diastolicText);
	if (systolic === null || diastolic === null) return null;
	if (within(systolic, 'systolic') && within(diastolic, 'diastolic')) return null;
	const proposal = { systolic: Math.round(systolic * 10), diastolic: Math.round(diastolic * 10) };
	if (!within(proposal.systolic, 'systolic') || !within(proposal.diastolic, 'diastolic'))
		return null;
	return proposal.systolic > proposal.diastolic ? proposal : null;
}
