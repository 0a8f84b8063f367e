// One line of the journal timeline, as the page prepares it for the Timeline component.
import type { ResolvedPathname } from '$app/types';
import type { JournalRecord } from '$lib/vault/repos/journal';

export interface TimelineEntry {
	readonly record: JournalRecord;
	readonly text: string;
	readonly note?: string;
	readonly editHref: ResolvedPathname | null;
}
