// A FHIR R4 Bundle of one circle as a view sees it (circle-view.ts): for a professional (or any
// member), what the person shared with them, one Bundle per person. Only the categories the view
// may read are queried, and `exportSources` drops anything else a store might hand back; the
// circle itself (members, grants, access log) is not in it: that is the person's to export. The
// Bundle is made on the device; only the fact of the export (one `exported` access-log entry per
// category, no content) is sent, by the circle command `logSharedExport`
// (commands/circle-export.ts, through the one API client), so the person sees it in their log.
import { SHAREABLE_CATEGORIES, type Category } from '$lib/domain/categories';
import type { ShareableCategory } from '$lib/domain/circle';
import { toFhirBundle, type FhirBundle } from '$lib/domain/fhir/export';
import { EXPORT_CATEGORIES, exportSources } from '$lib/domain/fhir/sources';
import type { CircleView } from '$lib/domain/circle-view';

const isShareable = (c: Category): c is ShareableCategory =>
	(SHAREABLE_CATEGORIES as readonly string[]).includes(c);

export interface SharedExport {
	readonly bundle: FhirBundle;
	/** The categories read (those the view may read), for the access log. */
	readonly categories: readonly ShareableCategory[];
}

export async function circleViewExport(view: CircleView, now: number): Promise<SharedExport> {
	const categories = EXPORT_CATEGORIES.filter(isShareable).filter((c) => view.canRead(c));
	const records = (
		await Promise.all(categories.map((category) => view.records.query({ category })))
	).flat();
	const readable = (c: Category) => isShareable(c) && categories.includes(c);
	const bundle = toFhirBundle({
		patientId: view.circleId,
		patientName: view.ownerName,
		ownerId: view.ownerId,
		nameOf: view.nameOf,
		...exportSources(records, readable),
		now
	});
	return { bundle, categories };
}
