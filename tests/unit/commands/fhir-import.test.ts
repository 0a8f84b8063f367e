// The FHIR import's one write: everything the preview adds goes into the vault in ONE commit, the
// file's records in its order, then the care plan's versions (oldest first) before its
// agreements, each with who wrote it; nothing to add commits nothing; a refused commit writes
// nothing and says why. Over a real vault (fake-indexeddb), from a file the export made.
import { describe, expect, it } from 'vitest';
import { createFhirImportCommands, type PreviewCarePlanRecord } from '$lib/commands/fhir-import';
import { planFhirImportText } from '$lib/domain/fhir/import';
import {
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	carePlanAgreementBodySchema,
	carePlanVersionBodySchema
} from '$lib/domain/plan/care-plan';
import { err } from '$lib/domain/result';
import { all, bundleOf, carePlanRecords, GP, NOW } from '../../fixtures/fhir';
import { openCommandStore } from '../../fixtures/vault';

/**
 * The fixture's care plan as an import previews it: the GP's agreement first and the versions
 * newest first (the command puts them in order); the person's own version has no author.
 */
const carePlan = (): PreviewCarePlanRecord[] =>
	carePlanRecords()
		.toReversed()
		.map((r): PreviewCarePlanRecord => {
			const who = r.author === undefined ? {} : { author: r.author };
			return r.kind === CARE_PLAN_VERSION_KIND
				? { id: r.id, kind: r.kind, ...who, body: carePlanVersionBodySchema.parse(r.body) }
				: {
						id: r.id,
						kind: CARE_PLAN_AGREEMENT_KIND,
						...who,
						body: carePlanAgreementBodySchema.parse(r.body)
					};
		});

function fileRecords() {
	let n = 0;
	const plan = planFhirImportText(JSON.stringify(bundleOf(all())), () => `new-${String(++n)}`);
	if (!plan.ok) throw new Error(plan.error.type);
	return plan.value.records;
}

async function open(options: { readonly refuse?: boolean } = {}) {
	const { vault, store, commits } = await openCommandStore(NOW, options);
	const commands = createFhirImportCommands({ store: () => store });
	const everything = async () =>
		(
			await Promise.all(
				[...new Set(fileRecords().map((r) => r.category)), 'plan' as const].map((category) =>
					vault.query({ category })
				)
			)
		).flat();
	return { vault, commands, commits, everything };
}

describe('FHIR import command', () => {
	it('adds the file’s records and the care plan in one commit, versions before agreements', async () => {
		const { vault, commands, commits, everything } = await open();
		const records = fileRecords();
		const result = await commands.importRecords({ records, carePlan: carePlan() });
		expect(result).toEqual({ ok: true, value: records.length + 3 });
		expect(commits()).toBe(1);
		const stored = await everything();
		expect(new Set(stored.map((r) => r.id))).toEqual(
			new Set([...records.map((r) => r.id), 'cp-v1', 'cp-v2', 'cp-a1'])
		);
		const plan = (await vault.query({ category: 'plan' }))
			.filter((r) => r.id.startsWith('cp-'))
			.toSorted((a, b) => a.hlc.localeCompare(b.hlc));
		expect(plan.map((r) => [r.id, r.author ?? null])).toEqual([
			['cp-v1', null],
			['cp-v2', GP],
			['cp-a1', GP]
		]);
	});

	it('with nothing to add, commits nothing', async () => {
		const { commands, commits } = await open();
		expect(await commands.importRecords({ records: [], carePlan: [] })).toEqual({
			ok: true,
			value: 0
		});
		expect(commits()).toBe(0);
	});

	it('a refused commit writes nothing and says why', async () => {
		const { commands, everything } = await open({ refuse: true });
		expect(await commands.importRecords({ records: fileRecords(), carePlan: carePlan() })).toEqual(
			err({ type: 'commit', error: { type: 'locked' } })
		);
		expect(await everything()).toEqual([]);
	});
});
