// What a member of someone's circle writes into it besides tasks, care-plan versions and article
// recommendations (issue 14 §7): a target range for one measurement and a short note to the
// circle. Pure: the forms' strings in, a record body (or typed refusals by field) out, and who
// wrote a record as this device reads it.
// Why the author is never a typed name: the record's `author` is set by the writing device from
// its own account id, inside the sealed envelope (the server, which holds no category key, can
// neither read nor change it), and the screen names that account with the reading device's own
// label for it (`CircleView.nameOf`). `setByName` is kept in a member's target for the person's
// other screens and exports, but is never what names the writer of a member's record.
// Invariants: a target has a bound, low < high, bounds plausible in the unit typed (stored
// canonically); a note is 1..CIRCLE_NOTE_MAX characters after trimming; a record written by the
// person (no author, her own account, or the account-less stand-in) has no member author.
import { LOCAL_ACCOUNT } from '../circle-view';
import { writerOf, type AuthorCheck } from '../circle/record-signature';
import type { Category } from '../categories';
import { noteBodySchema, type NoteBody } from '../journal/records';
import {
	displayUnit,
	isPlausible,
	METRICS,
	plausibleRangeIn,
	toCanonical,
	type Metric,
	type Unit,
	type UnitPreferences
} from '../journal/measurements';
import { targetAt, targetRangeBodySchema, type TargetRangeBody } from '../journal/targets';
import { err, ok, type Result } from '../result';

/** A note to the circle is short: a message, not a record of care. */
export const CIRCLE_NOTE_MAX = 500;
/** The optional note that explains a target. */
export const TARGET_NOTE_MAX = 300;

/** Why one field of a form was refused (worded once, by the UI). */
export type WriteFieldError =
	| { readonly type: 'required' }
	| { readonly type: 'metric' }
	| { readonly type: 'number' }
	| { readonly type: 'range'; readonly min: number; readonly max: number; readonly unit: Unit }
	| { readonly type: 'bound-required' }
	| { readonly type: 'low-not-below-high' }
	| { readonly type: 'too-long'; readonly max: number; readonly length: number };

export interface TargetFormValues {
	readonly metric: string;
	readonly low: string;
	readonly high: string;
	readonly note: string;
}
export type TargetField = keyof TargetFormValues;
export type TargetFormErrors = Partial<Record<TargetField, WriteFieldError>>;

export interface NoteFormValues {
	readonly text: string;
}
export type NoteFormErrors = Partial<Record<keyof NoteFormValues, WriteFieldError>>;

/** The category each write needs write access to. */
export const TARGET_CATEGORY: Category = 'measurements';
export const NOTE_CATEGORY: Category = 'notes';

/** A number as people type it: "7,5" or "7.5"; empty is null; anything else NaN. */
function typedNumber(value: string): number | null {
	const trimmed = value.trim().replace(',', '.');
	if (trimmed === '') return null;
	return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * Parses the target form. Bounds are typed in `unit` of the metric for `preferences` (the writer
 * sees the unit in the field's label) and stored in canonical units. `setByName` is the writer's
 * name as the circle lists it, when known.
 */
export function parseTargetForm(
	values: TargetFormValues,
	context: {
		readonly preferences: UnitPreferences;
		readonly at: number;
		readonly setByName: string | null;
	}
): Result<TargetRangeBody, TargetFormErrors> {
	const metric = METRICS.find((candidate): candidate is Metric => candidate === values.metric);
	if (metric === undefined) return err({ metric: { type: 'metric' } });
	const unit = displayUnit(metric, context.preferences);
	const errors: { -readonly [K in TargetField]?: WriteFieldError } = {};
	const bounds: { low: number | null; high: number | null } = { low: null, high: null };
	for (const field of ['low', 'high'] as const) {
		const typed = typedNumber(values[field]);
		if (typed === null) continue;
		if (Number.isNaN(typed)) {
			errors[field] = { type: 'number' };
			continue;
		}
		const canonical = toCanonical(typed, unit);
		if (!isPlausible(metric, canonical)) {
			errors[field] = { type: 'range', ...plausibleRangeIn(metric, unit), unit };
			continue;
		}
		bounds[field] = canonical;
	}
	if (errors.low === undefined && errors.high === undefined) {
		if (bounds.low === null && bounds.high === null) errors.low = { type: 'bound-required' };
		else if (bounds.low !== null && bounds.high !== null && bounds.low >= bounds.high)
			errors.high = { type: 'low-not-below-high' };
	}
	const note = values.note.trim();
	if (note.length > TARGET_NOTE_MAX)
		errors.note = { type: 'too-long', max: TARGET_NOTE_MAX, length: note.length };
	if (Object.keys(errors).length > 0) return err(errors);
	const name = context.setByName?.trim() ?? '';
	// The journal's own schema has the last word: what is written is a valid target record.
	const body = targetRangeBodySchema.safeParse({
		kind: 'target-range',
		at: context.at,
		metric,
		low: bounds.low,
		high: bounds.high,
		setBy: 'care-team',
		...(name === '' ? {} : { setByName: name.slice(0, 120) }),
		...(note === '' ? {} : { note })
	});
	return body.success ? ok(body.data) : err({ low: { type: 'number' } });
}

/** Parses the note form: trimmed, required, at most CIRCLE_NOTE_MAX characters. */
export function parseNoteForm(
	values: NoteFormValues,
	at: number
): Result<NoteBody, NoteFormErrors> {
	const text = values.text.trim();
	if (text === '') return err({ text: { type: 'required' } });
	if (text.length > CIRCLE_NOTE_MAX)
		return err({ text: { type: 'too-long', max: CIRCLE_NOTE_MAX, length: text.length } });
	const body = noteBodySchema.safeParse({ kind: 'note', at, text });
	return body.success ? ok(body.data) : err({ text: { type: 'required' } });
}

/**
 * The member who wrote a record, as this device read it (the record's author inside its sealed
 * envelope), or null when the person wrote it herself.
 */
export function memberAuthorOf(
	record: { readonly author?: string | undefined },
	ownerId: string
): string | null {
	const author = record.author;
	if (author === undefined || author === '' || author === ownerId || author === LOCAL_ACCOUNT)
		return null;
	return author;
}

/** Authorship as this device checked it */
type Checked = {
	readonly author?: string | undefined;
	readonly signature?: string | undefined;
	readonly authorCheck?: AuthorCheck | null | undefined;
};

/**
 * The member who wrote a record with what this device could check of it (`writerOf`): null when
 * the person wrote it herself; never a verified writer unless the signature was checked here.
 */
export const memberWriterOf = (record: Checked, ownerId: string): AuthorCheck | null =>
	writerOf(record, (author) => memberAuthorOf({ author }, ownerId) !== null);

/** One record a member wrote into the person's circle, for the person to see and remove. */
export type MemberWrite =
	| {
			readonly type: 'note';
			readonly id: string;
			readonly category: Category;
			readonly hlc: string;
			readonly at: number;
			readonly author: string;
			readonly writer: AuthorCheck;
			readonly text: string;
	  }
	| {
			readonly type: 'target';
			readonly id: string;
			readonly category: Category;
			readonly hlc: string;
			readonly at: number;
			readonly author: string;
			readonly writer: AuthorCheck;
			readonly target: TargetRangeBody;
	  };

interface WrittenRecord {
	readonly id: string;
	readonly kind: string;
	readonly category: Category;
	readonly at: number;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly author?: string | undefined;
	readonly signature?: string | undefined;
	readonly authorCheck?: AuthorCheck | null | undefined;
	readonly body: unknown;
}

/** The live notes and targets among `records` that a member wrote, newest first. */
export function memberWritesOf(
	records: readonly WrittenRecord[],
	ownerId: string
): readonly MemberWrite[] {
	const writes: MemberWrite[] = [];
	for (const record of records) {
		if (record.deleted) continue;
		const writer = memberWriterOf(record, ownerId);
		if (writer === null) continue;
		const base = {
			id: record.id,
			category: record.category,
			hlc: record.hlc,
			author: writer.accountId,
			writer
		};
		if (record.kind === 'note') {
			const note = noteBodySchema.safeParse(record.body);
			if (note.success)
				writes.push({ type: 'note', ...base, at: note.data.at, text: note.data.text });
		} else if (record.kind === 'target-range') {
			const target = targetRangeBodySchema.safeParse(record.body);
			if (target.success)
				writes.push({ type: 'target', ...base, at: target.data.at, target: target.data });
		}
	}
	return writes.sort((a, b) => b.at - a.at);
}

/** The unit the target form's bounds are typed in, for its labels. */
export const targetFormUnit = (metric: string, preferences: UnitPreferences): Unit | null => {
	const found = METRICS.find((candidate): candidate is Metric => candidate === metric);
	return found === undefined ? null : displayUnit(found, preferences);
};

/**
 * Who set the target of `metric` in force at `at`, when a member of the circle did: the author of
 * that target's record and when it was set; null when none is in force or the person set it.
 */
export function memberTargetAt(
	records: readonly (Checked & { readonly body: TargetRangeBody })[],
	ownerId: string,
	metric: Metric,
	at: number
): { readonly author: string; readonly at: number; readonly writer: AuthorCheck } | null {
	const authored = records.map((record) => ({
		...record.body,
		writer: memberWriterOf(record, ownerId)
	}));
	const current = targetAt(authored, metric, at);
	return current === null || current.writer === null
		? null
		: { author: current.writer.accountId, at: current.at, writer: current.writer };
}
