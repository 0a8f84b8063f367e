// FHIR R4 export and import, on the device: export reads the journal, the plan's tasks and their
// events, saved questionnaire responses and, with an account, the circle (members, grants, and
// the access log if its hash chain checks out here) and hands back a Bundle file; import reads a
// file into a plan (what would be added, what is kept for reference only, what is skipped and
// why, what is already there) and writes nothing until `confirm`, which adds the new records in
// one commit (one user action, one commit; `commands/fhir-import.ts`), the care plan's versions
// and agreements with them.
// An agreement read from a file is checked against the keys this device pinned, like any other,
// and the preview says how many verify here. Nothing leaves the device.
import { createFhirImportCommands, type PreviewCarePlanRecord } from '$lib/commands/fhir-import';
import type { Member } from '$lib/contracts/circle';
import type { AuditEntry } from '$lib/domain/audit';
import { toFhirBundle } from '$lib/domain/fhir/export';
import type { CircleInput } from '$lib/domain/fhir/circle';
import {
	planFhirImportText,
	type ImportedRecord,
	type ImportError,
	type Kept,
	type Skipped
} from '$lib/domain/fhir/import';
import { EXPORT_CATEGORIES, exportSources } from '$lib/domain/fhir/sources';
import { CARE_PLAN_VERSION_KIND } from '$lib/domain/plan/care-plan';
import { uuidv7 } from '$lib/domain/ids';
import { account } from './account.svelte';
import { carePlanExportOf, verifiedAgreementIds } from './care-plan.svelte';
import { ownCircleView } from './own-circle';
import { loadAccessLog, loadCircle } from './circle.svelte';
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { vault } from './vault.svelte';

/** The import's one write, by name: ONE commit of what the preview adds. */
const fhirImportCommands = createFhirImportCommands({ store: () => vault.vault() });

export interface FhirPreview {
	readonly fileName: string;
	readonly records: readonly ImportedRecord[];
	/** Records of the file that the vault already holds (same id): left as they are. */
	readonly alreadyThere: number;
	/** Entries describing the circle: shown, never restored (domain/fhir/import.ts). */
	readonly kept: readonly Kept[];
	readonly skipped: readonly Skipped[];
	/**
	 * Care-plan versions and agreements of the file this vault does not hold yet (written in the
	 * same commit), and how many of those agreements verify HERE against the keys this device
	 * pinned: an agreement is never trusted because a file says so.
	 */
	readonly carePlan: {
		readonly records: readonly PreviewCarePlanRecord[];
		readonly versions: number;
		readonly agreements: number;
		readonly verified: number;
	};
}

export type FhirImportState =
	| { readonly phase: 'idle' }
	| { readonly phase: 'reading' }
	| { readonly phase: 'preview'; readonly preview: FhirPreview }
	| { readonly phase: 'saving'; readonly preview: FhirPreview }
	| { readonly phase: 'done'; readonly added: number }
	| { readonly phase: 'error'; readonly error: ImportError | { readonly type: 'save-failed' } };

/** What the export could not put in the file, said in words next to "saved". */
export type FhirExportNote = 'circle-unavailable' | 'access-log-unverified';

export interface FhirExport {
	readonly blob: Blob;
	readonly notes: readonly FhirExportNote[];
}

/** The circle as the server lists it now, and its access log if the chain checks out here. */
async function circleInput(ownerId: string): Promise<{
	circle?: CircleInput;
	notes: FhirExportNote[];
}> {
	const signedIn = account.account;
	if (signedIn === null || vault.isDemo) return { notes: [] };
	const [snapshot, log] = await Promise.all([
		loadCircle(signedIn.circleId),
		loadAccessLog(signedIn.circleId)
	]);
	if (!snapshot.ok) return { notes: ['circle-unavailable'] };
	const notes: FhirExportNote[] = [];
	let audit: readonly AuditEntry[] = [];
	let formerLabels = new Map<string, string>();
	if (log.ok && log.value.check.ok) {
		audit = log.value.log.entries;
		formerLabels = new Map(log.value.log.members.map((m) => [m.accountId, m.label]));
	} else notes.push('access-log-unverified');
	const members = snapshot.value.members.map((m: Member) => ({
		accountId: m.accountId,
		label: m.label,
		role: m.role,
		status: m.status,
		grants: m.grants
	}));
	return { circle: { ownerId, members, audit, formerLabels }, notes };
}

function createFhirTransfer() {
	let state = $state<FhirImportState>({ phase: 'idle' });

	return {
		get state(): FhirImportState {
			return state;
		},

		/** The whole vault as a FHIR R4 Bundle file, the person named as she chose (or not). */
		async exportBundle(patientName: string | undefined, now: number): Promise<FhirExport> {
			const v = vault.vault();
			const records = (
				await Promise.all(EXPORT_CATEGORIES.map((category) => v.query({ category })))
			).flat();
			const header = await v.header();
			const ownerId = account.account?.id ?? LOCAL_ACCOUNT;
			const { circle, notes } = await circleInput(ownerId);
			const bundle = toFhirBundle({
				patientId: header?.circleId ?? crypto.randomUUID(),
				...(patientName === undefined || patientName.trim() === ''
					? {}
					: { patientName: patientName.trim() }),
				ownerId,
				...exportSources(records, () => true),
				...(circle === undefined ? {} : { circle }),
				carePlan: await carePlanExportOf(ownCircleView()),
				now
			});
			return {
				blob: new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' }),
				notes
			};
		},

		/** Reads a file into a preview; the vault is not touched. */
		async read(file: File, now: number): Promise<void> {
			state = { phase: 'reading' };
			const plan = planFhirImportText(await file.text(), () => uuidv7(now));
			if (!plan.ok) {
				state = { phase: 'error', error: plan.error };
				return;
			}
			const categories = [
				...new Set([
					...plan.value.records.map((r) => r.category),
					...(plan.value.carePlan.length > 0 ? (['plan'] as const) : [])
				])
			];
			const v = vault.vault();
			const existing = new Set(
				(
					await Promise.all(
						categories.map((category) => v.query({ category, includeDeleted: true }))
					)
				)
					.flat()
					.map((r) => r.id)
			);
			const fresh = plan.value.records.filter((r) => !existing.has(r.id));
			const header = await v.header();
			const view = ownCircleView([], header?.circleId ?? '');
			// A version by the person herself is written unmarked, as she writes it.
			const carePlan = plan.value.carePlan
				.filter((r) => !existing.has(r.id))
				.map(({ author, ...r }): PreviewCarePlanRecord =>
					author === view.ownerId ? r : { ...r, author }
				);
			const verified = await verifiedAgreementIds(
				view,
				carePlan.map((r) => ({
					id: r.id,
					kind: r.kind,
					hlc: '',
					deleted: false,
					...(r.author === undefined ? {} : { author: r.author }),
					body: r.body
				}))
			);
			const versions = carePlan.filter((r) => r.kind === CARE_PLAN_VERSION_KIND).length;
			state = {
				phase: 'preview',
				preview: {
					fileName: file.name,
					records: fresh,
					alreadyThere: plan.value.records.length - fresh.length,
					kept: plan.value.kept,
					skipped: plan.value.skipped,
					carePlan: {
						records: carePlan,
						versions,
						agreements: carePlan.length - versions,
						verified: verified.length
					}
				}
			};
		},

		/** Adds the previewed records in one commit (commands/fhir-import.ts). */
		async confirm(): Promise<void> {
			if (state.phase !== 'preview') return;
			const preview = state.preview;
			if (preview.records.length === 0 && preview.carePlan.records.length === 0) {
				state = { phase: 'done', added: 0 };
				return;
			}
			state = { phase: 'saving', preview };
			const added = await fhirImportCommands.importRecords({
				records: preview.records,
				carePlan: preview.carePlan.records
			});
			state = added.ok
				? { phase: 'done', added: added.value }
				: { phase: 'error', error: { type: 'save-failed' } };
		},

		cancel(): void {
			state = { phase: 'idle' };
		}
	};
}

export const fhirTransfer = createFhirTransfer();
