// A member's export of what the person shares with her (issue 5, issue 13): the FHIR file is made
// on the device (`state/fhir-export.ts`); the only write is the fact of the export, one
// `exported` entry per category read in the person's access log, sent through the circle's one
// API client (`CircleHttp`, `recordAudit` in the route table), never a client of its own.
// Invariants: commands never import state or ui; best effort (the export works offline): the
// categories whose entry could not be written are answered, never thrown; an export that does not
// parse (no circle, a category that cannot be shared) sends nothing.
import * as z from 'zod';
import { shareableCategorySchema, type ShareableCategory } from '$lib/domain/circle';
import { fail, ok, type CircleResult } from '$lib/domain/circle/errors';
import type { CircleHttp } from '$lib/sync/circle-http';

const exportLogSchema = z.object({
	circleId: z.string().min(1),
	categories: z.array(shareableCategorySchema)
});

/**
 * Tells the circle's access log that this member exported these categories, one entry each;
 * answers the categories whose entry could not be written.
 */
export async function logSharedExport(
	http: Pick<CircleHttp, 'send'>,
	circleId: string,
	categories: readonly ShareableCategory[]
): Promise<readonly ShareableCategory[]> {
	const results = await Promise.all(
		categories.map((category) =>
			http.send('recordAudit', { params: { circleId }, body: { action: 'exported', category } })
		)
	);
	return categories.filter((_, i) => results[i]?.ok !== true);
}

export interface CircleExportCommands {
	/** Logs a member's export of `categories` (parsed first); answers the ones not logged. */
	readonly logSharedExport: (
		circleId: string,
		categories: readonly ShareableCategory[]
	) => Promise<CircleResult<readonly ShareableCategory[]>>;
}

export function createCircleExportCommands(deps: {
	readonly http: Pick<CircleHttp, 'send'>;
}): CircleExportCommands {
	return {
		async logSharedExport(circleId, categories) {
			const parsed = exportLogSchema.safeParse({ circleId, categories });
			if (!parsed.success) return fail({ type: 'invalid-input' });
			return ok(await logSharedExport(deps.http, parsed.data.circleId, parsed.data.categories));
		}
	};
}
