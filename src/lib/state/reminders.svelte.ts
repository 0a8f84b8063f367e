// The reminders manager: what rings when, on this device, from the open vault.
// Why: Today's due list, the missed-reminders banner, the in-app alert timers, the Web Push
// schedule, the notification action queue and the calendar export must agree; they all read the
// occurrences derived here from the journal (src/lib/state/reminder-sources.ts) and from the plan's
// appointments and claimed tasks (src/lib/domain/reminders/plan.ts) by the reminders domain. Everything works with no account and no network; push and the calendar feed are extras.
// Invariants:
// - Settings, the opaque-id key, snoozes, the "seen until" mark and the calendar feed token live
//   encrypted in the vault (category `settings`), so every device of the person mints the same
//   opaque ids (the earliest key record wins when two devices created one).
// - The server receives only `toPushSchedule` pairs (`{ fireAt, opaqueId }`) and generic calendar
//   events (`{ start, tzid, rrule }`), re-sent (debounced) after changes and at unlock.
// - The action queue of the service worker is applied once the journal and the key are loaded;
//   a slot is logged at most once (src/lib/shared/action-queue.ts).
// - One alert timer at a time: a timer to the next fire time, recomputed on every change; time and
//   timers are injected (`reminder-timers.ts`), what rings when is pure (`domain/reminders`).
import { untrack } from 'svelte';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	SURVEY_RESPONSE,
	dueNow,
	dueToReminderSources,
	isSurveyReminderRef,
	responseRefSchema
} from '$lib/domain/surveys/due';
import { m } from '$lib/paraglide/messages.js';
import { fromBase64Url } from '$lib/crypto/bytes';
import type { PushLocale } from '$lib/contracts/push';
import { err, ok, type Result } from '$lib/domain/result';
import { createReminderHttp, type ReminderHttp } from '$lib/sync/reminders-http';
import {
	createOpaqueIdMinter,
	DEFAULT_REMINDER_SETTINGS,
	expandReminders,
	indexByOpaqueId,
	planToSources,
	taskIdOfRef,
	snoozeOccurrence,
	toPushSchedule,
	type OpaqueIdMinter,
	type ReminderOccurrence,
	type ReminderSettings,
	type SnoozeChoice
} from '$lib/domain/reminders';
import { icsToFeedEvents, type CalendarFeedEvent } from '$lib/domain/reminders/feed';
import { dueAt, missedAt, MINUTE_MS } from '$lib/domain/reminders/ringing';
import {
	FEED_KIND,
	KEY_KIND,
	SEEN_KIND,
	SETTINGS_KIND,
	feedBodySchema,
	keyBodySchema,
	parseLatest,
	seenBodySchema,
	settingsBodySchema,
	snoozesOf
} from '$lib/domain/reminders/stored';
import type { TaskState } from '$lib/domain/plan';
import { scheduleTimeZone } from '$lib/domain/time/schedule';
import { localDateOf } from '$lib/domain/time/zoned';
import type { VaultRecord } from '$lib/domain/records';
import type { JournalRecord } from '$lib/domain/journal/entries';
import { applyQueuedActions, createActionQueue } from '$lib/shared/action-queue';
import { acknowledgedRefs, journalToSources, takenDoseFor } from './reminder-sources';
import { reminderCalendarText } from './reminder-calendar';
import { observeReminderInputs } from './reminder-inputs';
import {
	NO_PUSH,
	readPushState,
	subscribeToPush,
	unsubscribeFromPush,
	type PushState
} from './reminder-push';
import { armNextAlert, browserTimers, createDebounce, type Timers } from './reminder-timers';
import { createReminderWrites, type WriteResult } from './reminder-writes';
import { account } from './account.svelte';
import { LOCAL_ACCOUNT } from './circle-view';
import { currentTimeZone, journalCommands } from './journal.svelte';
import { vault } from './vault.svelte';

const HOUR = 60 * MINUTE_MS;
const DAY = 24 * HOUR;
/** How far ahead the push schedule reaches. */
export const PUSH_HORIZON_MS = 3 * DAY;
const UPLOAD_DEBOUNCE_MS = 2000;
const ACTION_MESSAGE = 'cercle-reminder-action';

export type { AccountState, PushState } from './reminder-push';

/** Expected failures of the push and feed commands, each with a message in Settings. */
export type ReminderCommandError =
	'unsupported' | 'permission-denied' | 'no-account' | 'offline' | 'server' | 'locked';

export type CommandResult = Result<null, ReminderCommandError>;

export type { ReminderWriteError, WriteResult } from './reminder-writes';

export interface DueReminder {
	readonly occurrence: ReminderOccurrence;
	/** What the reminder is about, on this device only (never sent anywhere). */
	readonly label: string;
	readonly state: 'soon' | 'due' | 'missed';
}

const pushLocale = (): PushLocale => (getLocale() === 'fr' ? 'fr' : 'en');

export interface RemindersDeps {
	readonly timers: Timers;
	readonly http: ReminderHttp;
}

function createReminders(deps: RemindersDeps) {
	const { timers } = deps;
	let journalRecords = $state<readonly JournalRecord[]>([]);
	let recentRecords = $state<readonly JournalRecord[]>([]);
	let ownRecords = $state<readonly VaultRecord[]>([]);
	/** The person's own plan (their circle's tasks on this device). */
	let planStates = $state<readonly TaskState[]>([]);
	let surveyRecords = $state.raw<readonly VaultRecord[]>([]);
	let loaded = $state({ lasting: false, recent: false, own: false });
	let now = $state(timers.now());
	let alert = $state<ReminderOccurrence | null>(null);
	let appliedFromQueue = $state<{ taken: number; snoozed: number } | null>(null);
	let push = $state<PushState>(NO_PUSH);
	let started = false;
	let creatingKey = false;
	let applying = false;
	const zone = currentTimeZone();
	const queue = () => createActionQueue(indexedDB);

	const ready = $derived(loaded.lasting && loaded.recent && loaded.own);
	const settingsEntry = $derived(parseLatest(ownRecords, SETTINGS_KIND, settingsBodySchema));
	const settings = $derived(settingsEntry?.body.settings ?? DEFAULT_REMINDER_SETTINGS);
	const calendarDetails = $derived(settingsEntry?.body.calendarDetails ?? false);
	const keyEntry = $derived(parseLatest(ownRecords, KEY_KIND, keyBodySchema, 'earliest'));
	const mint = $derived<OpaqueIdMinter | null>(
		keyEntry === null ? null : createOpaqueIdMinter(fromBase64Url(keyEntry.body.key))
	);
	const seenUntil = $derived(parseLatest(ownRecords, SEEN_KIND, seenBodySchema)?.body.until ?? 0);
	const feedToken = $derived(
		parseLatest(ownRecords, FEED_KIND, feedBodySchema)?.body.token ?? null
	);
	const allJournal = $derived([...journalRecords, ...recentRecords]);
	const me = $derived(account.account?.id ?? LOCAL_ACCOUNT);
	// The plan's dates are expanded a little beyond the push horizon on both sides (day-long
	// windows, recomputed as `now` moves), then read in the zone the travel policy chooses.
	const planSources = $derived(
		planToSources(planStates, {
			me,
			timeZone: scheduleTimeZone(zone, settings.travel),
			from: localDateOf(now - 2 * DAY, zone),
			to: localDateOf(now + PUSH_HORIZON_MS + 2 * DAY, zone)
		})
	);
	// Due questionnaires ring as tasks (domain/surveys/due.ts), named by ids only.
	const surveySources = $derived(
		dueToReminderSources(
			dueNow({
				assignments: surveyRecords,
				responses: surveyRecords.flatMap((r) => {
					if (r.kind !== SURVEY_RESPONSE || r.deleted) return [];
					const p = responseRefSchema.safeParse(r.body);
					return p.success ? [{ questionnaireId: p.data.questionnaireId, at: r.at }] : [];
				}),
				tasks: [],
				now,
				timeZone: zone
			}),
			zone
		)
	);
	const sources = $derived({
		...journalToSources(journalRecords, zone),
		...planSources,
		tasks: [...planSources.tasks, ...surveySources]
	});
	const acknowledged = $derived(acknowledgedRefs(recentRecords, zone));
	const snoozes = $derived(snoozesOf(ownRecords));

	/** Occurrences in [from, to), snoozes included (a snooze replaces its original ring). */
	function occurrencesBetween(from: number, to: number): readonly ReminderOccurrence[] {
		if (mint === null) return [];
		const base = expandReminders(sources, { timeZone: zone, settings }, from, to, mint);
		const snoozed = snoozes
			.filter((s) => s.fireAt >= from && s.fireAt < to && settings.enabled[s.kind])
			.map((s) => ({
				opaqueId: mint({ kind: s.kind, sourceRef: s.sourceRef, fireAt: s.fireAt }),
				fireAt: s.fireAt,
				dueAt: s.dueAt,
				kind: s.kind,
				sourceRef: s.sourceRef
			}));
		return [...base, ...snoozed].sort((a, b) => a.fireAt - b.fireAt);
	}

	const occurrences = $derived(occurrencesBetween(now - DAY, now + PUSH_HORIZON_MS));

	function labelOf(occurrence: ReminderOccurrence): string {
		if (isSurveyReminderRef(occurrence.sourceRef)) return m.surveys_reminder_label();
		if (occurrence.kind === 'appointment' || occurrence.kind === 'task') {
			const taskId = taskIdOfRef(occurrence.sourceRef);
			const state = planStates.find((s) => s.task.id === taskId);
			return state?.task.title ?? m.reminders_generic_label();
		}
		const id = occurrence.sourceRef.slice(0, occurrence.sourceRef.indexOf(':'));
		const record = journalRecords.find((r) => r.id === id || r.id === occurrence.sourceRef);
		if (record?.body.kind === 'medication') return record.body.name;
		if (record?.body.kind === 'goal') return m.reminders_goal_label({ goal: record.body.text });
		return m.reminders_generic_label();
	}

	const due = $derived<readonly DueReminder[]>(
		dueAt(occurrences, acknowledged, now).map(({ occurrence, state }) => ({
			occurrence,
			label: labelOf(occurrence),
			state
		}))
	);

	const missed = $derived<readonly DueReminder[]>(
		missedAt(occurrences, acknowledged, seenUntil, now).map((occurrence) => ({
			occurrence,
			label: labelOf(occurrence),
			state: 'missed'
		}))
	);

	const writes = createReminderWrites({
		commit: () => {
			if (vault.status !== 'unlocked') return null;
			const v = vault.vault();
			return (ops) => v.commit(ops);
		},
		logDose: (input) => journalCommands.logDose(input),
		now: timers.now
	});

	async function applyQueue(): Promise<void> {
		if (applying || mint === null || !ready || vault.status !== 'unlocked') return;
		applying = true;
		try {
			const at = timers.now();
			const known = indexByOpaqueId(occurrencesBetween(at - 3 * DAY, at + PUSH_HORIZON_MS));
			const result = await applyQueuedActions({
				queue: queue(),
				known,
				acknowledged,
				take: async (reminder, takenAt) => {
					const input = takenDoseFor(reminder, takenAt);
					if (input === null) return true;
					return (await journalCommands.logDose(input)).ok;
				},
				snooze: async (reminder, snoozedAt) =>
					(await writes.snooze(reminder, snoozedAt + 10 * MINUTE_MS)).ok
			});
			if (result.taken + result.snoozed > 0) appliedFromQueue = result;
		} catch {
			// IndexedDB unavailable (private mode): nothing was queued either.
		} finally {
			applying = false;
		}
	}

	let lastUpload = '';
	let lastFeed = '';

	function feedEvents(): readonly CalendarFeedEvent[] {
		return icsToFeedEvents(calendarText(false));
	}

	async function uploadNow(): Promise<void> {
		if (vault.status !== 'unlocked') return;
		if (push.subscribed && push.account === 'signed-in') {
			const at = timers.now();
			const schedule = toPushSchedule(
				occurrences.filter((o) => o.fireAt >= at && o.fireAt < at + PUSH_HORIZON_MS)
			);
			const body = JSON.stringify(schedule);
			if (body !== lastUpload) {
				const response = await deps.http.uploadSchedule(schedule);
				if (response.ok) lastUpload = body;
			}
		}
		if (feedToken !== null) {
			const events = feedEvents();
			const body = JSON.stringify(events);
			if (body !== lastFeed) {
				const response = await deps.http.publishFeed(events, pushLocale());
				if (response.ok) lastFeed = body;
			}
		}
	}

	const upload = createDebounce(timers, UPLOAD_DEBOUNCE_MS, () => {
		void uploadNow();
	});

	async function refreshPush(): Promise<void> {
		// Without an account on this device the server has nothing to say: no request (its 401 would
		// be a console error on every start).
		push = await readPushState(deps.http, () => queue().lastReceived(), account.account !== null);
	}

	function calendarText(showDetails: boolean): string {
		return reminderCalendarText(
			{
				journal: journalRecords,
				appointments: planSources.appointments,
				plan: planStates,
				timeZone: zone,
				travel: settings.travel,
				now: timers.now()
			},
			showDetails
		);
	}

	function start(): void {
		if (started || typeof window === 'undefined') return;
		started = true;
		$effect.root(() => {
			$effect(() => {
				if (vault.status !== 'unlocked') {
					journalRecords = [];
					recentRecords = [];
					ownRecords = [];
					planStates = [];
					surveyRecords = [];
					loaded = { lasting: false, recent: false, own: false };
					alert = null;
					return;
				}
				const stop = observeReminderInputs(vault.vault(), timers.now() - 4 * DAY, () => me, {
					lasting: (records) => (journalRecords = records),
					recent: (records) => (recentRecords = records),
					plan: (states) => (planStates = states),
					own: (records) => (ownRecords = records),
					surveys: (records) => (surveyRecords = records),
					loaded: (flags) => (loaded = flags)
				});
				void refreshPush();
				return stop;
			});

			// The opaque-id key: created once per person (synced to their other devices).
			$effect(() => {
				if (!ready || keyEntry !== null || creatingKey) return;
				creatingKey = true;
				void writes.createKey().finally(() => {
					creatingKey = false;
				});
			});

			// At unlock (and whenever the key or journal first load): apply queued actions.
			$effect(() => {
				if (ready && mint !== null) untrack(() => void applyQueue());
			});

			// One timer to the next ring; fires the in-app alert.
			$effect(() =>
				armNextAlert(timers, occurrences, acknowledged, (next) => {
					alert = next;
					now = timers.now();
				})
			);

			// Debounced upload of the push schedule and the calendar feed after changes.
			$effect(() => {
				if (!ready || mint === null) return;
				// Dependencies of the upload: any change re-arms the debounce.
				const inputs = [occurrences.length, push.subscribed, push.account, feedToken];
				if (inputs.length > 0) upload.schedule();
			});

			const stopTick = timers.every(MINUTE_MS, () => {
				now = timers.now();
			});
			const onMessage = (event: MessageEvent): void => {
				const data: unknown = event.data;
				if (typeof data === 'object' && data !== null && 'type' in data) {
					if (data.type === ACTION_MESSAGE) void applyQueue();
				}
			};
			const worker = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
			worker?.addEventListener('message', onMessage);
			return () => {
				stopTick();
				upload.cancel();
				worker?.removeEventListener('message', onMessage);
			};
		});
	}

	return {
		start,
		get ready() {
			return ready;
		},
		get settings(): ReminderSettings {
			return settings;
		},
		get calendarDetails() {
			return calendarDetails;
		},
		get due() {
			return due;
		},
		get missed() {
			return missed;
		},
		get alert() {
			return alert;
		},
		get appliedFromQueue() {
			return appliedFromQueue;
		},
		get push(): PushState {
			return push;
		},
		get feedToken() {
			return feedToken;
		},
		get hasJournal() {
			return allJournal.length > 0;
		},
		/** The occurrence behind an opaque id (a notification tapped), if this device knows it. */
		find(opaqueId: string): DueReminder | null {
			const occurrence = occurrences.find((o) => o.opaqueId === opaqueId);
			return occurrence === undefined
				? null
				: { occurrence, label: labelOf(occurrence), state: 'due' };
		},
		dismissAlert() {
			alert = null;
		},
		dismissApplied() {
			appliedFromQueue = null;
		},
		async dismissMissed(): Promise<WriteResult> {
			const existing = parseLatest(ownRecords, SEEN_KIND, seenBodySchema);
			return writes.markSeen(existing?.record.id);
		},
		async saveSettings(next: ReminderSettings, details = calendarDetails): Promise<WriteResult> {
			return writes.saveSettings(next, details, settingsEntry?.record.id);
		},
		async taken(reminder: DueReminder): Promise<WriteResult> {
			return writes.taken(reminder.occurrence, timers.now());
		},
		async snooze(reminder: DueReminder, choice: SnoozeChoice): Promise<WriteResult> {
			if (mint === null) return err({ type: 'locked' });
			const snoozed = snoozeOccurrence(reminder.occurrence, choice, timers.now(), mint);
			if (alert?.sourceRef === reminder.occurrence.sourceRef) alert = null;
			return writes.snooze(reminder.occurrence, snoozed.fireAt);
		},
		refreshPush,
		async subscribePush(): Promise<CommandResult> {
			const subscribed = await subscribeToPush(deps.http, pushLocale());
			if (!subscribed.ok) {
				if (subscribed.error === 'permission-denied') await refreshPush();
				return subscribed;
			}
			lastUpload = '';
			await refreshPush();
			await uploadNow();
			return ok(null);
		},
		async unsubscribePush(): Promise<CommandResult> {
			await unsubscribeFromPush(deps.http);
			await refreshPush();
			return ok(null);
		},
		async sendTest(): Promise<CommandResult> {
			if (mint === null) return err('locked');
			const at = timers.now();
			const opaqueId = mint({ kind: 'medication', sourceRef: 'test-reminder', fireAt: at });
			return deps.http.sendTest(opaqueId);
		},
		calendarFile(): Blob {
			return new Blob([calendarText(calendarDetails)], { type: 'text/calendar' });
		},
		async createFeed(): Promise<CommandResult> {
			const created = await deps.http.createFeed(feedEvents(), pushLocale());
			if (!created.ok) return created;
			const existing = parseLatest(ownRecords, FEED_KIND, feedBodySchema);
			const saved = await writes.saveFeedToken(created.value, existing?.record.id);
			return saved.ok ? ok(null) : err('locked');
		},
		async revokeFeed(): Promise<CommandResult> {
			const response = await deps.http.revokeFeed();
			if (!response.ok) return response;
			const existing = parseLatest(ownRecords, FEED_KIND, feedBodySchema);
			if (existing !== null) {
				await writes.forgetFeedToken(existing.record.id);
			}
			lastFeed = '';
			return ok(null);
		}
	};
}

export const reminders = createReminders({
	timers: browserTimers,
	http: createReminderHttp((input, init) => fetch(input, init))
});
