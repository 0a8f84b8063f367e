// One line of the journal timeline, as the page prepares it for the Timeline component.
import type { ResolvedPathname } from '$app/types';
import type { JournalRecord } from '$lib/domain/journal/entries';

/** One version of an entry, in words: what it says, its note, who wrote it (when not the person). */
export interface VersionText {
	readonly text: string;
	readonly note?: string;
	readonly author?: string;
}

/** Both versions of an entry edited on two devices at once (the person chooses one). */
export interface EntryConflictVersions {
	readonly shown: VersionText;
	readonly other: VersionText;
}

export interface TimelineEntry {
	readonly record: JournalRecord;
	readonly text: string;
	readonly note?: string;
	readonly editHref: ResolvedPathname | null;
	readonly conflict?: EntryConflictVersions;
	/** Not verified as the person's on this device, in words (`state/own-unverified.ts`). */
	readonly unverified?: string;
}
