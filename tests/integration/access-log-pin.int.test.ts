// The access log rewritten by a lying server (issue 12 §8), on SQLite and PostgreSQL: the real
// circle handlers behind tests/fixtures/rewriting-server.ts, and the person's real vault
// (fake-indexeddb) keeping the last head it verified. A log rewritten consistently (an entry
// removed, every later hash and the head recomputed) passes `verifyChain`, and is caught because
// it no longer extends the pinned head; it is never pinned, so the honest log still verifies.
import { expect, it } from 'vitest';
import * as z from 'zod';
import { auditLogResponseSchema } from '../../src/lib/contracts/circle';
import { nextAuditEntry, verifyChain, type AuditEntry } from '../../src/lib/domain/audit';
import { checkAgainstPin, pinnedAuditHead } from '../../src/lib/vault/audit-pin';
import { createCircleTestApp, invite, participant } from '../fixtures/circle/app';
import { createRewritingServer } from '../fixtures/rewriting-server';
import { apiRequest } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { makeVault, PASSPHRASE } from '../fixtures/vault';

/** The chain rebuilt from `entries` as a server would write it anew: seqs, links, hashes. */
function rechain(entries: readonly AuditEntry[]): AuditEntry[] {
	const out: AuditEntry[] = [];
	for (const e of entries) {
		out.push(
			nextAuditEntry(out.at(-1) ?? null, {
				circleId: e.circleId,
				actor: e.actor,
				subject: e.subject,
				...(e.target === undefined ? {} : { target: e.target }),
				category: e.category,
				action: e.action,
				at: e.at
			})
		);
	}
	return out;
}

forEachDatabase('access log against the pinned head', (get) => {
	it('a log rewritten consistently is caught by the person’s device and never pinned', async () => {
		const app = createCircleTestApp(get().handle);
		const server = createRewritingServer(app);
		const person = await participant(app);
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const load = async () => {
			const response = await server.fetch(
				apiRequest('GET', `/api/circles/${person.circleId}/audit`, { cookie: person.cookie })
			);
			const log = auditLogResponseSchema.parse(await response.json());
			const chain = verifyChain(log.entries, log.head);
			return {
				log,
				chain,
				pin: await checkAgainstPin(vault, person.circleId, log.entries, chain.ok)
			};
		};

		await invite(app, person);
		await invite(app, person);
		const first = await load();
		expect(first.chain).toEqual({ ok: true });
		expect(first.pin.ok).toBe(true);
		expect(await pinnedAuditHead(vault, person.circleId)).toEqual({
			seq: 2,
			hash: first.log.entries[1]?.hash
		});
		await invite(app, person);
		expect((await load()).pin.ok).toBe(true);
		const pinned = await pinnedAuditHead(vault, person.circleId);
		expect(pinned?.seq).toBe(3);

		// The server drops the second entry and recomputes the chain and its head.
		server.rewrite('GET', /\/audit$/, (body) => {
			const parsed = z.looseObject({ entries: z.array(z.unknown()) }).parse(body);
			const entries = auditLogResponseSchema.shape.entries.parse(parsed.entries);
			const forged = rechain(entries.filter((e) => e.seq !== 2));
			const last = forged.at(-1);
			return { ...parsed, entries: forged, head: { seq: last?.seq ?? 0, hash: last?.hash } };
		});
		const rewritten = await load();
		expect(rewritten.chain).toEqual({ ok: true });
		expect(rewritten.pin).toEqual({ ok: false, seq: 3 });
		expect(await pinnedAuditHead(vault, person.circleId)).toEqual(pinned);

		server.clear();
		const honest = await load();
		expect(honest.pin.ok).toBe(true);
	}, 120_000);
});
