// Typed journal repository: the only way the journal UI reads and writes the vault.
// Why: the vault stores opaque bodies; here each record is parsed by its kind's zod schema (a body
// that does not parse is skipped, never shown half-valid), and every write is validated by the
// domain first, so nothing invalid or in the future is ever committed.
// Invariants: new records get a UUIDv7 id carrying their own time (`at`), so they land in the
// vault bucket of that week; edits carry the `hlc` read when the form opened and fail with a
// `conflict` (never overwrite) when another tab changed the record meanwhile.
import { fieldError } from '$lib/domain/journal/common';
import { changeGoalStatus, type GoalStatus } from '$lib/domain/journal/goals';
import {
	defaultUnitPreferences,
	parseMeasurementInput,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import {
	asNeededDose,
	doseForSlot,
	stopMedication,
	type DoseBody
} from '$lib/domain/journal/medications';
import {
	kindToCategory,
	parseNewJournalBody,
	type JournalBody,
	type JournalKind
} from '$lib/domain/journal/records';
import type { CommitError, RecordOp } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import {
	isKind,
	toJournalRecord,
	toJournalRecords,
	categoriesOf,
	type DoseInput,
	type JournalRecord,
	type RecordOf,
	type SaveError
} from '$lib/domain/journal/entries';
import { uuidv7 } from '$lib/domain/ids';
import type { Records } from '../records';

// The record shapes live in the domain (domain/journal/entries.ts); the repository's users inside
// the vault and state name them here too.
export * from '$lib/domain/journal/entries';

/** What the repository needs from an open vault. */
export type RecordStore = Pick<Records, 'commit' | 'query' | 'get'>;

export interface SaveOptions {
	/** The record being edited; absent for a new entry. */
	readonly id?: string;
	/** The `hlc` of the record when the form opened. */
	readonly expectedHlc?: string;
	readonly author?: string;
}

function commitError(error: CommitError): SaveError {
	switch (error.type) {
		case 'locked':
			return { type: 'locked' };
		case 'not-found':
			return { type: 'not-found' };
		case 'conflict':
			return {
				type: 'conflict',
				current: error.current === null ? null : toJournalRecord(error.current)
			};
		case 'invalid':
			return { type: 'invalid', errors: [] };
	}
}

export interface MeasurementInput {
	readonly at: number;
	/** The value(s) as typed, in the person's units: `{ type, systolic, … }` or `{ type, value }`. */
	readonly measurement: Record<string, unknown>;
	readonly note?: string;
}

export interface JournalRepo {
	list(query: {
		readonly kinds: readonly JournalKind[];
		readonly from?: number;
		readonly to?: number;
		readonly includeDeleted?: boolean;
	}): Promise<readonly JournalRecord[]>;
	get(kind: JournalKind, id: string): Promise<JournalRecord | null>;
	/** Validates `input` as a new or edited body and commits it. */
	save(input: unknown, options?: SaveOptions): Promise<Result<JournalRecord, SaveError>>;
	/**
	 * Commits bodies the domain already validated, all in ONE vault commit (one Dexie transaction):
	 * either every record is written or none is. Used by the command layer (`commands/journal.ts`).
	 */
	commitBodies(
		entries: readonly { readonly body: JournalBody; readonly options?: SaveOptions }[],
		author?: string
	): Promise<Result<readonly JournalRecord[], SaveError>>;
	saveMeasurement(
		input: MeasurementInput,
		preferences: UnitPreferences,
		options?: SaveOptions
	): Promise<Result<JournalRecord, SaveError>>;
	logDose(input: DoseInput): Promise<Result<JournalRecord, SaveError>>;
	stopMedication(
		record: RecordOf<'medication'>,
		reason?: string
	): Promise<Result<JournalRecord, SaveError>>;
	changeGoalStatus(
		record: RecordOf<'goal'>,
		status: GoalStatus
	): Promise<Result<JournalRecord, SaveError>>;
	remove(record: Pick<JournalRecord, 'id' | 'category' | 'hlc'>): Promise<Result<void, SaveError>>;
	restore(record: Pick<JournalRecord, 'id' | 'category'>): Promise<Result<void, SaveError>>;
	unitPreferences(locale: string): Promise<UnitPreferences>;
	setUnitPreferences(preferences: UnitPreferences): Promise<Result<JournalRecord, SaveError>>;
}

export interface JournalRepoDeps {
	readonly store: () => RecordStore;
	readonly now: () => number;
}

export function createJournalRepo(deps: JournalRepoDeps): JournalRepo {
	const toOp = (body: JournalBody, options: SaveOptions): RecordOp => ({
		type: 'put',
		id: options.id ?? uuidv7(body.at),
		kind: body.kind,
		category: kindToCategory[body.kind],
		at: body.at,
		body,
		...(options.expectedHlc === undefined ? {} : { expectedHlc: options.expectedHlc })
	});

	async function commitBodies(
		entries: readonly { readonly body: JournalBody; readonly options?: SaveOptions }[],
		author?: string
	): Promise<Result<readonly JournalRecord[], SaveError>> {
		const ops = entries.map((entry) => toOp(entry.body, entry.options ?? {}));
		const committed = await deps.store().commit(ops, author === undefined ? undefined : { author });
		if (!committed.ok) return { ok: false, error: commitError(committed.error) };
		const records = committed.value.map(toJournalRecord);
		if (records.length !== ops.length || records.some((r) => r === null)) {
			return { ok: false, error: { type: 'locked' } };
		}
		return { ok: true, value: records.filter((r): r is JournalRecord => r !== null) };
	}

	async function commitBody(
		body: JournalBody,
		options: SaveOptions
	): Promise<Result<JournalRecord, SaveError>> {
		const committed = await commitBodies([{ body, options }], options.author);
		if (!committed.ok) return committed;
		const record = committed.value[0];
		return record ? { ok: true, value: record } : { ok: false, error: { type: 'locked' } };
	}

	async function save(
		input: unknown,
		options: SaveOptions = {}
	): Promise<Result<JournalRecord, SaveError>> {
		const parsed = parseNewJournalBody(input, deps.now());
		if (!parsed.ok) return { ok: false, error: { type: 'invalid', errors: parsed.error } };
		return commitBody(parsed.value, options);
	}

	async function list(query: Parameters<JournalRepo['list']>[0]) {
		const out: JournalRecord[] = [];
		for (const [category, kinds] of categoriesOf(query.kinds)) {
			const records = await deps.store().query({
				category,
				kinds,
				...(query.from === undefined ? {} : { from: query.from }),
				...(query.to === undefined ? {} : { to: query.to }),
				...(query.includeDeleted ? { includeDeleted: true } : {})
			});
			out.push(...toJournalRecords(records));
		}
		return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	}

	async function latestPreferences(): Promise<RecordOf<'unit-preferences'> | null> {
		const records = await list({ kinds: ['unit-preferences'] });
		return records.filter(isKind('unit-preferences')).at(-1) ?? null;
	}

	return {
		list,
		async get(kind, id) {
			const record = await deps.store().get(kindToCategory[kind], id);
			return record ? toJournalRecord(record) : null;
		},
		save,
		commitBodies,
		async saveMeasurement(input, preferences, options = {}) {
			const value = parseMeasurementInput(input.measurement, preferences);
			if (!value.ok) {
				return {
					ok: false,
					error: {
						type: 'invalid',
						errors: value.error.map((e) => ({
							...e,
							path: e.path === '' ? 'measurement' : `measurement.${e.path}`
						}))
					}
				};
			}
			return save(
				{
					kind: 'measurement',
					at: input.at,
					measurement: value.value,
					...(input.note ? { note: input.note } : {})
				},
				options
			);
		},
		async logDose(input) {
			const now = deps.now();
			const invalid = (path: string, key: string) =>
				({ ok: false, error: { type: 'invalid', errors: [fieldError(path, key)] } }) as const;
			let body: DoseBody;
			if (input.slot === null) {
				if (input.status === 'skipped') return invalid('status', 'journal_error_skip_as_needed');
				body = asNeededDose(input.medicationId, now, input.takenAt ?? now);
			} else {
				const slot = { ...input.slot, medicationId: input.medicationId };
				if (input.status !== 'skipped') {
					const takenAt = input.takenAt === undefined ? {} : { takenAt: input.takenAt };
					body = doseForSlot(slot, { status: input.status, now, ...takenAt });
				} else if (input.skipReason === undefined) {
					return invalid('skipReason', 'journal_error_skip_reason_required');
				} else {
					body = doseForSlot(slot, { status: 'skipped', now, skipReason: input.skipReason });
				}
			}
			return save(input.note ? { ...body, note: input.note } : body);
		},
		async stopMedication(record, reason) {
			return save(stopMedication(record.body, deps.now(), reason), {
				id: record.id,
				expectedHlc: record.hlc
			});
		},
		async changeGoalStatus(record, status) {
			const changed = changeGoalStatus(record.body, status, deps.now());
			if (!changed.ok) {
				const refused = changed.error;
				const error =
					refused.type === 'invalid-transition'
						? fieldError('status', 'journal_error_goal_invalid_transition', {
								from: refused.from,
								to: refused.to
							})
						: fieldError('status', 'journal_error_goal_before_last_change', {
								lastChangeAt: refused.lastChangeAt
							});
				return { ok: false, error: { type: 'invalid', errors: [error] } };
			}
			return save(changed.value, { id: record.id, expectedHlc: record.hlc });
		},
		async remove(record) {
			const committed = await deps
				.store()
				.commit([
					{ type: 'delete', id: record.id, category: record.category, expectedHlc: record.hlc }
				]);
			return committed.ok
				? { ok: true, value: undefined }
				: { ok: false, error: commitError(committed.error) };
		},
		async restore(record) {
			const committed = await deps
				.store()
				.commit([{ type: 'restore', id: record.id, category: record.category }]);
			return committed.ok
				? { ok: true, value: undefined }
				: { ok: false, error: commitError(committed.error) };
		},
		async unitPreferences(locale) {
			const latest = await latestPreferences();
			if (!latest) return defaultUnitPreferences(locale);
			const { weight, glucose, temperature } = latest.body;
			return { weight, glucose, temperature };
		},
		async setUnitPreferences(preferences) {
			const latest = await latestPreferences();
			return save(
				{ kind: 'unit-preferences', at: deps.now(), ...preferences },
				latest ? { id: latest.id, expectedHlc: latest.hlc } : {}
			);
		}
	};
}
