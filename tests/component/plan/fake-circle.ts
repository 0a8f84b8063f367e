// An in-memory CircleView for the board's component tests: records with a strictly increasing
// HLC per write (as the vault gives), live observers, and named people of the person's circle.
import type { Category } from '$lib/domain/categories';
import type { Task, TaskEvent } from '$lib/domain/plan';
import type { CircleView } from '$lib/domain/circle-view';
import type { RecordQuery, VaultRecord } from '$lib/domain/records';
import { uuidv7 } from '$lib/domain/ids';

export interface FakeCircleOptions {
	readonly me?: string;
	readonly ownerId?: string;
	readonly writable?: boolean;
	readonly names?: Readonly<Record<string, string>>;
	readonly members?: readonly string[];
}

const hlcOf = (n: number): string => `${String(n).padStart(12, '0')}-0000-node`;

export function fakeCircle(options: FakeCircleOptions = {}) {
	const me = options.me ?? 'person';
	const ownerId = options.ownerId ?? me;
	let records: VaultRecord[] = [];
	let counter = 0;
	const listeners = new Set<() => void>();
	const matches = (q: RecordQuery) => (r: VaultRecord) =>
		r.category === q.category && (q.kinds === undefined || q.kinds.includes(r.kind));
	const notify = () => {
		for (const listener of listeners) listener();
	};

	function put(kind: string, category: Category, id: string, body: unknown): VaultRecord {
		counter += 1;
		const record: VaultRecord = {
			id,
			circleId: 'circle-1',
			kind,
			category,
			at: Date.now(),
			hlc: hlcOf(counter),
			deleted: false,
			body
		};
		records = [...records.filter((r) => r.id !== id), record];
		return record;
	}

	const view: CircleView & { readonly members: readonly string[] } = {
		circleId: 'circle-1',
		me,
		ownerId,
		isOwner: me === ownerId,
		ownerName: options.names?.[ownerId] ?? 'you',
		canRead: () => true,
		canWrite: () => options.writable ?? true,
		nameOf: (id) => options.names?.[id] ?? null,
		members: options.members ?? [],
		records: {
			commit(ops) {
				const written: VaultRecord[] = [];
				for (const op of ops) {
					if (op.type !== 'put') continue;
					written.push(put(op.kind, op.category, op.id ?? uuidv7(Date.now()), op.body));
				}
				notify();
				return Promise.resolve({ ok: true, value: written });
			},
			query: (q) => Promise.resolve(records.filter(matches(q))),
			get: (category, id) =>
				Promise.resolve(records.find((r) => r.category === category && r.id === id) ?? null),
			observe(q, onChange) {
				const listener = () => {
					onChange(records.filter(matches(q)));
				};
				listeners.add(listener);
				queueMicrotask(listener);
				return () => {
					listeners.delete(listener);
				};
			}
		}
	};

	return {
		view,
		/** Adds a task as if synced from another device (its HLC is the next one). */
		seedTask(task: Omit<Task, 'id'>): Task {
			const full = { ...task, id: uuidv7(Date.now()) };
			put('task', 'plan', full.id, full);
			notify();
			return full;
		},
		/** Adds an event (claim, comment…) written by `actor` on some device, in HLC order. */
		seedEvent(event: Omit<TaskEvent, 'id' | 'hlc'>): void {
			const id = uuidv7(Date.now());
			put('task-event', 'plan', id, { ...event, id, hlc: '' });
			notify();
		},
		get records() {
			return records;
		}
	};
}

export const pharmacyTask = (createdBy: string): Omit<Task, 'id'> => ({
	title: 'Pharmacy on Friday',
	details: 'Renewal of the prescription',
	dueDate: '2026-11-27',
	dueTime: '10:00',
	place: 'Pharmacie du Centre',
	kind: 'pharmacy',
	recurrence: { freq: 'none' },
	assignee: null,
	createdBy
});
