// Named reminder fixtures: Marie's medications, goals and appointments, built with defaults.
import type { ScheduledMedication, Schedule } from '../../../src/lib/domain/time/schedule';
import {
	createOpaqueIdMinter,
	DEFAULT_REMINDER_SETTINGS,
	EMPTY_SOURCES,
	type ReminderContext,
	type ReminderSettings,
	type ReminderSources
} from '../../../src/lib/domain/reminders';

export const DEVICE_KEY = new Uint8Array(32).fill(7);
export const mint = createOpaqueIdMinter(DEVICE_KEY);

export const medication = (
	schedule: Schedule,
	overrides: Partial<ScheduledMedication> = {}
): ScheduledMedication => ({
	medicationId: 'metformin-0001',
	schedule,
	startAt: Date.UTC(2024, 0, 1),
	stopAt: null,
	...overrides
});

export const context = (
	timeZone: string,
	settings: Partial<ReminderSettings> = {}
): ReminderContext => ({ timeZone, settings: { ...DEFAULT_REMINDER_SETTINGS, ...settings } });

export const sources = (partial: Partial<ReminderSources>): ReminderSources => ({
	...EMPTY_SOURCES,
	...partial
});
