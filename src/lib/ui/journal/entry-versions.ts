// The two versions of a journal entry edited on two devices at once, in words, for the choice
// shown on the entry in the timeline.
// Why: the merge keeps the other version as it was written (`record.conflict`); the person must
// see both as they would read the entry itself, not as data.
// Invariant: a version whose body does not parse as the same kind of entry is summarised by the
// generic summary (never shown half-valid, never as raw JSON keys when it has words).
import { parseJournalBody } from '$lib/domain/journal/records';
import type { JournalRecord } from '$lib/domain/journal/entries';
import { versionSummary } from '../account/conflict-text';
import { entryText, type EntryContext } from './entry-text';
import type { EntryConflictVersions, VersionText } from './timeline';

function noteOf(record: JournalRecord): string | undefined {
	return 'note' in record.body && typeof record.body.note === 'string' && record.body.note !== ''
		? record.body.note
		: undefined;
}

function versionText(record: JournalRecord, author: string | undefined, context: EntryContext) {
	const note = noteOf(record);
	return {
		text: entryText(record, context),
		...(note === undefined ? {} : { note }),
		...(author === undefined ? {} : { author })
	} satisfies VersionText;
}

/** Both versions of `record` in words, or undefined when it has no conflict. */
export function conflictVersions(
	record: JournalRecord,
	context: EntryContext
): EntryConflictVersions | undefined {
	const other = record.conflict;
	if (other === undefined) return undefined;
	const shown = versionText(record, record.author, context);
	const parsed = parseJournalBody(other.body);
	if (parsed.ok && parsed.value.kind === record.body.kind) {
		return { shown, other: versionText({ ...record, body: parsed.value }, other.author, context) };
	}
	return {
		shown,
		other: {
			text: versionSummary(other.body),
			...(other.author === undefined ? {} : { author: other.author })
		}
	};
}
