// A removed member cannot backdate a task event to have it counted (issue 14, trust between
// members): with real identity signatures, Léa's completion that the person's device held when it
// removed her (committed in the roster's `seen`) closes the task; one the roster does not commit —
// pulled late, or written after the removal with an HLC set before `until` — is shown but never
// counted, whatever its date, and says it reached the circle after she left.
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Text, signFields, verifyFields } from '../../../src/lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import {
	checkRecordAuthor,
	statementDigest,
	statementFieldsOf,
	type RecordStatement,
	type TrustedSigner
} from '../../../src/lib/domain/circle/record-signature';
import type { Task } from '../../../src/lib/domain/plan';
import { recordsToStates, type PlanRecord } from '../../../src/lib/domain/plan/board';

const CIRCLE = 'circle-monique';
const crypto = { hash: sha256Text, verify: verifyFields };
/** Léa was removed at this time (ms). */
const UNTIL = 1_764_000_000_000;
const hlcAt = (ms: number, n: number) => `${String(ms).padStart(15, '0')}-0000-${String(n)}`;

const task: Task = {
	id: 'task-1',
	title: 'Pharmacy on Friday',
	details: '',
	dueDate: '2026-11-27',
	dueTime: null,
	place: '',
	kind: 'pharmacy',
	recurrence: { freq: 'none' },
	assignee: null,
	createdBy: 'marie'
};

let privateKey: CryptoKey;
let identityKey: string;

beforeAll(async () => {
	const pair = await generateIdentityKeyPair();
	privateKey = pair.privateKey;
	identityKey = await exportIdentityPublicKey(pair.publicKey);
});

/** Léa's completion of the task, signed by her device with `hlc` (her own clock). */
function completion(hlc: string): RecordStatement {
	const id = `ev-${hlc}`;
	return {
		circleId: CIRCLE,
		category: 'plan',
		id,
		hlc,
		deleted: false,
		author: 'lea',
		kind: 'task-event',
		at: UNTIL - 60_000,
		body: { type: 'complete', id, taskId: 'task-1', hlc: '', actor: 'lea' }
	};
}

/** What this device reads of `statements` when Léa's roster entry commits `committed`. */
async function boardWith(statements: readonly RecordStatement[], committed: readonly string[]) {
	const lea: TrustedSigner = { identityKey, until: UNTIL, seen: new Set(committed) };
	const records: PlanRecord[] = [
		{ id: 'task-1', kind: 'task', hlc: '0001', deleted: false, body: task }
	];
	for (const s of statements) {
		const signature = await signFields(privateKey, await statementFieldsOf(s, sha256Text));
		const authorCheck = await checkRecordAuthor(
			{ ...s, signature },
			{ circleId: CIRCLE, signerOf: (id) => (id === 'lea' ? lea : null), crypto }
		);
		records.push({ ...s, signature, authorCheck });
	}
	return recordsToStates(records, 'marie', { checked: true });
}

const digestOf = async (s: RecordStatement) =>
	statementDigest(await statementFieldsOf(s, sha256Text), sha256Text);

describe('a former member’s task events', () => {
	it('committed by the roster (the person held it when she removed Léa): counted', async () => {
		const done = completion(hlcAt(UNTIL - 60_000, 1));
		const [state] = await boardWith([done], [await digestOf(done)]);
		expect(state?.status).toBe('done');
		expect(state?.completedBy).toBe('lea');
		expect(state?.uncounted).toBeUndefined();
	});

	it('not committed, backdated before she left: not counted, and said why', async () => {
		const backdated = completion(hlcAt(UNTIL - 3_600_000, 2));
		const [state] = await boardWith([backdated], []);
		expect(state?.status).toBe('open');
		expect(state?.completedBy).toBeNull();
		expect(state?.uncounted).toEqual([
			{
				type: 'complete',
				hlc: backdated.hlc,
				writer: { type: 'not-verified', accountId: 'lea', reason: 'arrived-after-leaving' }
			}
		]);
	});

	it('not committed, signed after she left: not counted either', async () => {
		const late = completion(hlcAt(UNTIL + 1, 3));
		const [state] = await boardWith([late], []);
		expect(state?.status).toBe('open');
		expect(state?.uncounted?.[0]?.writer.reason).toBe('after-leaving');
	});
});
