// Which vault records an export reads, and in what order: the journal's kinds (parsed by the
// journal's schema), plan tasks and their events in the order they were written (HLC), and saved
// questionnaire responses; deleted records and records of categories the reader may not read are
// left out. The person's own export reads everything; a professional's export of someone's circle
// reads only the categories that person granted (`readable` is the view's `canRead`), so even a
// store that handed back more would not put it in the Bundle.
import type { Category } from '../categories';
import { journalBodySchema, kindToCategory, JOURNAL_KINDS } from '../journal/records';
import type { EntryRecord } from './common';
import type { ExportRecord } from './export';
import { TASK_EVENT_KIND, TASK_KIND } from './plan';
import { SURVEY_RESPONSE } from './surveys';

export interface SourceRecord extends EntryRecord {
	readonly hlc: string;
	readonly deleted: boolean;
}

export interface ExportSources {
	readonly records: readonly ExportRecord[];
	readonly plan: readonly EntryRecord[];
	readonly surveys: readonly EntryRecord[];
}

const JOURNAL: ReadonlySet<string> = new Set(JOURNAL_KINDS);

/** The categories an export reads records from (settings hold unit preferences and targets). */
export const EXPORT_CATEGORIES: readonly Category[] = [
	...new Set<Category>([...Object.values(kindToCategory), 'plan', 'surveys'])
];

export function exportSources(
	records: readonly SourceRecord[],
	readable: (category: Category) => boolean
): ExportSources {
	const journal: ExportRecord[] = [];
	const plan: SourceRecord[] = [];
	const surveys: EntryRecord[] = [];
	for (const r of records) {
		if (r.deleted || !readable(r.category)) continue;
		if (JOURNAL.has(r.kind)) {
			const body = journalBodySchema.safeParse(r.body);
			if (
				body.success &&
				body.data.kind === r.kind &&
				kindToCategory[body.data.kind] === r.category
			)
				journal.push({ id: r.id, body: body.data });
		} else if (r.category === 'plan' && (r.kind === TASK_KIND || r.kind === TASK_EVENT_KIND)) {
			plan.push(r);
		} else if (r.category === 'surveys' && r.kind === SURVEY_RESPONSE) {
			surveys.push(strip(r));
		}
	}
	plan.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
	return { records: journal, plan: plan.map(strip), surveys };
}

const strip = (r: SourceRecord): EntryRecord => ({
	id: r.id,
	kind: r.kind,
	category: r.category,
	at: r.at,
	body: r.body
});
