// Care-plan commands: a proposal is parsed, refused when it changes nothing, and written in ONE
// commit; an agreement is only a professional member's, signed over the content as read here
// (real WebCrypto: the plan read back verifies it as agreed), in ONE commit; a refusal (read-only,
// not a professional, locked, the vault refusing) writes nothing more and says why.
import { describe, expect, it } from 'vitest';
import { createCarePlanCommands, type CarePlanSigner } from '$lib/commands/care-plan';
import { sha256Text, signFields, verifyFields } from '$lib/crypto/framed-signature';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import {
	CARE_PLAN_KINDS,
	readCarePlan,
	type CarePlanContent,
	type CarePlanVersion
} from '$lib/domain/plan/care-plan';
import { fakeCircle } from '../../component/plan/fake-circle';

const NOW = Date.UTC(2026, 11, 1, 10);
const OWNER = 'monique';
const GP = 'dr-martin';

const content: CarePlanContent = {
	needs: [{ id: 'n1', text: 'Breathless when climbing stairs' }],
	goals: [{ id: 'g1', text: 'Walk to the market on Saturdays', goalId: null }],
	actions: [
		{ id: 'a1', what: 'Weigh every morning', who: { type: 'person' }, taskId: null, due: null }
	],
	reviewDate: '2027-03-01'
};

function counted(options: Parameters<typeof fakeCircle>[0], refuse = false) {
	const circle = fakeCircle(options);
	let commits = 0;
	const commit = circle.view.records.commit.bind(circle.view.records);
	const view = {
		...circle.view,
		records: {
			...circle.view.records,
			commit: (ops: Parameters<typeof commit>[0]) => {
				commits++;
				return refuse
					? Promise.resolve({ ok: false as const, error: { type: 'locked' as const } })
					: commit(ops);
			}
		}
	};
	return { circle, view, commits: () => commits };
}

async function gpSigner(): Promise<CarePlanSigner> {
	const pair = await generateIdentityKeyPair();
	return {
		identityKey: await exportIdentityPublicKey(pair.publicKey),
		sign: (fields) => signFields(pair.privateKey, fields)
	};
}

const version = (id: string, c: CarePlanContent): CarePlanVersion => ({
	id,
	hlc: '000000000001-0000-node',
	author: OWNER,
	writer: null,
	parentId: null,
	createdAt: NOW,
	content: c
});

describe('care-plan commands', () => {
	it('proposes a parsed version in one commit; refuses invalid or unchanged content', async () => {
		const { view, circle, commits } = counted({ me: OWNER });
		const commands = createCarePlanCommands({
			hash: sha256Text,
			signer: () => Promise.resolve(null)
		});
		const empty = { ...content, needs: [{ id: 'n1', text: '  ' }] };
		expect(await commands.propose(view, null, empty, NOW)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
		expect(await commands.propose(view, version('v0', content), content, NOW)).toEqual({
			ok: false,
			error: { type: 'unchanged' }
		});
		expect(commits()).toBe(0);
		const proposed = await commands.propose(
			view,
			version('v0', { ...content, needs: [] }),
			content,
			NOW
		);
		expect(proposed.ok).toBe(true);
		expect(commits()).toBe(1);
		expect(circle.records).toHaveLength(1);
		expect(circle.records[0]).toMatchObject({
			kind: 'care-plan-version',
			category: 'plan',
			body: { parentId: 'v0', createdAt: NOW, content }
		});
	});

	it('a professional agrees in one commit, and the plan read back verifies it', async () => {
		const { view, circle, commits } = counted({ me: GP, ownerId: OWNER });
		const signer = await gpSigner();
		const commands = createCarePlanCommands({
			hash: sha256Text,
			signer: () => Promise.resolve(signer)
		});
		const proposed = circle.view.records.commit([
			{
				type: 'put',
				id: 'v1',
				kind: 'care-plan-version',
				category: 'plan',
				at: NOW,
				body: { schemaVersion: 1, parentId: null, createdAt: NOW, content }
			}
		]);
		await proposed;
		const agreed = await commands.agree(view, 'doctor', version('v1', content), NOW + 1);
		expect(agreed.ok).toBe(true);
		expect(commits()).toBe(1);
		const records = (await view.records.query({ category: 'plan', kinds: CARE_PLAN_KINDS })).map(
			(r) => (r.kind === 'care-plan-agreement' ? { ...r, author: GP } : { ...r, author: OWNER })
		);
		const read = await readCarePlan(records, {
			circleId: view.circleId,
			ownerId: OWNER,
			pinnedKeyOf: (id) => (id === GP ? signer.identityKey : null),
			crypto: { hash: sha256Text, verify: verifyFields }
		});
		expect(read.agreements.map((a) => a.type)).toEqual(['agreed']);
	});

	it('refuses a non-professional, the person, a read-only view and a locked vault without writing', async () => {
		const signer = await gpSigner();
		const commands = createCarePlanCommands({
			hash: sha256Text,
			signer: () => Promise.resolve(signer)
		});
		const carer = counted({ me: 'lea', ownerId: OWNER });
		expect(await commands.agree(carer.view, 'carer', version('v1', content), NOW)).toEqual({
			ok: false,
			error: { type: 'not-professional' }
		});
		const person = counted({ me: OWNER });
		expect(await commands.agree(person.view, 'doctor', version('v1', content), NOW)).toEqual({
			ok: false,
			error: { type: 'not-professional' }
		});
		const readOnly = counted({ me: GP, ownerId: OWNER, writable: false });
		expect(await commands.agree(readOnly.view, 'doctor', version('v1', content), NOW)).toEqual({
			ok: false,
			error: { type: 'read-only' }
		});
		expect(await commands.propose(readOnly.view, null, content, NOW)).toEqual({
			ok: false,
			error: { type: 'read-only' }
		});
		const locked = createCarePlanCommands({
			hash: sha256Text,
			signer: () => Promise.resolve(null)
		});
		const gp = counted({ me: GP, ownerId: OWNER });
		expect(await locked.agree(gp.view, 'doctor', version('v1', content), NOW)).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
		expect(await commands.agree(gp.view, 'wizard' as never, version('v1', content), NOW)).toEqual({
			ok: false,
			error: { type: 'invalid' }
		});
		expect(carer.commits() + person.commits() + readOnly.commits() + gp.commits()).toBe(0);
	});

	it('says when the vault refuses the commit', async () => {
		const { view, commits } = counted({ me: OWNER }, true);
		const commands = createCarePlanCommands({
			hash: sha256Text,
			signer: () => Promise.resolve(null)
		});
		expect(await commands.propose(view, null, content, NOW)).toEqual({
			ok: false,
			error: { type: 'commit', error: { type: 'locked' } }
		});
		expect(commits()).toBe(1);
	});
});
