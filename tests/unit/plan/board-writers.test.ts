// Who claimed or completed a task (issue 14, trust between members): read with `checked`, the
// board folds a task event only when the reading device checked its writer as its actor — a
// member's event with her verified signature, the person's own unless her check failed. A claim
// that names Léa but was not checked holds nothing (the task stays open, the summary's "who holds
// it" names nobody) and is listed in `uncounted` with the reason; same for a completion.
import { describe, expect, it } from 'vitest';
import type { AuthorCheck } from '../../../src/lib/domain/circle/record-signature';
import { readShared } from '../../../src/lib/domain/care-team/shared-records';
import type { Task } from '../../../src/lib/domain/plan';
import { recordsToStates, type PlanRecord } from '../../../src/lib/domain/plan/board';

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

const taskRecord: PlanRecord = {
	id: 'task-1',
	kind: 'task',
	hlc: '0001',
	deleted: false,
	body: task
};

const verified = (accountId: string): AuthorCheck => ({ type: 'verified', accountId });

function event(
	type: 'claim' | 'complete',
	actor: string,
	hlc: string,
	writer: { author?: string; signature?: string; authorCheck?: AuthorCheck | null }
): PlanRecord {
	const id = `ev-${hlc}`;
	return {
		id,
		kind: 'task-event',
		hlc,
		deleted: false,
		body: { type, id, taskId: 'task-1', hlc: '', actor },
		...writer
	};
}

const fold = (records: readonly PlanRecord[]) =>
	recordsToStates(records, 'marie', { checked: true });

describe('task events count only with a checked writer', () => {
	it('Léa’s claim signed by Léa and verified here: held by Léa', () => {
		const [state] = fold([
			taskRecord,
			event('claim', 'lea', '0002', { author: 'lea', signature: 's', authorCheck: verified('lea') })
		]);
		expect(state?.claimedBy).toBe('lea');
		expect(state?.uncounted).toBeUndefined();
	});

	it('a claim naming Léa whose signature does not verify: open, and said why', () => {
		const bad: AuthorCheck = { type: 'not-verified', accountId: 'lea', reason: 'bad-signature' };
		const [state] = fold([
			taskRecord,
			event('claim', 'lea', '0002', { author: 'lea', signature: 's', authorCheck: bad })
		]);
		expect(state?.status).toBe('open');
		expect(state?.claimedBy).toBeNull();
		expect(state?.uncounted).toEqual([
			{ type: 'claim', hlc: '0002', writer: { ...bad, accountId: 'lea' } }
		]);
	});

	it('Bruno (verified) writing a claim whose body names Léa: not Léa’s claim', () => {
		const [state] = fold([
			taskRecord,
			event('claim', 'lea', '0002', {
				author: 'bruno',
				signature: 's',
				authorCheck: verified('bruno')
			})
		]);
		expect(state?.claimedBy).toBeNull();
		expect(state?.uncounted?.[0]?.writer).toEqual({
			type: 'not-verified',
			accountId: 'lea',
			reason: 'not-the-writer'
		});
	});

	it('an authored event nobody checked here is never counted (unsigned or unchecked)', () => {
		const [state] = fold([
			taskRecord,
			event('complete', 'lea', '0002', { author: 'lea' }),
			event('claim', 'lea', '0003', { author: 'lea', signature: 's' })
		]);
		expect(state?.status).toBe('open');
		expect(state?.uncounted?.map((u) => u.writer.reason)).toEqual(['unsigned', 'unknown-signer']);
	});

	it('an unchecked completion closes nothing; a verified one does', () => {
		const bad: AuthorCheck = { type: 'not-verified', accountId: 'lea', reason: 'unsigned' };
		const [open] = fold([
			taskRecord,
			event('complete', 'lea', '0002', { author: 'lea', authorCheck: bad })
		]);
		expect(open?.status).toBe('open');
		expect(open?.completedBy).toBeNull();
		const [done] = fold([
			taskRecord,
			event('complete', 'lea', '0002', {
				author: 'lea',
				signature: 's',
				authorCheck: verified('lea')
			})
		]);
		expect(done?.completedBy).toBe('lea');
	});

	it('the person’s own event counts, unless her own check failed (an unauthored forgery)', () => {
		const [mine] = fold([taskRecord, event('claim', 'marie', '0002', {})]);
		expect(mine?.claimedBy).toBe('marie');
		const failed: AuthorCheck = { type: 'not-verified', accountId: 'marie', reason: 'unsigned' };
		const [forged] = fold([taskRecord, event('claim', 'lea', '0002', { authorCheck: failed })]);
		expect(forged?.claimedBy).toBeNull();
		expect(forged?.uncounted).toHaveLength(1);
	});

	it('without `checked`, the fold is as before (reminders read their own claims)', () => {
		const [state] = recordsToStates(
			[taskRecord, event('claim', 'lea', '0002', { author: 'lea' })],
			'marie'
		);
		expect(state?.claimedBy).toBe('lea');
	});

	it('the summary’s open tasks: an unchecked claim holds nothing', () => {
		const shared = (r: PlanRecord) => ({ ...r, category: 'plan' as const, at: 0 });
		const bad: AuthorCheck = { type: 'not-verified', accountId: 'lea', reason: 'bad-signature' };
		const data = readShared(
			[
				shared(taskRecord),
				shared(event('claim', 'lea', '0002', { author: 'lea', signature: 's', authorCheck: bad }))
			],
			'marie'
		);
		expect(data.tasks[0]?.claimedBy).toBeNull();
		expect(data.tasks[0]?.uncounted).toHaveLength(1);
	});
});
