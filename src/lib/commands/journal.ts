// Journal commands: every write the journal's pages and components make, by name.
// Why: one user action is one vault commit. A command parses its input (zod, through the domain's
// schemas), applies the domain's rules, then makes exactly ONE `commit` (one Dexie transaction),
// so a failure in any part of an action leaves nothing behind (e.g. logging a symptom under a new
// name of one's own writes the custom symptom and the entry together, or neither).
// Invariant: commands never import state or ui; they return `Result`s whose errors are data
// (`SaveError`, with the domain's typed `JournalError`s), turned into words by the UI.
import * as z from 'zod/mini';
import { parseNewJournalBody } from '$lib/domain/journal/records';
import { isKind, type JournalRecord, type SaveError } from '$lib/domain/journal/entries';
import { err, ok, type Result } from '$lib/domain/result';
import { uuidv7 } from '$lib/domain/ids';
import type { JournalRepo, SaveOptions } from '$lib/vault/repos/journal';

export type { SaveOptions };

/** What a symptom command takes: the entry as the form built it, and the person's own name. */
export const logSymptomInputSchema = z.object({
	/** The symptom body (`symptomInput` of the form); its `symptom` is completed for an own name. */
	entry: z.record(z.string(), z.unknown()),
	/** The name of a symptom of the person's own, when they wrote one; absent for the catalogue. */
	ownName: z.optional(z.string())
});
export type LogSymptomInput = z.input<typeof logSymptomInputSchema>;

export interface JournalCommandDeps {
	readonly repo: JournalRepo;
	readonly now: () => number;
}

export interface JournalCommands {
	/** Any journal entry, new or edited (`options.id` + `expectedHlc`): validated, one commit. */
	saveEntry(input: unknown, options?: SaveOptions): Promise<Result<JournalRecord, SaveError>>;
	/**
	 * A symptom: from the catalogue, or under a name of the person's own. A name already in their
	 * list is reused (case-insensitive); a new one is created with the entry in the same commit.
	 */
	logSymptom(
		input: LogSymptomInput,
		options?: SaveOptions
	): Promise<Result<JournalRecord, SaveError>>;
	/** A new symptom of the person's own and an entry of it, in ONE commit (both or neither). */
	createCustomSymptomAndLog(
		name: string,
		entry: Readonly<Record<string, unknown>>,
		options?: SaveOptions
	): Promise<Result<JournalRecord, SaveError>>;
	// The other writes are the repository's, one commit each (validated by the domain there).
	readonly saveMeasurement: JournalRepo['saveMeasurement'];
	readonly logDose: JournalRepo['logDose'];
	readonly stopMedication: JournalRepo['stopMedication'];
	readonly changeGoalStatus: JournalRepo['changeGoalStatus'];
	readonly removeEntry: JournalRepo['remove'];
	readonly restoreEntry: JournalRepo['restore'];
	readonly setUnitPreferences: JournalRepo['setUnitPreferences'];
}

const invalidInput = (): { readonly ok: false; readonly error: SaveError } =>
	err({
		type: 'invalid',
		errors: [{ path: '', key: 'journal_error_invalid', params: {}, error: { type: 'invalid' } }]
	});

export function createJournalCommands(deps: JournalCommandDeps): JournalCommands {
	const { repo } = deps;

	async function createCustomSymptomAndLog(
		name: string,
		entry: Readonly<Record<string, unknown>>,
		options: SaveOptions = {}
	): Promise<Result<JournalRecord, SaveError>> {
		const now = deps.now();
		const own = parseNewJournalBody(
			{ kind: 'custom-symptom', at: now, name, usesBodyLocation: true, archived: false },
			now
		);
		const ownId = uuidv7(now);
		const logged = parseNewJournalBody(
			{ ...entry, symptom: { source: 'custom', customSymptomId: ownId, name } },
			now
		);
		if (!own.ok || !logged.ok) {
			const errors = [...(own.ok ? [] : own.error), ...(logged.ok ? [] : logged.error)];
			return err({ type: 'invalid', errors });
		}
		const committed = await repo.commitBodies(
			[
				{ body: own.value, options: { id: ownId } },
				{ body: logged.value, options }
			],
			options.author
		);
		if (!committed.ok) return committed;
		const record = committed.value[1];
		return record ? ok(record) : err({ type: 'locked' });
	}

	return {
		saveEntry: (input, options) => repo.save(input, options),
		async logSymptom(input, options = {}) {
			const parsed = logSymptomInputSchema.safeParse(input);
			if (!parsed.success) return invalidInput();
			const { entry } = parsed.data;
			const name = parsed.data.ownName?.trim() ?? '';
			if (name === '') return repo.save(entry, options);
			const known = (await repo.list({ kinds: ['custom-symptom'] }))
				.filter(isKind('custom-symptom'))
				.find((r) => r.body.name.toLocaleLowerCase() === name.toLocaleLowerCase());
			if (!known) return createCustomSymptomAndLog(name, entry, options);
			return repo.save(
				{ ...entry, symptom: { source: 'custom', customSymptomId: known.id, name } },
				options
			);
		},
		createCustomSymptomAndLog,
		saveMeasurement: (input, preferences, options) =>
			repo.saveMeasurement(input, preferences, options),
		logDose: (input) => repo.logDose(input),
		stopMedication: (record, reason) => repo.stopMedication(record, reason),
		changeGoalStatus: (record, status) => repo.changeGoalStatus(record, status),
		removeEntry: (record) => repo.remove(record),
		restoreEntry: (record) => repo.restore(record),
		setUnitPreferences: (preferences) => repo.setUnitPreferences(preferences)
	};
}
