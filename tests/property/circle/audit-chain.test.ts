// Tamper detection of the access log: altering, deleting, reordering or inserting any one entry of
// a valid chain is detected by verifyChain (deleting the newest one needs the stored head), with
// and without the optional member `target`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	AUDIT_ACTIONS,
	nextAuditEntry,
	verifyChain,
	type AuditEntry,
	type AuditFields
} from '$lib/domain/audit';

const fieldsArb: fc.Arbitrary<AuditFields> = fc.record(
	{
		circleId: fc.constant('c1'),
		actor: fc.constantFrom('marie', 'claire', 'nurse'),
		subject: fc.constant('marie'),
		target: fc.constantFrom('claire', 'nurse'),
		category: fc.constantFrom(null, 'medications' as const, 'symptoms' as const),
		action: fc.constantFrom(...AUDIT_ACTIONS),
		at: fc.integer({ min: 0, max: 2 ** 42 })
	},
	{ requiredKeys: ['circleId', 'actor', 'subject', 'category', 'action', 'at'] }
);

const chain = (fields: readonly AuditFields[]): AuditEntry[] =>
	fields.reduce<AuditEntry[]>((acc, f) => [...acc, nextAuditEntry(acc.at(-1) ?? null, f)], []);

const chainArb = fc.array(fieldsArb, { minLength: 2, maxLength: 12 }).map(chain);

describe('audit chain', () => {
	it('accepts an untouched chain with its head', () => {
		fc.assert(
			fc.property(chainArb, (entries) => {
				const last = entries.at(-1);
				expect(verifyChain(entries, last && { seq: last.seq, hash: last.hash })).toEqual({
					ok: true
				});
			})
		);
	});

	it('detects an altered entry', () => {
		const alter = fc.constantFrom('actor', 'category', 'action', 'at', 'subject', 'target');
		fc.assert(
			fc.property(chainArb, fc.nat(), alter, (entries, n, field) => {
				const i = n % entries.length;
				const e = entries[i];
				if (e === undefined) return;
				const changed: AuditEntry =
					field === 'at'
						? { ...e, at: e.at + 1 }
						: field === 'category'
							? { ...e, category: e.category === 'notes' ? null : 'notes' }
							: field === 'action'
								? { ...e, action: e.action === 'pulled' ? 'granted' : 'pulled' }
								: field === 'target'
									? // Adding, changing or removing the member an entry is about.
										e.target === undefined
										? { ...e, target: 'claire' }
										: e.target === 'claire'
											? { ...e, target: 'nurse' }
											: { ...e, target: undefined }
									: { ...e, [field]: `${e[field]}x` };
				const tampered = entries.map((x, j) => (j === i ? changed : x));
				expect(verifyChain(tampered).ok).toBe(false);
			})
		);
	});

	it('detects a deleted, reordered or inserted entry', () => {
		fc.assert(
			fc.property(chainArb, fc.nat(), fieldsArb, (entries, n, extra) => {
				const i = n % entries.length;
				const last = entries.at(-1);
				if (last === undefined) return;
				const head = { seq: last.seq, hash: last.hash };
				const deleted = entries.filter((_, j) => j !== i);
				expect(verifyChain(deleted, head).ok).toBe(false);
				const j = (i + 1) % entries.length;
				const swapped = entries.map((x, k) => (k === i ? entries[j] : k === j ? entries[i] : x));
				expect(verifyChain(swapped.filter((x) => x !== undefined)).ok).toBe(false);
				// Inserted before the newest entry (appending after it is how the log grows).
				const at = n % (entries.length - 1);
				const forged = nextAuditEntry(entries[at] ?? null, extra);
				const inserted = [...entries.slice(0, at + 1), forged, ...entries.slice(at + 1)];
				expect(verifyChain(inserted, head).ok).toBe(false);
			})
		);
	});
});
