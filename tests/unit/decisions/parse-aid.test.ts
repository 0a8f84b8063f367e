// A malformed decision aid is refused with the file and the field named, at build time
// (parseAid / the loader) and at run time (importAid from JSON text).
import { describe, expect, it } from 'vitest';
import { ContentValidationError, getAid, parseAidFiles } from '$lib/content/load';
import type { DecisionAid } from '$lib/domain/decisions/aid';
import { importAid, parseAid } from '$lib/domain/decisions/parse-aid';

/** A valid aid to break in one place per test. */
function validAid(): DecisionAid {
	const aid = getAid('statin-primary-prevention', 'en');
	if (aid === undefined) throw new Error('fixture aid missing');
	return structuredClone(aid);
}

const FILE = 'aids/statin-primary-prevention.en.json';

function fieldsOf(data: unknown): readonly string[] {
	const result = parseAid(FILE, data);
	return result.ok ? [] : result.error.map((i) => i.field);
}

describe('parseAid', () => {
	it('accepts a valid aid', () => {
		expect(parseAid(FILE, validAid()).ok).toBe(true);
	});

	it('names the missing grid cell', () => {
		const aid = validAid();
		const row = aid.grid[1];
		if (row === undefined) throw new Error('fixture grid too short');
		delete row.answers.statin;
		expect(fieldsOf(aid)).toContain('grid.1.answers.statin');
	});

	it('names a grid answer for an option that does not exist', () => {
		const aid = validAid();
		const row = aid.grid[0];
		if (row === undefined) throw new Error('fixture grid too short');
		row.answers.surgery = 'An operation';
		expect(fieldsOf(aid)).toContain('grid.0.answers.surgery');
	});

	it('names a missing outcome cell and an unknown source', () => {
		const aid = validAid();
		const outcome = aid.outcomes[0];
		if (outcome === undefined) throw new Error('fixture outcomes empty');
		delete outcome.cells.wait;
		const cell = outcome.cells.statin;
		if (cell === undefined) throw new Error('fixture cell missing');
		cell.sourceIds = ['made-up'];
		const fields = fieldsOf(aid);
		expect(fields).toContain('outcomes.0.cells.wait');
		expect(fields).toContain('outcomes.0.cells.statin.sourceIds.0');
	});

	it('refuses a number outside its stated range', () => {
		const aid = validAid();
		const cell = aid.outcomes[0]?.cells.statin;
		if (cell?.kind !== 'frequency') throw new Error('fixture cell is not a number');
		cell.value = 9;
		expect(fieldsOf(aid)).toContain('outcomes.0.cells.statin.value');
	});

	it('refuses an aid with no sources, no review date or no funding statement', () => {
		const { sources: _s, nextReview: _n, funding: _f, ...rest } = validAid();
		const fields = fieldsOf(rest);
		expect(fields).toEqual(expect.arrayContaining(['sources', 'nextReview', 'funding']));
	});

	it('requires a waiting option or a reason why it does not apply', () => {
		const aid = validAid();
		for (const o of aid.options) o.isWaiting = false;
		expect(fieldsOf(aid)).toContain('options');
		expect(parseAid(FILE, { ...aid, noWaitingReason: 'Doing nothing is not safe here.' }).ok).toBe(
			true
		);
	});

	it('refuses a knowledge answer that is not one of the choices', () => {
		const aid = validAid();
		const q = aid.knowledgeCheck[0];
		if (q === undefined) throw new Error('fixture knowledge check empty');
		q.correct = 7;
		expect(fieldsOf(aid)).toContain('knowledgeCheck.0.correct');
	});

	it('checks the id and language against the file name', () => {
		expect(fieldsOf({ ...validAid(), lang: 'fr' })).toContain('lang');
	});
});

describe('parseAidFiles (build time)', () => {
	it('throws a ContentValidationError naming the file and the field', () => {
		const aid = validAid();
		delete aid.grid[0]?.answers.wait;
		const files = { './aids/statin-primary-prevention.en.json': aid };
		expect(() => parseAidFiles(files)).toThrow(ContentValidationError);
		expect(() => parseAidFiles(files)).toThrow(
			/aids\/statin-primary-prevention\.en\.json › grid\.0\.answers\.wait: missing an answer/
		);
	});
});

describe('importAid (run time)', () => {
	it('returns the aid for valid JSON', () => {
		const result = importAid(JSON.stringify(validAid()));
		expect(result.ok && result.value.id).toBe('statin-primary-prevention');
	});

	it('refuses text that is not JSON', () => {
		const result = importAid('{ not json', 'shared.json');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.type).toBe('invalid-json');
			expect(result.error.message).toMatch(/^shared\.json › \(root\): not valid JSON/);
		}
	});

	it('refuses a malformed aid with a message naming the field', () => {
		const { title: _t, ...rest } = validAid();
		const result = importAid(JSON.stringify(rest), 'shared.json');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.type).toBe('invalid-aid');
			expect(result.error.message).toContain('shared.json › title:');
		}
	});
});
