// A version with no author that is not verified as the person's is never read as hers on a
// member's device (issue 14, trust between members), whatever its kind. Monique's devices began
// signing at MARKER (signed into her roster). Bruno holds the `measurements` key and pushes three
// unsigned blood pressures with no author after the marker, to raise "outside target" (or to
// silence "no news"). Checked with real keys (`checkAuthors` with every kind, as a member's device
// does), they are set aside: no reading, no flag, no "changed since", no "last entry", in neither
// the full read nor the people digest; the summary lists them as not verified. Her own unsigned
// readings from before the marker and her signed ones after it stay hers.
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Text, signFields } from '../../../src/lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import { allFlags, DAY_MS } from '../../../src/lib/domain/care-team/flags';
import { digestData, peopleDigestOf } from '../../../src/lib/domain/care-team/people-digest';
import {
	changesSince,
	flagInputOf,
	readShared,
	type SharedRecord
} from '../../../src/lib/domain/care-team/shared-records';
import { personSummary } from '../../../src/lib/domain/care-team/summary';
import {
	OWNER_AUTHOR,
	statementFieldsOf,
	type OwnerTrust
} from '../../../src/lib/domain/circle/record-signature';
import { checkAuthors } from '../../../src/lib/state/record-authors';

const CIRCLE = 'circle-monique';
const OWNER = 'acc-monique';
const NOW = Date.UTC(2026, 11, 6, 12);
const daysAgo = (d: number) => NOW - d * DAY_MS;
const hlcAt = (ms: number, n: number) => `${String(ms).padStart(15, '0')}-0000-${String(n)}`;
/** When Monique's devices began signing (the marker her roster carries). */
const MARKER = hlcAt(daysAgo(30), 0);

let monique: { privateKey: CryptoKey; identityKey: string };
let owner: OwnerTrust;

beforeAll(async () => {
	const pair = await generateIdentityKeyPair();
	monique = {
		privateKey: pair.privateKey,
		identityKey: await exportIdentityPublicKey(pair.publicKey)
	};
	owner = { accountId: OWNER, identityKey: monique.identityKey, signedSince: MARKER };
});

let n = 0;
function reading(at: number, systolic: number): SharedRecord {
	n += 1;
	return {
		id: `bp-${String(n)}`,
		kind: 'measurement',
		category: 'measurements',
		at,
		hlc: hlcAt(at, n),
		deleted: false,
		body: {
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic, diastolic: 80 }
		}
	};
}

/** Signed by Monique's device (no author), as her own writes are since the marker. */
async function signedByMonique(r: SharedRecord): Promise<SharedRecord> {
	const fields = await statementFieldsOf(
		{ ...r, circleId: CIRCLE, author: OWNER_AUTHOR },
		sha256Text
	);
	return { ...r, signature: await signFields(monique.privateKey, fields) };
}

const target: SharedRecord = {
	id: 'target-1',
	kind: 'target-range',
	category: 'measurements',
	at: daysAgo(60),
	hlc: hlcAt(daysAgo(60), 0),
	deleted: false,
	body: {
		kind: 'target-range',
		at: daysAgo(60),
		metric: 'systolic',
		low: null,
		high: 140,
		setBy: 'person'
	}
};

/** What a member's device reads: the person's versions of every kind checked (real keys). */
const asMember = (records: readonly SharedRecord[]) =>
	checkAuthors(records, { circleId: CIRCLE, signerOf: () => null, owner, allKinds: true });

const context = { now: NOW, timeZone: 'Europe/Paris', seenAt: daysAgo(10), noNewsDays: 7 };

describe('unsigned versions with no author, after the marker, on a member’s device', () => {
	it('are set aside: no reading, no flag, no news, in the full read and in the digest', async () => {
		const old = reading(daysAgo(40), 128); // hers: unsigned, before the marker
		const mine = await signedByMonique(reading(daysAgo(8), 131)); // hers: signed
		const forged = [reading(daysAgo(3), 170), reading(daysAgo(2), 175), reading(daysAgo(1), 180)];
		const records = await asMember([target, old, mine, ...forged]);

		const data = readShared(records, OWNER);
		expect(data.entries.map((e) => e.id).sort()).toEqual([mine.id, old.id, target.id].sort());
		expect(data.unverified.map((u) => u.id).sort()).toEqual(forged.map((f) => f.id).sort());
		expect(data.unverified[0]?.writer).toEqual({
			type: 'not-verified',
			accountId: OWNER,
			reason: 'unsigned'
		});
		expect(data.lastEntryAt).toBe(mine.at);
		expect(changesSince(data, context.seenAt).total).toBe(1);
		const flags = allFlags(flagInputOf(data, context)).map((f) => f.kind);
		expect(flags).not.toContain('out-of-range');
		expect(flags).toContain('no-news');

		// The people digest ("My people") reads the same: its times come from every week.
		const digest = peopleDigestOf({
			records,
			times: records.map((r) => ({ category: r.category, at: r.at })),
			ownerId: OWNER,
			readable: ['measurements'],
			computedAt: NOW
		});
		expect(digest.lastEntryAt).toBe(mine.at);
		expect(digest.records.map((r) => r.id)).not.toContain(forged[0]?.id);
		expect(allFlags(flagInputOf(digestData(digest), context)).map((f) => f.kind)).toEqual(flags);

		// The summary draws no trend from them and lists them as not verified.
		const summary = personSummary(data, ['measurements'], context);
		expect(summary.unverified).toHaveLength(3);
		const systolic = summary.trends.find(
			(t) => t.subject.type === 'metric' && t.subject.metric === 'systolic'
		);
		expect(systolic?.windows.find((w) => w.days === 30)?.max).toBe(131);
	});

	it('a signature that is not hers is set aside too; before the marker, unsigned is hers', async () => {
		const forged = { ...(await signedByMonique(reading(daysAgo(2), 190))), at: daysAgo(1) };
		const early = reading(daysAgo(31), 150);
		const records = await asMember([forged, early]);
		const data = readShared(records, OWNER);
		expect(data.unverified.map((u) => [u.id, u.writer.reason])).toEqual([
			[forged.id, 'bad-signature']
		]);
		expect(data.entries.map((e) => e.id)).toEqual([early.id]);
	});
});
