// The access log's optional `target` (the member an entry is about): entries without one hash
// exactly as before it existed (old chains still verify), entries with one hash it, so altering,
// adding or removing a target breaks the chain; the member's name comes from the circle's list.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	GENESIS_HASH,
	auditEntrySchema,
	describeAuditEntry,
	hashAuditEntry,
	nextAuditEntry,
	verifyChain,
	type AuditEntry,
	type AuditFields,
	type AuditMember
} from '$lib/domain/audit';

const AT = Date.UTC(2025, 10, 3, 17, 2);

const chainOf = (fields: readonly AuditFields[]): AuditEntry[] =>
	fields.reduce<AuditEntry[]>((acc, f) => [...acc, nextAuditEntry(acc.at(-1) ?? null, f)], []);

const base = { circleId: 'c1', subject: 'marie', at: AT } as const;

const FIELDS: readonly AuditFields[] = [
	{ ...base, actor: 'marie', category: null, action: 'invited' },
	{ ...base, actor: 'claire', target: 'claire', category: null, action: 'invitation-accepted' },
	{ ...base, actor: 'marie', target: 'claire', category: 'medications', action: 'granted' },
	{ ...base, actor: 'claire', category: 'medications', action: 'pulled' },
	{ ...base, actor: 'marie', target: 'claire', category: 'medications', action: 'revoked' },
	{ ...base, actor: 'marie', target: 'claire', category: null, action: 'member-removed' }
];

const headOf = (entries: readonly AuditEntry[]) => {
	const last = entries.at(-1);
	if (last === undefined) throw new Error('empty chain');
	return { seq: last.seq, hash: last.hash };
};

describe('audit entries with a target', () => {
	it('hashes an entry without a target exactly as before targets existed', () => {
		const entry = nextAuditEntry(null, {
			...base,
			actor: 'marie',
			category: 'medications',
			action: 'granted'
		});
		expect('target' in entry).toBe(false);
		// The wire format written before `target`: sorted keys, no target key at all.
		const before =
			'{"action":"granted","actor":"marie","at":' +
			String(AT) +
			',"category":"medications","circleId":"c1","prevHash":"' +
			GENESIS_HASH +
			'","seq":1,"subject":"marie"}';
		expect(entry.hash).toBe(createHash('sha256').update(before, 'utf8').digest('hex'));
	});

	it('makes the target part of the hash when present', () => {
		const entry = nextAuditEntry(null, {
			...base,
			actor: 'marie',
			target: 'claire',
			category: 'medications',
			action: 'granted'
		});
		expect(entry.target).toBe('claire');
		const withTarget =
			'{"action":"granted","actor":"marie","at":' +
			String(AT) +
			',"category":"medications","circleId":"c1","prevHash":"' +
			GENESIS_HASH +
			'","seq":1,"subject":"marie","target":"claire"}';
		expect(entry.hash).toBe(createHash('sha256').update(withTarget, 'utf8').digest('hex'));
	});

	it('verifies a chain mixing entries with and without targets, and an old chain with none', () => {
		const mixed = chainOf(FIELDS);
		expect(verifyChain(mixed, headOf(mixed))).toEqual({ ok: true });
		const old = chainOf(FIELDS.map(({ target: _target, ...rest }) => rest));
		expect(old.every((e) => !('target' in e))).toBe(true);
		expect(verifyChain(old, headOf(old))).toEqual({ ok: true });
		// Old entries as read back from the wire: no `target` key survives parsing.
		const parsed = old.map((e) => auditEntrySchema.parse(JSON.parse(JSON.stringify(e))));
		expect(verifyChain(parsed, headOf(parsed))).toEqual({ ok: true });
	});

	it('detects an altered, added or removed target', () => {
		const entries = chainOf(FIELDS);
		const tamper = (i: number, change: (e: AuditEntry) => AuditEntry) =>
			verifyChain(entries.map((e, j) => (j === i ? change(e) : e)));
		expect(tamper(2, (e) => ({ ...e, target: 'paul' }))).toEqual({
			ok: false,
			error: { type: 'hash-mismatch', seq: 3 }
		});
		expect(tamper(3, (e) => ({ ...e, target: 'claire' }))).toEqual({
			ok: false,
			error: { type: 'hash-mismatch', seq: 4 }
		});
		expect(tamper(5, ({ target: _target, ...e }) => e)).toEqual({
			ok: false,
			error: { type: 'hash-mismatch', seq: 6 }
		});
	});

	it('rejects a null target on the wire (an absent field is the only "no target")', () => {
		const [entry] = chainOf(FIELDS.slice(0, 1));
		if (entry === undefined) throw new Error('chain');
		expect(auditEntrySchema.safeParse({ ...entry, target: null }).success).toBe(false);
		const { hash, ...unhashed } = entry;
		expect(hashAuditEntry({ ...unhashed, target: undefined })).toBe(hash);
	});

	it('names the target from the member list, and says nothing of a member no longer in it', () => {
		const members = new Map<string, AuditMember>([
			['marie', { accountId: 'marie', label: '', role: 'owner' }],
			['claire', { accountId: 'claire', label: 'Claire', role: 'carer' }]
		]);
		const entries = chainOf(FIELDS);
		const lines = entries.map((e) => describeAuditEntry(e, members));
		expect(lines[0]?.target).toBeNull();
		expect(lines[1]?.target).toEqual({ name: 'Claire', role: 'carer', isActor: true });
		expect(lines[2]?.target).toEqual({ name: 'Claire', role: 'carer', isActor: false });
		expect(lines[3]?.target).toBeNull();
		const removed = entries[5];
		if (removed === undefined) throw new Error('chain');
		expect(describeAuditEntry(removed, new Map()).target).toEqual({
			name: null,
			role: null,
			isActor: false
		});
	});
});
