// The reminder action queue and the "last reminder received" mark (src/lib/shared: imported by the
// page and by the service worker, both by alias): a tiny IndexedDB database of
// the service worker's own, shared with the page.
// Why: a notification action ("Taken", "Snooze 10 min") can arrive while the vault is locked, and
// the worker can never decrypt; it records `{ opaqueId, action, at }` here and the page applies
// the queue, encrypted in the vault, at the next unlock (`planQueuedActions` decides what to do).
// Invariants:
// - Nothing here is health data: an opaque id (an HMAC the worker cannot link to anything), an
//   action name and a time. The database is plain on purpose and never holds a name or a dose.
// - Applying is idempotent: a dose slot is logged at most once however many "Taken" entries the
//   queue holds (two taps, two devices), and never when the journal already has a log for it;
//   entries are removed only after they were applied (or found unknown: an opaque id outside
//   every reminder the device can recompute is dropped, it can never be applied).
// - The meta store also keeps the language the person chose in the app ('en' | 'fr'), so a push
//   arriving with no page open is written in it (service-worker/notification-text.ts).
// - Works in a window and in the worker (only the IndexedDB API common to both is used).
import { notificationLocaleSchema, type NotificationLocale } from './app-locale';

export const REMINDER_QUEUE_DB = 'cercle-reminder-actions';
const ACTIONS = 'actions';
const META = 'meta';
const LAST_RECEIVED = 'last-received';
const APP_LOCALE = 'app-locale';

export const REMINDER_ACTIONS = ['taken', 'snooze-10'] as const;
export type ReminderActionName = (typeof REMINDER_ACTIONS)[number];

export interface QueuedAction {
	readonly opaqueId: string;
	readonly action: ReminderActionName;
	readonly at: number;
}

export interface StoredAction extends QueuedAction {
	readonly key: number;
}

export interface ReceivedMark {
	readonly opaqueId: string;
	readonly at: number;
}

const OPAQUE_ID = /^[A-Za-z0-9_-]{22}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;

export const isReminderActionName = (value: unknown): value is ReminderActionName =>
	value === 'taken' || value === 'snooze-10';

/** Validates what comes out of IndexedDB (another version may have written it). */
export const toQueuedAction = (value: unknown): QueuedAction | null => {
	if (!isRecord(value)) return null;
	const { opaqueId, action, at } = value;
	if (typeof opaqueId !== 'string' || !OPAQUE_ID.test(opaqueId)) return null;
	if (!isReminderActionName(action) || typeof at !== 'number' || !Number.isFinite(at)) return null;
	return { opaqueId, action, at };
};

const toReceivedMark = (value: unknown): ReceivedMark | null => {
	if (!isRecord(value)) return null;
	const { opaqueId, at } = value;
	return typeof opaqueId === 'string' && typeof at === 'number' ? { opaqueId, at } : null;
};

const request = <T>(req: IDBRequest<T>): Promise<T> =>
	new Promise((resolve, reject) => {
		req.onsuccess = () => {
			resolve(req.result);
		};
		req.onerror = () => {
			reject(req.error ?? new Error('indexeddb request failed'));
		};
	});

const done = (tx: IDBTransaction): Promise<void> =>
	new Promise((resolve, reject) => {
		tx.oncomplete = () => {
			resolve();
		};
		tx.onabort = tx.onerror = () => {
			reject(tx.error ?? new Error('indexeddb transaction failed'));
		};
	});

export interface ActionQueue {
	readonly append: (action: QueuedAction) => Promise<void>;
	readonly list: () => Promise<readonly StoredAction[]>;
	readonly remove: (keys: readonly number[]) => Promise<void>;
	readonly markReceived: (mark: ReceivedMark) => Promise<void>;
	readonly lastReceived: () => Promise<ReceivedMark | null>;
	/** Keeps the app's language for notifications shown with no page open. */
	readonly setAppLocale: (locale: NotificationLocale) => Promise<void>;
	/** The app's language as last stored, or null (never told, or an unknown value). */
	readonly appLocale: () => Promise<NotificationLocale | null>;
}

/** The queue in `factory` (the global `indexedDB` by default; fake-indexeddb in tests). */
export const createActionQueue = (factory: IDBFactory = indexedDB): ActionQueue => {
	const open = (): Promise<IDBDatabase> => {
		const req = factory.open(REMINDER_QUEUE_DB, 1);
		req.onupgradeneeded = () => {
			const db = req.result;
			if (!db.objectStoreNames.contains(ACTIONS)) {
				db.createObjectStore(ACTIONS, { autoIncrement: true });
			}
			if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
		};
		return request(req);
	};
	const withStore = async <T>(
		name: string,
		mode: IDBTransactionMode,
		run: (store: IDBObjectStore) => Promise<T>
	): Promise<T> => {
		const db = await open();
		try {
			const tx = db.transaction(name, mode);
			const finished = done(tx);
			const result = await run(tx.objectStore(name));
			await finished;
			return result;
		} finally {
			db.close();
		}
	};
	return {
		append: (action) =>
			withStore(ACTIONS, 'readwrite', async (store) => {
				await request(store.add({ ...action }));
			}),
		list: () =>
			withStore(ACTIONS, 'readonly', async (store) => {
				const [keys, values] = await Promise.all([
					request(store.getAllKeys()),
					request(store.getAll())
				]);
				const out: StoredAction[] = [];
				keys.forEach((key, i) => {
					const action = toQueuedAction(values[i]);
					if (typeof key === 'number' && action !== null) out.push({ key, ...action });
				});
				return out;
			}),
		remove: (keys) =>
			withStore(ACTIONS, 'readwrite', async (store) => {
				await Promise.all(keys.map((key) => request(store.delete(key))));
			}),
		markReceived: (mark) =>
			withStore(META, 'readwrite', async (store) => {
				await request(store.put({ ...mark }, LAST_RECEIVED));
			}),
		lastReceived: () =>
			withStore(META, 'readonly', async (store) =>
				toReceivedMark(await request(store.get(LAST_RECEIVED)))
			),
		setAppLocale: (locale) =>
			withStore(META, 'readwrite', async (store) => {
				await request(store.put(notificationLocaleSchema.parse(locale), APP_LOCALE));
			}),
		appLocale: () =>
			withStore(META, 'readonly', async (store) => {
				const parsed = notificationLocaleSchema.safeParse(await request(store.get(APP_LOCALE)));
				return parsed.success ? parsed.data : null;
			})
	};
};

/** What the page knows about an opaque id (from `indexByOpaqueId`), reduced to what it needs. */
export interface KnownReminder {
	readonly kind: 'medication' | 'goal-check-in' | 'appointment' | 'task';
	readonly sourceRef: string;
	readonly dueAt: number;
	readonly fireAt: number;
}

export interface QueuePlan {
	/** Dose slots to log as taken, once each, at the time the action was taken. */
	readonly take: readonly { readonly reminder: KnownReminder; readonly at: number }[];
	/** Reminders to ring again 10 minutes after the action (latest action per source). */
	readonly snooze: readonly { readonly reminder: KnownReminder; readonly at: number }[];
	/** Every key read, to remove once the plan was applied. */
	readonly keys: readonly number[];
}

/**
 * Decides what a queue means. "Taken" wins over "snooze" for the same source; a source already
 * acknowledged (a dose log exists for the slot) gets nothing; unknown ids are dropped.
 */
export const planQueuedActions = (
	actions: readonly StoredAction[],
	known: ReadonlyMap<string, KnownReminder>,
	acknowledged: ReadonlySet<string>
): QueuePlan => {
	const take = new Map<string, { reminder: KnownReminder; at: number }>();
	const snooze = new Map<string, { reminder: KnownReminder; at: number }>();
	const sorted = [...actions].sort((a, b) => a.at - b.at || a.key - b.key);
	for (const entry of sorted) {
		const reminder = known.get(entry.opaqueId);
		if (reminder === undefined || acknowledged.has(reminder.sourceRef)) continue;
		if (entry.action === 'taken') {
			if (reminder.kind === 'medication' && !take.has(reminder.sourceRef)) {
				take.set(reminder.sourceRef, { reminder, at: entry.at });
			}
		} else {
			snooze.set(reminder.sourceRef, { reminder, at: entry.at });
		}
	}
	for (const ref of take.keys()) snooze.delete(ref);
	return {
		take: [...take.values()],
		snooze: [...snooze.values()],
		keys: actions.map((a) => a.key)
	};
};

export interface ApplyQueueDeps {
	readonly queue: ActionQueue;
	readonly known: ReadonlyMap<string, KnownReminder>;
	readonly acknowledged: ReadonlySet<string>;
	/** Logs the dose of the reminder's slot as taken at `at` (encrypted, in the vault). */
	readonly take: (reminder: KnownReminder, at: number) => Promise<boolean>;
	/** Rings the reminder again 10 minutes after `at`. */
	readonly snooze: (reminder: KnownReminder, at: number) => Promise<boolean>;
}

export interface ApplyQueueResult {
	readonly taken: number;
	readonly snoozed: number;
	/** False when a write failed (vault locked meanwhile): the queue is kept for the next unlock. */
	readonly complete: boolean;
}

/**
 * Applies the queue and clears it. When a write fails nothing is removed: the next run sees the
 * dose logs already written as acknowledged, so nothing is logged twice.
 */
export const applyQueuedActions = async (deps: ApplyQueueDeps): Promise<ApplyQueueResult> => {
	const actions = await deps.queue.list();
	if (actions.length === 0) return { taken: 0, snoozed: 0, complete: true };
	const plan = planQueuedActions(actions, deps.known, deps.acknowledged);
	let taken = 0;
	let snoozed = 0;
	let complete = true;
	for (const { reminder, at } of plan.take) {
		if (await deps.take(reminder, at)) taken += 1;
		else complete = false;
	}
	for (const { reminder, at } of plan.snooze) {
		if (await deps.snooze(reminder, at)) snoozed += 1;
		else complete = false;
	}
	if (complete) await deps.queue.remove(plan.keys);
	return { taken, snoozed, complete };
};
