// The access log must extend the head this device verified before (issue 12 §8).
import { describe, expect, it } from 'vitest';
import { nextAuditEntry, type AuditEntry } from '$lib/domain/audit';
import { extendsPinnedHead } from '$lib/domain/audit/pinned';

const fields = (at: number) => ({
	circleId: 'c1',
	actor: 'a1',
	subject: 'a1',
	category: null,
	action: 'invited' as const,
	at
});

function chain(ats: readonly number[]): AuditEntry[] {
	const out: AuditEntry[] = [];
	for (const at of ats) out.push(nextAuditEntry(out.at(-1) ?? null, fields(at)));
	return out;
}

describe('extendsPinnedHead', () => {
	const log = chain([1, 2, 3]);
	const head = (e: AuditEntry | undefined) => ({ seq: e?.seq ?? 0, hash: e?.hash ?? '' });

	it('accepts a first log and a longer log through the pinned entry, and names the head to pin', () => {
		expect(extendsPinnedHead(log, null)).toEqual({ ok: true, head: head(log[2]) });
		expect(extendsPinnedHead(log, head(log[1]))).toEqual({ ok: true, head: head(log[2]) });
		expect(extendsPinnedHead([], null)).toEqual({ ok: true, head: null });
	});

	it('refuses a log whose pinned entry changed or is gone, even when the log chains', () => {
		const rewritten = chain([1, 9, 3]);
		expect(extendsPinnedHead(rewritten, head(log[1]))).toEqual({ ok: false, seq: 2 });
		expect(extendsPinnedHead(log.slice(0, 1), head(log[1]))).toEqual({ ok: false, seq: 2 });
		expect(extendsPinnedHead([], head(log[0]))).toEqual({ ok: false, seq: 1 });
	});
});
