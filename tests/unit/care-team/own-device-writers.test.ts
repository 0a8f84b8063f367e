// On the person's own device, a version with no author of ANY kind is checked as hers wherever
// someone else can, or could, write (issue 14, trust between members; `record-authors.ts`
// `writableByOthers`, `vault/circle-writers.ts`). Monique's real vault signs her measurements;
// Bruno, a carer with write on `measurements`, pushes an unsigned blood pressure with no author
// after her marker. On her device it is left out of the chart's readings and listed as not
// verified, while her own signed ones count. A category nobody else could ever write runs no
// check at all (no verification, the very same array back), and a former member who had write
// keeps the category checked after she left, as does one the roster lists whose grants this
// device never received.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { signFields } from '../../../src/lib/crypto/framed-signature';
import { splitOwnChecked } from '../../../src/lib/domain/care-team/own-checked';
import { rosterFields, type Roster } from '../../../src/lib/domain/circle/roster';
import { mergeSeries, metricSeriesKey } from '../../../src/lib/domain/journal/digest';
import { seriesDigestQuery } from '../../../src/lib/state/journal-digest';
import type { JournalRecord } from '../../../src/lib/domain/journal/entries';
import { checkAuthorsIn, writableByOthers } from '../../../src/lib/state/record-authors';
import { noteWriters, snapshotCacheName } from '../../../src/lib/vault/circle-writers';
import { saveLocalSecret } from '../../../src/lib/vault/local-secret';
import { toJournalRecord } from '../../../src/lib/vault/repos/journal';
import { keepRoster, ROSTER_KIND } from '../../../src/lib/vault/roster-pin';
import {
	CIRCLE_SECRET_PREFIXES,
	ROSTER_RECORD_KIND,
	hasCircleHistory
} from '../../../src/lib/vault/circle-history';
import { signingIdentity } from '../../../src/lib/vault/sharing-keys';
import type { Vault } from '../../../src/lib/vault/vault';

// Every ECDSA verification the checks run, counted (the real one still answers).
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/lib/crypto/framed-signature', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../../src/lib/crypto/framed-signature')>();
	return {
		...real,
		verifyFields: (...args: Parameters<typeof real.verifyFields>) => {
			verifications.count += 1;
			return real.verifyFields(...args);
		}
	};
});

const MONIQUE = 'acc-monique';
const BRUNO = 'acc-bruno';
const LEA = 'acc-lea';
const HOUR = 3_600_000;

interface Setup {
	readonly vault: Vault;
	readonly view: {
		readonly circleId: string;
		readonly isOwner: true;
		readonly me: string;
		readonly ownerId: string;
	};
	readonly identity: { readonly identityKey: string; readonly privateKey: CryptoKey };
}

function bpOp(at: number, systolic: number) {
	return {
		type: 'put' as const,
		kind: 'measurement',
		category: 'measurements' as const,
		at,
		body: {
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic, diastolic: 80 }
		}
	};
}

/** Monique's vault: her identity, then two readings her device signs (which sets her marker). */
async function moniqueVault(): Promise<Setup> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	const identity = await signingIdentity(vault);
	if (identity === null) throw new Error('no identity');
	const now = Date.now();
	const saved = await vault.commit([bpOp(now - 3 * HOUR, 128), bpOp(now - 2 * HOUR, 131)]);
	expect(saved.ok).toBe(true);
	const circleId = (await vault.header())?.circleId ?? '';
	return { vault, identity, view: { circleId, isOwner: true, me: MONIQUE, ownerId: MONIQUE } };
}

/** Her readings as her charts read them (the vault's own records). */
async function herReadings(vault: Vault): Promise<readonly JournalRecord[]> {
	const rows = await vault.query({ category: 'measurements', kinds: ['measurement'] });
	return rows.flatMap((r) => {
		const record = toJournalRecord(r);
		return record === null ? [] : [record];
	});
}

/** Bruno's version: no author, no signature, written now (after her marker), claiming to be hers. */
function brunoReading(circleId: string): JournalRecord {
	const at = Date.now() - HOUR;
	const rows = {
		id: 'bp-bruno',
		kind: 'measurement',
		category: 'measurements' as const,
		at,
		hlc: `${String(Date.now() + 60_000).padStart(15, '0')}-0000-00000000000000bb`,
		deleted: false,
		circleId,
		body: {
			kind: 'measurement',
			at,
			measurement: { type: 'blood-pressure', systolic: 190, diastolic: 80 }
		}
	};
	const record = toJournalRecord(rows);
	if (record === null) throw new Error('not a journal record');
	return record;
}

const member = (accountId: string, access: 'read' | 'write', category = 'measurements') => ({
	accountId,
	role: 'carer',
	label: accountId,
	status: 'active' as const,
	joinedAt: 1,
	publicKey: null,
	identityKey: null,
	grants: [{ category, access, until: null }]
});

/** The member list as `loadCircle` keeps it (the cached list) and adds it to the ledger. */
async function receivedList(s: Setup, members: readonly ReturnType<typeof member>[]) {
	const list = [{ ...member(MONIQUE, 'write'), role: 'owner', grants: null }, ...members];
	await saveLocalSecret(
		s.vault,
		snapshotCacheName(s.view.circleId),
		new TextEncoder().encode(JSON.stringify({ members: list, invitations: [] }))
	);
	await noteWriters(s.vault, s.view.circleId, list);
}

/** The systolic readings her chart draws from `records` once her device has checked them. */
async function chartOf(s: Setup, records: readonly JournalRecord[]) {
	const checked = await checkAuthorsIn(s.vault, s.view, records);
	const split = splitOwnChecked(checked);
	// As her charts draw it: the digest the vault computes, from the records that count only.
	const digest = seriesDigestQuery('measurements').compute(
		split.kept.map((r) => ({ ...r, circleId: '' }))
	);
	const systolic = mergeSeries([digest], metricSeriesKey('systolic')).map((p) => p.value);
	return { systolic, unverified: split.unverified };
}

beforeEach(() => {
	verifications.count = 0;
});

describe("the person's own device, where a member can write a category", () => {
	it('leaves out and marks an unsigned version with no author after her marker', async () => {
		const s = await moniqueVault();
		await receivedList(s, [member(BRUNO, 'write')]);
		const records = [...(await herReadings(s.vault)), brunoReading(s.view.circleId)];
		expect(records.every((r) => r.author === undefined)).toBe(true);

		const { systolic, unverified } = await chartOf(s, records);

		expect(systolic).toEqual([128, 131]);
		expect(unverified.map((u) => [u.id, u.category, u.writer.type, u.writer.reason])).toEqual([
			['bp-bruno', 'measurements', 'not-verified', 'unsigned']
		]);
		// Her two readings were verified against her identity key (real ECDSA signatures).
		expect(verifications.count).toBe(2);
		const checked = await checkAuthorsIn(s.vault, s.view, records);
		// Checked (the field is set) and hers (null: no failure).
		expect(checked.filter((r) => r.authorCheck === null)).toHaveLength(2);
		expect(await writableByOthers(s.vault, s.view)).toEqual(new Set(['measurements']));
	});

	it('checks from the cached member list alone (before any ledger), and not what Bruno reads only', async () => {
		const s = await moniqueVault();
		const list = [member(BRUNO, 'write', 'measurements'), member(LEA, 'read', 'symptoms')];
		await saveLocalSecret(
			s.vault,
			snapshotCacheName(s.view.circleId),
			new TextEncoder().encode(JSON.stringify({ members: list, invitations: [] }))
		);
		expect(await writableByOthers(s.vault, s.view)).toEqual(new Set(['measurements']));
		const { systolic } = await chartOf(s, [
			...(await herReadings(s.vault)),
			brunoReading(s.view.circleId)
		]);
		expect(systolic).toEqual([128, 131]);
	});
});

describe('a category nobody but her could ever write', () => {
	it('runs no check: no verification, the same records back', async () => {
		const s = await moniqueVault();
		// Bruno reads her measurements and writes her symptoms: measurements stay hers alone.
		await receivedList(s, [
			{
				...member(BRUNO, 'read'),
				grants: [
					{ category: 'measurements', access: 'read', until: null },
					{ category: 'symptoms', access: 'write', until: null }
				]
			}
		]);
		const records = [...(await herReadings(s.vault)), brunoReading(s.view.circleId)];

		const checked = await checkAuthorsIn(s.vault, s.view, records);

		expect(checked).toBe(records);
		expect(verifications.count).toBe(0);
		expect(checked.some((r) => r.authorCheck !== undefined)).toBe(false);
	});
});

describe('a former member who had write', () => {
	it('keeps the category checked after she left the list', async () => {
		const s = await moniqueVault();
		await receivedList(s, [member(LEA, 'write')]);
		// Léa is removed: the next list no longer names her.
		await receivedList(s, [member(BRUNO, 'read')]);

		expect(await writableByOthers(s.vault, s.view)).toEqual(new Set(['measurements']));
		const { systolic, unverified } = await chartOf(s, [
			...(await herReadings(s.vault)),
			brunoReading(s.view.circleId)
		]);
		expect(systolic).toEqual([128, 131]);
		expect(unverified.map((u) => u.id)).toEqual(['bp-bruno']);
	});

	it('checks every category for one her signed roster lists whose grants this device never received', async () => {
		const s = await moniqueVault();
		await receivedList(s, [member(BRUNO, 'read')]);
		const roster: Roster = {
			circleId: s.view.circleId,
			version: 1,
			issuedAt: Date.now(),
			members: [
				{
					accountId: LEA,
					role: 'nurse',
					label: 'Léa',
					identityKey: s.identity.identityKey,
					until: Date.now() - HOUR,
					seen: []
				}
			]
		};
		const signature = await signFields(s.identity.privateKey, rosterFields(roster));
		expect(await keepRoster(s.vault, { roster, signature }, Date.now())).toBe(true);

		const categories = await writableByOthers(s.vault, s.view);
		expect(categories.has('measurements')).toBe(true);
		expect(categories.has('symptoms')).toBe(true);
		const { systolic } = await chartOf(s, [
			...(await herReadings(s.vault)),
			brunoReading(s.view.circleId)
		]);
		expect(systolic).toEqual([128, 131]);
	});
});

describe('whether her device loads the check at all (vault/circle-history.ts)', () => {
	it('names the secrets and the roster kind as the modules that write them', () => {
		expect(CIRCLE_SECRET_PREFIXES).toContain(`local-secret:${snapshotCacheName('')}`);
		expect(ROSTER_RECORD_KIND).toBe(ROSTER_KIND);
	});

	it('says no on a journal that never received a member list, ledger or roster', async () => {
		const s = await moniqueVault();
		expect(await hasCircleHistory(s.vault)).toBe(false);
		expect(await writableByOthers(s.vault, s.view)).toEqual(new Set());
	});

	it('says yes once a ledger of writers is kept, even with no member list', async () => {
		const s = await moniqueVault();
		await noteWriters(s.vault, s.view.circleId, [member(BRUNO, 'write')]);
		expect(await hasCircleHistory(s.vault)).toBe(true);
		expect((await writableByOthers(s.vault, s.view)).has('measurements')).toBe(true);
	});

	it('says yes once a member list is received', async () => {
		const s = await moniqueVault();
		await receivedList(s, [member(BRUNO, 'read')]);
		expect(await hasCircleHistory(s.vault)).toBe(true);
	});

	it('says yes once she keeps a signed roster, with no list or ledger', async () => {
		const s = await moniqueVault();
		const roster: Roster = {
			circleId: s.view.circleId,
			version: 1,
			issuedAt: Date.now(),
			members: []
		};
		const signature = await signFields(s.identity.privateKey, rosterFields(roster));
		expect(await keepRoster(s.vault, { roster, signature }, Date.now())).toBe(true);
		expect(await hasCircleHistory(s.vault)).toBe(true);
	});
});
