// FHIR R4 export and import of the person's journal, on the device: export reads every journal
// record and hands back a Bundle file; import reads a file into a plan (what would be added, what
// is skipped and why, what is already in the journal) and writes nothing until `confirm`, which
// adds the new records in one commit (one user action, one commit). Nothing leaves the device.
import { toFhirBundle } from '$lib/domain/fhir/export';
import { planFhirImportText, type ImportError, type Skipped } from '$lib/domain/fhir/import';
import { JOURNAL_KINDS, kindToCategory, type JournalBody } from '$lib/domain/journal/records';
import type { RecordOp } from '$lib/domain/records';
import { uuidv7 } from '$lib/domain/ids';
import { journal } from './journal.svelte';
import { vault } from './vault.svelte';

export interface FhirPreview {
	readonly fileName: string;
	readonly records: readonly { readonly id: string; readonly body: JournalBody }[];
	/** Records of the file that the journal already holds (same id): left as they are. */
	readonly alreadyThere: number;
	readonly skipped: readonly Skipped[];
}

export type FhirImportState =
	| { readonly phase: 'idle' }
	| { readonly phase: 'reading' }
	| { readonly phase: 'preview'; readonly preview: FhirPreview }
	| { readonly phase: 'saving'; readonly preview: FhirPreview }
	| { readonly phase: 'done'; readonly added: number }
	| { readonly phase: 'error'; readonly error: ImportError | { readonly type: 'save-failed' } };

function createFhirTransfer() {
	let state = $state<FhirImportState>({ phase: 'idle' });

	return {
		get state(): FhirImportState {
			return state;
		},

		/** The whole journal as a FHIR R4 Bundle file, the person named as she chose (or not). */
		async exportBundle(patientName: string | undefined, now: number): Promise<Blob> {
			const records = await journal.list({ kinds: JOURNAL_KINDS });
			const header = await vault.vault().header();
			const bundle = toFhirBundle({
				patientId: header?.circleId ?? crypto.randomUUID(),
				...(patientName === undefined || patientName.trim() === ''
					? {}
					: { patientName: patientName.trim() }),
				records: records.map((r) => ({ id: r.id, body: r.body })),
				now
			});
			return new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' });
		},

		/** Reads a file into a preview; the journal is not touched. */
		async read(file: File, now: number): Promise<void> {
			state = { phase: 'reading' };
			const plan = planFhirImportText(await file.text(), () => uuidv7(now));
			if (!plan.ok) {
				state = { phase: 'error', error: plan.error };
				return;
			}
			const existing = new Set(
				(await journal.list({ kinds: JOURNAL_KINDS, includeDeleted: true })).map((r) => r.id)
			);
			const fresh = plan.value.records.filter((r) => !existing.has(r.id));
			state = {
				phase: 'preview',
				preview: {
					fileName: file.name,
					records: fresh,
					alreadyThere: plan.value.records.length - fresh.length,
					skipped: plan.value.skipped
				}
			};
		},

		/** Adds the previewed records in one commit. */
		async confirm(): Promise<void> {
			if (state.phase !== 'preview') return;
			const preview = state.preview;
			if (preview.records.length === 0) {
				state = { phase: 'done', added: 0 };
				return;
			}
			state = { phase: 'saving', preview };
			const ops: RecordOp[] = preview.records.map(({ id, body }) => ({
				type: 'put',
				id,
				kind: body.kind,
				category: kindToCategory[body.kind],
				at: body.at,
				body
			}));
			const committed = await vault.vault().commit(ops);
			state = committed.ok
				? { phase: 'done', added: ops.length }
				: { phase: 'error', error: { type: 'save-failed' } };
		},

		cancel(): void {
			state = { phase: 'idle' };
		}
	};
}

export const fhirTransfer = createFhirTransfer();
