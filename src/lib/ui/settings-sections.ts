// The sections of Settings, each on its own page (issue 11 §8): one list feeds the index (a link
// with a one-line description per section) and the sub-pages' titles, so they cannot disagree.
// "Circle and privacy" lives on /circle; the index links there rather than copying it.
import { m } from '$lib/paraglide/messages.js';

export type SettingsSectionId =
	'security' | 'account' | 'backup' | 'reminders' | 'language' | 'circle' | 'leave';

export interface SettingsSection {
	readonly id: SettingsSectionId;
	readonly path:
		| '/settings/security'
		| '/settings/account'
		| '/settings/backup'
		| '/settings/reminders'
		| '/settings/language'
		| '/circle'
		| '/settings/leave';
	readonly title: () => string;
	readonly description: () => string;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
	{
		id: 'security',
		path: '/settings/security',
		title: m.settings_security_title,
		description: m.settings_security_desc
	},
	{
		id: 'account',
		path: '/settings/account',
		title: m.settings_account_title,
		description: m.settings_account_desc
	},
	{
		id: 'backup',
		path: '/settings/backup',
		title: m.settings_backup_title,
		description: m.settings_backup_desc
	},
	{
		id: 'reminders',
		path: '/settings/reminders',
		title: m.settings_reminders_title,
		description: m.settings_reminders_desc
	},
	{
		id: 'language',
		path: '/settings/language',
		title: m.settings_language_title,
		description: m.settings_language_desc
	},
	{
		id: 'circle',
		path: '/circle',
		title: m.settings_circle_title,
		description: m.settings_circle_desc
	},
	{
		id: 'leave',
		path: '/settings/leave',
		title: m.settings_leave_title,
		description: m.settings_leave_desc
	}
];
