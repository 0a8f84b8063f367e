// The care plan's versions and agreements (issue 14 §6), with real WebCrypto keys: the current
// plan is the newest version by HLC; an agreement counts only when its signature verifies under
// the identity key pinned for its writer AND the version's content hashes to what was signed.
// A tampered hash, a signature by a key that is not pinned, an agreement moved to another version
// and a version rewritten after it was agreed all read "not verified", with the reason.
import { describe, expect, it } from 'vitest';
import { signFields, sha256Text, verifyFields } from '../../../src/lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import {
	agreementFields,
	agreementsOf,
	canonicalContent,
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	parseCarePlanForm,
	readCarePlan,
	type CarePlanAgreementBody,
	type CarePlanContent,
	type CarePlanRecord,
	type CarePlanVersionBody
} from '../../../src/lib/domain/plan/care-plan';

const CIRCLE = 'circle-monique';
const OWNER = 'acc-monique';
const GP = 'acc-dr-martin';
const CARER = 'acc-lea';
const crypto = { hash: sha256Text, verify: verifyFields };

const first: CarePlanContent = {
	needs: [{ id: 'n1', text: 'Breathless when climbing stairs' }],
	goals: [{ id: 'g1', text: 'Walk to the market', goalId: 'goal-record-1' }],
	actions: [
		{ id: 'a1', what: 'Weigh every morning', who: { type: 'person' }, taskId: null, due: null },
		{
			id: 'a2',
			what: 'Pharmacy on Friday',
			who: { type: 'member', id: CARER },
			taskId: 'task-1',
			due: '2026-12-11'
		}
	],
	reviewDate: '2027-03-01'
};
const second: CarePlanContent = { ...first, reviewDate: '2027-02-01' };

const version = (
	id: string,
	hlc: string,
	content: CarePlanContent,
	author?: string
): CarePlanRecord => ({
	id,
	kind: CARE_PLAN_VERSION_KIND,
	hlc,
	deleted: false,
	...(author === undefined ? {} : { author }),
	body: {
		schemaVersion: 1,
		parentId: null,
		createdAt: 1,
		content
	} satisfies CarePlanVersionBody
});

async function gp() {
	const pair = await generateIdentityKeyPair();
	return {
		privateKey: pair.privateKey,
		identityKey: await exportIdentityPublicKey(pair.publicKey)
	};
}

async function agreement(
	signer: Awaited<ReturnType<typeof gp>>,
	versionId: string,
	content: CarePlanContent,
	override: Partial<CarePlanAgreementBody> = {}
): Promise<CarePlanRecord> {
	const contentHash = await sha256Text(canonicalContent(content));
	const agreedAt = 1_800_000_000_000;
	const signature = await signFields(
		signer.privateKey,
		agreementFields({ circleId: CIRCLE, versionId, contentHash, agreedAt })
	);
	return {
		id: `agreement-${versionId}`,
		kind: CARE_PLAN_AGREEMENT_KIND,
		hlc: '000000000000003-0000-0000000000000000',
		deleted: false,
		author: GP,
		body: {
			schemaVersion: 1,
			versionId,
			contentHash,
			agreedAt,
			identityKey: signer.identityKey,
			signature,
			...override
		} satisfies CarePlanAgreementBody
	};
}

const read = (records: readonly CarePlanRecord[], pins: Record<string, string>) =>
	readCarePlan(records, {
		circleId: CIRCLE,
		ownerId: OWNER,
		pinnedKeyOf: (id) => pins[id] ?? null,
		crypto
	});

const HLC1 = '000000000000001-0000-0000000000000000';
const HLC2 = '000000000000002-0000-0000000000000000';

describe('care plan versions', () => {
	it('the current plan is the newest version by HLC, each with its author', async () => {
		const view = await read([version('v2', HLC2, second, GP), version('v1', HLC1, first)], {});
		expect(view.versions.map((v) => [v.id, v.author])).toEqual([
			['v2', GP],
			['v1', OWNER]
		]);
		expect(view.versions[0]?.content.reviewDate).toBe('2027-02-01');
	});

	it('leaves out malformed and deleted versions', async () => {
		const bad = { ...version('bad', HLC2, first), body: { schemaVersion: 1, content: {} } };
		const gone = { ...version('gone', HLC2, first), deleted: true };
		const view = await read([bad, gone, version('v1', HLC1, first)], {});
		expect(view.versions.map((v) => v.id)).toEqual(['v1']);
	});
});

describe('care plan agreements', () => {
	it('a signature by the pinned key over the version as read here is "agreed"', async () => {
		const doctor = await gp();
		const view = await read([version('v1', HLC1, first), await agreement(doctor, 'v1', first)], {
			[GP]: doctor.identityKey
		});
		expect(agreementsOf(view, 'v1')).toEqual([
			expect.objectContaining({ type: 'agreed', signer: GP, versionId: 'v1' })
		]);
	});

	it('a tampered content hash is not verified', async () => {
		const doctor = await gp();
		const tampered = await agreement(doctor, 'v1', first, { contentHash: 'a'.repeat(64) });
		const view = await read([version('v1', HLC1, first), tampered], { [GP]: doctor.identityKey });
		expect(view.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'bad-signature' });
	});

	it('a version rewritten after it was agreed is not verified (content changed)', async () => {
		const doctor = await gp();
		const view = await read([version('v1', HLC2, second), await agreement(doctor, 'v1', first)], {
			[GP]: doctor.identityKey
		});
		expect(view.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'content-changed' });
	});

	it('a signature by a key that is not the pinned one is not verified', async () => {
		const doctor = await gp();
		const impostor = await gp();
		const signed = await agreement(impostor, 'v1', first);
		const view = await read([version('v1', HLC1, first), signed], { [GP]: doctor.identityKey });
		expect(view.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'bad-signature' });
		// Even when the record claims the pinned key, the impostor's signature does not verify.
		const claimed = await agreement(impostor, 'v1', first, { identityKey: doctor.identityKey });
		const again = await read([version('v1', HLC1, first), claimed], { [GP]: doctor.identityKey });
		expect(again.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'bad-signature' });
	});

	it('no key pinned for the writer on this device: not verified', async () => {
		const doctor = await gp();
		const view = await read([version('v1', HLC1, first), await agreement(doctor, 'v1', first)], {});
		expect(view.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'unknown-signer' });
	});

	it('an agreement relabelled to another version (same content) is not verified', async () => {
		const doctor = await gp();
		const signed = await agreement(doctor, 'v1', first);
		const moved = {
			...signed,
			body: { ...(signed.body as CarePlanAgreementBody), versionId: 'v2' }
		};
		const view = await read([version('v1', HLC1, first), version('v2', HLC2, first), moved], {
			[GP]: doctor.identityKey
		});
		expect(agreementsOf(view, 'v2')).toEqual([
			expect.objectContaining({ type: 'not-verified', reason: 'bad-signature' })
		]);
		expect(agreementsOf(view, 'v1')).toEqual([]);
	});

	it('an agreement signed for another circle is not verified here', async () => {
		const doctor = await gp();
		const signed = await agreement(doctor, 'v1', first);
		const view = await readCarePlan([version('v1', HLC1, first), signed], {
			circleId: 'another-circle',
			ownerId: OWNER,
			pinnedKeyOf: () => doctor.identityKey,
			crypto
		});
		expect(view.agreements[0]).toMatchObject({ type: 'not-verified', reason: 'bad-signature' });
	});
});

describe('the proposal form', () => {
	const empty = { needs: [], goals: [], actions: [], reviewDate: '' };

	it('names each field in error', () => {
		const result = parseCarePlanForm({
			...empty,
			needs: [{ id: 'n1', text: '   ' }],
			actions: [{ id: 'a1', what: 'Walk', who: 'nobody', taskId: '', due: '2026-13-40' }],
			reviewDate: 'soon'
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				'needs.0.text': 'careplan_error_empty',
				'actions.0.who': 'careplan_error_who',
				'actions.0.due': 'careplan_error_date',
				reviewDate: 'careplan_error_date'
			}
		});
	});

	it('turns typed values into content (empty optional fields become null)', () => {
		const result = parseCarePlanForm({
			...empty,
			goals: [{ id: 'g1', text: ' Walk to the market ', goalId: '' }],
			actions: [{ id: 'a1', what: 'Pharmacy', who: `member:${CARER}`, taskId: 'task-1', due: '' }]
		});
		expect(result).toEqual({
			ok: true,
			value: {
				needs: [],
				goals: [{ id: 'g1', text: 'Walk to the market', goalId: null }],
				actions: [
					{
						id: 'a1',
						what: 'Pharmacy',
						who: { type: 'member', id: CARER },
						taskId: 'task-1',
						due: null
					}
				],
				reviewDate: null
			}
		});
	});
});
