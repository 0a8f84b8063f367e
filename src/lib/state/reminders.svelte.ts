// The reminders manager: what rings when, on this device, from the open vault; the runes and the
// effects, each part in its own module (state/reminder-*: inputs, occurrences, timers, uploads,
// push, calendar, commands bound to the vault and HTTP; commands/reminders.ts: every write and the
// Settings commands; domain/reminders: what rings when, what is stored).
// Why: Today's due list, the missed banner, the in-app alert, the Web Push schedule, the action
// queue and the calendar export must agree; all read the occurrences derived here. Everything
// works with no account and no network; push and the calendar feed are extras.
// Invariants:
// - Settings, the opaque-id key, snoozes, the "seen until" mark and the calendar feed token live
//   encrypted in the vault (category `settings`), so every device of the person mints the same
//   opaque ids (the earliest key record wins when two devices created one).
// - The server receives only `{ fireAt, opaqueId }` pairs and generic calendar events, re-sent
//   (debounced) after changes and at unlock (reminder-uploads.ts).
// - The service worker's action queue is applied once the journal and the key are loaded.
// - One alert timer at a time, re-armed on every change (reminder-timers.ts, time injected).
import { untrack } from 'svelte';
import { fromBase64Url } from '$lib/crypto/bytes';
import { createReminderHttp, type ReminderHttp } from '$lib/sync/reminders-http';
import {
	createOpaqueIdMinter,
	indexByOpaqueId,
	type OpaqueIdMinter,
	type ReminderOccurrence,
	type ReminderSettings,
	type SnoozeChoice
} from '$lib/domain/reminders';
import { MINUTE_MS } from '$lib/domain/reminders/ringing';
import { readStoredReminders } from '$lib/domain/reminders/stored';
import { createActionQueue } from '$lib/shared/action-queue';
import { acknowledgedRefs } from '$lib/domain/reminders/journal-sources';
import { reminderCalendarFile, reminderFeedEvents, type CalendarInput } from './reminder-calendar';
import { NO_REMINDER_INPUTS, observeReminderInputs, type ReminderInputs } from './reminder-inputs';
import type { ReminderResult } from '$lib/commands/reminders';
import { bindReminderCommands } from './reminder-commands';
import {
	DAY_MS as DAY,
	PUSH_HORIZON_MS,
	dueReminders,
	findReminder,
	missedReminders,
	occurrencesBetween,
	pushScheduleFrom,
	reminderLabel,
	reminderSources,
	type DueReminder
} from './reminder-occurrences';
import {
	NO_PUSH,
	onQueuedAction,
	pushLocale,
	readPushState,
	type PushState
} from './reminder-push';
import { armNextAlert, browserTimers, type Timers } from './reminder-timers';
import { createReminderUploads } from './reminder-uploads';
import { account } from './account.svelte';
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { currentTimeZone } from './journal.svelte';
import { vault } from './vault.svelte';

export type { PushState } from './reminder-push';

export interface RemindersDeps {
	readonly timers: Timers;
	readonly http: ReminderHttp;
}

function createReminders(deps: RemindersDeps) {
	const { timers } = deps;
	let inputs = $state.raw(NO_REMINDER_INPUTS);
	// One derived per part: a change to one part re-derives only what reads it.
	const journalRecords = $derived(inputs.lasting);
	const recentRecords = $derived(inputs.recent);
	const planStates = $derived(inputs.plan);
	const surveyRecords = $derived(inputs.surveys);
	let now = $state(timers.now());
	let alert = $state<ReminderOccurrence | null>(null);
	let appliedFromQueue = $state<{ taken: number; snoozed: number } | null>(null);
	let push = $state<PushState>(NO_PUSH);
	let started = false;
	let applying = false;
	const zone = currentTimeZone();
	const queue = () => createActionQueue(indexedDB);

	const ready = $derived(inputs.loaded.lasting && inputs.loaded.recent && inputs.loaded.own);
	const ownRecords = $derived(inputs.own);
	const stored = $derived(readStoredReminders(ownRecords));
	const { settings, calendarDetails, feedToken } = $derived(stored);
	const key = $derived(stored.key);
	const mint = $derived<OpaqueIdMinter | null>(
		key === null ? null : createOpaqueIdMinter(fromBase64Url(key))
	);
	const me = $derived(account.account?.id ?? LOCAL_ACCOUNT);
	const sources = $derived(
		reminderSources({
			journal: journalRecords,
			plan: planStates,
			surveys: surveyRecords,
			me,
			timeZone: zone,
			travel: settings.travel,
			now
		})
	);
	const acknowledged = $derived(acknowledgedRefs(recentRecords, zone));

	const between = (from: number, to: number): readonly ReminderOccurrence[] => {
		const { snoozes } = stored;
		return occurrencesBetween({ sources, timeZone: zone, settings, snoozes, mint }, from, to);
	};
	const occurrences = $derived(between(now - DAY, now + PUSH_HORIZON_MS));
	const labelOf = (occurrence: ReminderOccurrence): string =>
		reminderLabel(occurrence, journalRecords, planStates);

	const due = $derived(dueReminders(occurrences, acknowledged, now, labelOf));
	const missed = $derived(
		missedReminders(occurrences, acknowledged, stored.seenUntil, now, labelOf)
	);

	async function applyQueue(): Promise<void> {
		if (applying || mint === null || !ready || vault.status !== 'unlocked') return;
		applying = true;
		const at = timers.now();
		const known = indexByOpaqueId(between(at - 3 * DAY, at + PUSH_HORIZON_MS));
		const result = await writes.applyQueued(queue, known, acknowledged);
		applying = false;
		if (result !== null && result.taken + result.snoozed > 0) appliedFromQueue = result;
	}

	const calendarInput = (): CalendarInput => ({
		journal: journalRecords,
		appointments: sources.appointments,
		plan: planStates,
		timeZone: zone,
		travel: settings.travel,
		now: timers.now()
	});
	const feedEvents = () => reminderFeedEvents(calendarInput());

	const upload = createReminderUploads({
		timers,
		http: deps.http,
		locale: pushLocale,
		active: () => vault.status === 'unlocked',
		schedule: (at) =>
			push.subscribed && push.account === 'signed-in' ? pushScheduleFrom(occurrences, at) : null,
		feed: () => (feedToken === null ? null : feedEvents())
	});

	async function refreshPush(): Promise<void> {
		// Without an account on this device the server has nothing to say: no request (its 401 would
		// be a console error on every start).
		push = await readPushState(deps.http, () => queue().lastReceived(), account.account !== null);
	}

	const { writes, commands } = bindReminderCommands({
		http: deps.http,
		now: timers.now,
		mint: () => mint,
		stored: () => stored,
		refreshPush,
		uploads: upload,
		feedEvents
	});

	function start(): void {
		if (started || typeof window === 'undefined') return;
		started = true;
		$effect.root(() => {
			$effect(() => {
				if (vault.status !== 'unlocked') {
					inputs = NO_REMINDER_INPUTS;
					alert = null;
					return;
				}
				const set = (next: ReminderInputs) => (inputs = next);
				const stop = observeReminderInputs(
					vault.vault(),
					timers.now() - 4 * DAY,
					() => me,
					set,
					// The signature code comes with the first plan answer, not with Today's bundle.
					async (records) => (await import('./own-authors')).checkOwnAuthors(records)
				);
				void refreshPush();
				return stop;
			});

			// The opaque-id key: created once per person (synced to their other devices).
			$effect(() => {
				if (ready && key === null) writes.ensureKey();
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
			const stopActions = onQueuedAction(() => void applyQueue());
			return () => {
				stopTick();
				upload.cancel();
				stopActions();
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
			return journalRecords.length + recentRecords.length > 0;
		},
		/** The occurrence behind an opaque id (a notification tapped), if this device knows it. */
		find: (opaqueId: string) => findReminder(occurrences, opaqueId, labelOf),
		dismissAlert() {
			alert = null;
		},
		dismissApplied() {
			appliedFromQueue = null;
		},
		async snooze(reminder: DueReminder, choice: SnoozeChoice): Promise<ReminderResult> {
			if (mint !== null && alert?.sourceRef === reminder.occurrence.sourceRef) alert = null;
			return writes.snoozeFor(reminder.occurrence, choice, mint);
		},
		refreshPush,
		calendarFile: (): Blob => reminderCalendarFile(calendarInput(), calendarDetails),
		...commands
	};
}

export const reminders = createReminders({
	timers: browserTimers,
	http: createReminderHttp((input, init) => fetch(input, init))
});
