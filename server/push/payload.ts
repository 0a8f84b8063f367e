// The push message body: generic text in the person's language and the opaque id, nothing else.
// Why: push services, and anyone who can see a lock screen preview before the service worker
// runs, must learn nothing about health. The text comes from the reminders message files.
// Invariant: every message is exactly PUSH_MESSAGE_BYTES bytes of UTF-8 JSON followed by space
// padding (JSON allows trailing whitespace), so its size reveals nothing either.
import * as z from 'zod';
import {
	PUSH_MESSAGE_BYTES,
	type PushLocale,
	type PushMessage
} from '../../src/lib/contracts/push';
import en from '../../src/lib/i18n/messages/reminders/en.json';
import fr from '../../src/lib/i18n/messages/reminders/fr.json';

const messagesSchema = z.object({ reminders_push_body: z.string().min(1).max(80) });
const TITLES: Readonly<Record<PushLocale, string>> = {
	en: messagesSchema.parse(en).reminders_push_body,
	fr: messagesSchema.parse(fr).reminders_push_body
};

const encoder = new TextEncoder();

/** A locale stored with a subscription, falling back to English for anything unknown. */
export const pushLocaleOf = (value: string): PushLocale => (value === 'fr' ? 'fr' : 'en');

/** The padded, fixed-size message for `opaqueId` (throws on an id that would not fit: a bug). */
export const buildPushMessage = (opaqueId: string, locale: PushLocale): Uint8Array => {
	const message = { v: 1, id: opaqueId, title: TITLES[locale] } satisfies PushMessage;
	const json = encoder.encode(JSON.stringify(message));
	if (json.length > PUSH_MESSAGE_BYTES) throw new RangeError('push message too long');
	const padded = new Uint8Array(PUSH_MESSAGE_BYTES).fill(0x20);
	padded.set(json);
	return padded;
};
