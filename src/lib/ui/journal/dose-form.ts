// Form values of a dose log being edited (what happened, when it was taken, why not, a note) and
// their conversion to a dose body for the domain to validate.
// Invariant: conversion never validates and never changes what the log is about — the medicine,
// the slot it answers, when it was written and the amount stay as they were; the domain refuses
// an incoherent result (skipped without a reason, an as-needed dose "not taken", a time in the
// future) with an error by path, shown next to the field with the same path.
import { DOSE_STATUSES, type DoseBody, type DoseStatus } from '$lib/domain/journal/medications';
import { fromLocalInput, toLocalInput } from './text';

export interface DoseFormValues {
	status: string;
	takenAt: string;
	skipReason: string;
	note: string;
}

export function doseToValues(body: DoseBody): DoseFormValues {
	return {
		status: body.status,
		takenAt: toLocalInput(body.takenAt ?? body.scheduledAt ?? body.at),
		skipReason: body.skipReason ?? '',
		note: body.note ?? ''
	};
}

const isStatus = (value: string): value is DoseStatus =>
	DOSE_STATUSES.some((status) => status === value);

/** The edited dose body to validate: `previous` with what the person changed. */
export function doseInput(values: DoseFormValues, previous: DoseBody): unknown {
	const {
		takenAt: _takenAt,
		skipReason: _skipReason,
		note: _note,
		status: _status,
		...kept
	} = previous;
	const status = isStatus(values.status) ? values.status : undefined;
	const skipped = status === 'skipped';
	return {
		...kept,
		status,
		takenAt: skipped ? null : fromLocalInput(values.takenAt),
		...(skipped && values.skipReason !== '' ? { skipReason: values.skipReason } : {}),
		...(values.note.trim() ? { note: values.note } : {})
	};
}
