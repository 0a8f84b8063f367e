// A FHIR R4 Bundle of one circle as a view sees it (circle-view.ts): for a professional (or any
// member), what the person shared with them, one Bundle per person. Only the categories the view
// may read are queried, and `exportSources` drops anything else a store might hand back; the
// circle itself (members, grants, access log) is not in it: that is the person's to export. Runs
// on the device; nothing is sent anywhere.
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import { toFhirBundle, type FhirBundle } from '$lib/domain/fhir/export';
import { EXPORT_CATEGORIES, exportSources } from '$lib/domain/fhir/sources';
import type { CircleView } from './circle-view';

export async function circleViewExport(view: CircleView, now: number): Promise<FhirBundle> {
	const categories = EXPORT_CATEGORIES.filter(
		(c) => (SHAREABLE_CATEGORIES as readonly string[]).includes(c) && view.canRead(c)
	);
	const records = (
		await Promise.all(categories.map((category) => view.records.query({ category })))
	).flat();
	return toFhirBundle({
		patientId: view.circleId,
		patientName: view.ownerName,
		ownerId: view.ownerId,
		nameOf: view.nameOf,
		...exportSources(records, (c) => categories.includes(c)),
		now
	});
}
