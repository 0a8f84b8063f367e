// The plain reader of a stored lasting digest (`parseLasting`, read on every unlock for targets,
// medicines, goals and three years of daily goal check-ins) gives exactly what reading it through
// zod's `lastingDigestSchema` then `toJournalRecord` gives: null exactly when that refuses,
// otherwise the same records (unknown keys dropped). Checked on the sample person's lasting
// records as the vault stores them, with one part bent, and on arbitrary JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestLasting } from '$lib/domain/journal/digest';
import { toJournalRecord, type JournalRecord } from '$lib/domain/journal/entries';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import { uuidv7 } from '$lib/domain/ids';
import { lastingDigestSchema, parseLasting } from '$lib/state/journal-digest';

/** The reading of a stored lasting digest with zod, as it was before the plain reader. */
function viaZod(value: unknown): readonly JournalRecord[] | null {
	const parsed = lastingDigestSchema.safeParse(value);
	if (!parsed.success) return null;
	const out: JournalRecord[] = [];
	for (const stored of parsed.data) {
		const record = toJournalRecord({ ...stored, circleId: '', deleted: false });
		if (record === null) return null;
		out.push(record);
	}
	return out;
}

let accepted = 0;
function agree(input: unknown): void {
	const x: unknown = JSON.parse(JSON.stringify(input));
	const zod = viaZod(x);
	expect(parseLasting(x)).toStrictEqual(zod);
	if (zod !== null && zod.length > 0) accepted += 1;
}

const { entries } = generateSamplePerson({
	seed: 67,
	now: Date.UTC(2026, 0, 15),
	locale: 'fr',
	newId: (at) => uuidv7(at),
	days: 1095
});
/** What the vault stores: journal records of lasting kinds, with sync metadata and an author. */
const stored = digestLasting(entries).map((entry, index) => ({
	...entry,
	hlc: `${String(entry.at).padStart(15, '0')}:0000:device`,
	deleted: false,
	...(index % 3 === 0 ? { author: 'acct-1', signature: 'c2ln' } : {})
}));

const junk = fc.constantFrom<unknown>(null, '', 'x', 0, -1, 1.5, true, [], {}, [1]);
const bend = fc.constantFrom(
	'id',
	'kind',
	'category',
	'at',
	'hlc',
	'author',
	'signature',
	'body',
	'extra'
);
/** A few stored records, sometimes one of them with a field removed or replaced by junk. */
const digest = fc
	.tuple(
		fc.array(fc.integer({ min: 0, max: stored.length - 1 }), { maxLength: 6 }),
		fc.option(fc.tuple(fc.nat(), bend, fc.option(junk, { freq: 4 })), { freq: 2 })
	)
	.map(([picks, bent]) => {
		const records: Record<string, unknown>[] = picks.map((i) => ({ ...stored[i] }));
		if (bent !== null && records.length > 0) {
			const [which, field, value] = bent;
			const record = records[which % records.length] ?? {};
			if (value === null) Reflect.deleteProperty(record, field);
			else record[field] = value;
		}
		return records;
	});

describe('parseLasting agrees with lastingDigestSchema + toJournalRecord (property)', () => {
	it('on stored lasting records with one part bent', () => {
		accepted = 0;
		fc.assert(fc.property(digest, agree), { numRuns: 3000 });
		expect(accepted).toBeGreaterThan(500);
	});

	it('on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it("on three years of the sample person's lasting records at once, every lasting kind", () => {
		const kinds = new Set(stored.map((r) => r.kind));
		expect([...kinds].sort()).toEqual([
			'custom-symptom',
			'goal',
			'goal-checkin',
			'medication',
			'target-range',
			'unit-preferences'
		]);
		agree(stored);
		expect(parseLasting(JSON.parse(JSON.stringify(stored)))?.length).toBe(stored.length);
	});

	it('refuses what is not a list of records', () => {
		expect(parseLasting({})).toBeNull();
		expect(parseLasting([[]])).toBeNull();
		expect(parseLasting([{ ...stored[0], category: 'elsewhere' }])).toBeNull();
		expect(parseLasting([])).toStrictEqual([]);
	});
});
