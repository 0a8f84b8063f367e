// The circle roster (issue 14 §6) end to end on SQLite and PostgreSQL, with the REAL circle
// commands on each device: Monique invites her GP and her daughter Léa; each confirmation makes
// her device sign and upload the member list. Léa's device checks it against the key it pinned
// for Monique and then verifies the GP's care-plan agreement. The server lets only the owner write
// it and only members read it (a stranger gets 403), refuses a version that does not go up; a
// lying server that replays an older list or alters one is refused by Léa's device with the
// reason, and the list she verified before stays in force. After Monique removes the GP, his key
// counts only for the signed records her device committed in the new list (none here, so neither
// an agreement he dated before leaving nor one dated after verifies).
import { expect, it } from 'vitest';
import { rosterResponseSchema } from '../../src/lib/contracts/circle';
import { signFields, sha256Text, verifyFields } from '../../src/lib/crypto/framed-signature';
import type { Grant } from '../../src/lib/domain/circle';
import type { SignedRoster } from '../../src/lib/domain/circle/roster';
import {
	agreementFields,
	canonicalContent,
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	readCarePlan,
	type CarePlanContent,
	type CarePlanRecord
} from '../../src/lib/domain/plan/care-plan';
import { ownerPin } from '../../src/lib/vault/pins';
import { signingIdentity } from '../../src/lib/vault/sharing-keys';
import type { DbHandle } from '../../server/db';
import { createCircleTestApp } from '../fixtures/circle/app';
import { commandsFor, device, joinWithCommands, type Device } from '../fixtures/circle/devices';
import { lyingServer, type LyingServer } from '../fixtures/lying-server-identity';
import { ORIGIN } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';

const PLAN: Grant = { category: 'plan', access: 'write', until: null };
const CONTENT: CarePlanContent = {
	needs: [{ id: 'n1', text: 'Breathless on the stairs' }],
	goals: [],
	actions: [],
	reviewDate: null
};

async function circleOfThree(get: () => { readonly handle: DbHandle }) {
	const app = createCircleTestApp(get().handle, Date.now());
	const monique = await device(app, marie);
	const gp = await device(app, claire);
	const lea = await device(app, claire);
	await joinWithCommands(monique, gp, [PLAN], 'Dr Martin');
	await joinWithCommands(monique, lea, [PLAN], 'Léa');
	const stranger = await device(app, claire);
	return { app, monique, gp, lea, stranger };
}

function lieTo(d: Device): LyingServer {
	const liar = lyingServer(d.server);
	d.server = liar.fetch;
	return liar;
}

async function getRoster(d: Device, circleId: string) {
	const response = await d.fetch(`/api/circles/${circleId}/roster`);
	return { status: response.status, json: (await response.json()) as unknown };
}

/** The GP's agreement to a version, signed on his device at `agreedAt`. */
async function agreement(gp: Device, circleId: string, agreedAt: number, id: string) {
	const identity = await signingIdentity(gp.vault);
	if (identity === null) throw new Error('locked');
	const contentHash = await sha256Text(canonicalContent(CONTENT));
	const signature = await signFields(
		identity.privateKey,
		agreementFields({ circleId, versionId: 'v1', contentHash, agreedAt })
	);
	return {
		id,
		kind: CARE_PLAN_AGREEMENT_KIND,
		hlc: `${String(agreedAt).padStart(15, '0')}-0000-gp`,
		deleted: false,
		author: gp.accountId,
		body: {
			schemaVersion: 1,
			versionId: 'v1',
			contentHash,
			agreedAt,
			identityKey: identity.identityKey,
			signature
		}
	} satisfies CarePlanRecord;
}

const versionRecord = (ownerId: string): CarePlanRecord => ({
	id: 'v1',
	kind: CARE_PLAN_VERSION_KIND,
	hlc: '000000000000001-0000-owner',
	deleted: false,
	author: ownerId,
	body: { schemaVersion: 1, parentId: null, createdAt: 1, content: CONTENT }
});

/** Léa's device reads the plan with the keys it trusts: Monique's pin, then the roster it kept. */
async function readOnLea(lea: Device, monique: Device, records: readonly CarePlanRecord[]) {
	const pin = await ownerPin(lea.vault, monique.circleId);
	const roster = await commandsFor(lea).rosterKeys(monique.circleId);
	return readCarePlan(records, {
		circleId: monique.circleId,
		ownerId: monique.accountId,
		pinnedKeyOf: (id) => (id === monique.accountId ? (pin?.identityKey ?? null) : roster(id)),
		crypto: { hash: sha256Text, verify: verifyFields }
	});
}

forEachDatabase('circle roster', (get) => {
	it('is signed by the person at each confirmation; only members read it, only she writes it', async () => {
		const { monique, gp, lea, stranger } = await circleOfThree(get);
		const served = await getRoster(lea, monique.circleId);
		expect(served.status).toBe(200);
		const signed = rosterResponseSchema.parse(served.json).signed;
		expect(signed?.roster.version).toBe(2);
		expect(signed?.roster.members.map((m) => m.label).toSorted()).toEqual(['Dr Martin', 'Léa']);
		expect((await getRoster(gp, monique.circleId)).status).toBe(200);
		expect((await getRoster(stranger, monique.circleId)).status).toBe(403);

		// Nothing changed: loading the circle publishes nothing new.
		expect(await commandsFor(monique).publishRoster(monique.circleId)).toEqual({
			ok: true,
			value: null
		});
		// A member cannot write it, and the owner cannot move it back.
		const put = (d: Device, body: unknown) =>
			d.fetch(`/api/circles/${monique.circleId}/roster`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json', origin: ORIGIN },
				body: JSON.stringify(body)
			});
		expect((await put(lea, { signed })).status).toBe(403);
		expect((await put(stranger, { signed })).status).toBe(403);
		const stale = await put(monique, { signed });
		expect(stale.status).toBe(409);
		expect(await stale.json()).toEqual({ error: { code: 'roster-stale' } });
	});

	it('lets the carer verify the GP’s agreement; says why not when the server lies', async () => {
		const { monique, gp, lea } = await circleOfThree(get);
		const records = [
			versionRecord(monique.accountId),
			await agreement(gp, monique.circleId, 5, 'a1')
		];
		const lea$ = commandsFor(lea);

		// Before asking for the roster, Léa's device does not know the GP's key.
		expect((await readOnLea(lea, monique, records)).agreements[0]).toMatchObject({
			type: 'not-verified',
			reason: 'unknown-signer'
		});
		const first = await lea$.refreshRoster(monique.circleId);
		expect(first).toMatchObject({ type: 'verified', roster: { version: 2 } });
		expect((await readOnLea(lea, monique, records)).agreements[0]).toMatchObject({
			type: 'agreed',
			signer: gp.accountId
		});

		// The server alters the list (swaps the GP's key for its own): refused, the kept one stays.
		const liar = lieTo(lea);
		liar.lie({
			method: 'GET',
			path: /\/roster$/u,
			rewrite: (json) => {
				const honest = rosterResponseSchema.parse(json).signed;
				if (honest === null) return json;
				const roster = {
					...honest.roster,
					version: honest.roster.version + 5,
					members: honest.roster.members.map((m) => ({ ...m, label: `${m.label}!` }))
				};
				return { signed: { ...honest, roster } };
			}
		});
		expect(await lea$.refreshRoster(monique.circleId)).toMatchObject({
			type: 'refused',
			refusal: { type: 'bad-signature' },
			kept: { version: 2 }
		});
		expect((await readOnLea(lea, monique, records)).agreements[0]?.type).toBe('agreed');
		liar.truth();

		// Monique removes the GP: version 3, with the time he left.
		const person = commandsFor(monique);
		const circle = await person.loadCircle(monique.circleId);
		if (!circle.ok) throw new Error('load');
		const gpMember = circle.value.members.find((m) => m.accountId === gp.accountId);
		if (gpMember === undefined) throw new Error('no gp');
		const older: SignedRoster | null = rosterResponseSchema.parse(
			(await getRoster(lea, monique.circleId)).json
		).signed;
		expect((await person.removeMember(monique.circleId, gpMember, circle.value.members)).ok).toBe(
			true
		);
		const third = await lea$.refreshRoster(monique.circleId);
		expect(third).toMatchObject({ type: 'verified', roster: { version: 3 } });
		const gpEntry =
			third.type === 'verified'
				? third.roster.members.find((m) => m.accountId === gp.accountId)
				: undefined;
		const leftAt = gpEntry?.until ?? null;
		expect(leftAt).not.toBeNull();

		// A former member's agreement counts only as a signed record Monique's device held when she
		// removed him (the roster's commitment, `seen`): a1 was never written through a device (no
		// record signature), so his own date on it proves nothing any more; a2, dated after, neither.
		expect(gpEntry?.seen).toEqual([]);
		const after = await agreement(gp, monique.circleId, (leftAt ?? 0) + 1, 'a2');
		const read = await readOnLea(lea, monique, [...records, after]);
		expect(read.agreements.find((a) => a.id === 'a1')).toMatchObject({
			type: 'not-verified',
			reason: 'signer-removed'
		});
		expect(read.agreements.find((a) => a.id === 'a2')).toMatchObject({
			type: 'not-verified',
			reason: 'signer-removed'
		});

		// The server replays version 2 (signed by Monique, so the signature holds): a rollback.
		liar.lie({ method: 'GET', path: /\/roster$/u, rewrite: () => ({ signed: older }) });
		expect(await lea$.refreshRoster(monique.circleId)).toMatchObject({
			type: 'refused',
			refusal: { type: 'rollback', seen: 3, got: 2 },
			kept: { version: 3 }
		});
		// Still version 3 in force: the later agreement stays refused.
		const again = await readOnLea(lea, monique, [...records, after]);
		expect(again.agreements.find((a) => a.id === 'a2')).toMatchObject({ reason: 'signer-removed' });
		liar.truth();
	});
});
