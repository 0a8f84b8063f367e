// A member recommends an article through the circle they are a member of: only where they may
// write notes, only articles of the library (an unknown id is refused and nothing is written),
// and the record is an `article-recommendation` in `notes`.
import { describe, expect, it } from 'vitest';
import type { Category } from '$lib/domain/categories';
import type { CircleView } from '$lib/domain/circle-view';
import { recommendArticle } from '$lib/commands/learn';
import type { RecordOp } from '$lib/domain/records';

const KNOWN = new Set(['sleep', 'staying-active']);
const NOW = Date.UTC(2026, 10, 20, 10);

function memberView(writable: readonly Category[]): {
	view: CircleView;
	written: RecordOp[][];
} {
	const written: RecordOp[][] = [];
	const view: CircleView = {
		circleId: 'circle-marie',
		me: 'nurse-account',
		ownerId: 'marie-account',
		isOwner: false,
		ownerName: 'Marie',
		canRead: () => true,
		canWrite: (c) => writable.includes(c),
		nameOf: () => null,
		records: {
			commit: (ops) => {
				written.push([...ops]);
				return Promise.resolve({ ok: true, value: [] });
			},
			query: () => Promise.resolve([]),
			get: () => Promise.resolve(null),
			observe: () => () => undefined
		}
	};
	return { view, written };
}

describe('recommendArticle', () => {
	it('writes one recommendation into the circle where the member may write notes', async () => {
		const { view, written } = memberView(['notes']);
		const result = await recommendArticle(view, 'sleep', 'Before our next visit', KNOWN, () => NOW);
		expect(result).toEqual({ ok: true, value: undefined });
		expect(written).toEqual([
			[
				{
					type: 'put',
					kind: 'article-recommendation',
					category: 'notes',
					at: NOW,
					body: { articleId: 'sleep', note: 'Before our next visit' }
				}
			]
		]);
	});

	it('refuses an unknown article with a clear error and writes nothing', async () => {
		const { view, written } = memberView(['notes']);
		const result = await recommendArticle(view, 'miracle-cure', '', KNOWN, () => NOW);
		expect(result).toEqual({
			ok: false,
			error: { type: 'unknown-article', articleId: 'miracle-cure' }
		});
		expect(written).toEqual([]);
	});

	it('refuses a circle where the member may only read notes', async () => {
		const { view, written } = memberView(['plan']);
		const result = await recommendArticle(view, 'sleep', '', KNOWN, () => NOW);
		expect(result).toEqual({ ok: false, error: { type: 'not-allowed' } });
		expect(written).toEqual([]);
	});

	it('reports a failed write', async () => {
		const { view } = memberView(['notes']);
		const failing: CircleView = {
			...view,
			records: {
				...view.records,
				commit: () => Promise.resolve({ ok: false, error: { type: 'locked' } })
			}
		};
		const result = await recommendArticle(failing, 'sleep', '', KNOWN, () => NOW);
		expect(result).toEqual({ ok: false, error: { type: 'save-failed', cause: 'locked' } });
	});
});
