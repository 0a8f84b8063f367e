// Who wrote a member record, in words (issue 14, trust between members): the one place every
// screen turns a checked writer (`AuthorCheck`, `domain/circle/record-signature.ts`) into text. A
// verified writer is named with this device's own label for her; anything else reads "Could not
// check who wrote this: <reason>", naming whom the record CLAIMS, never as its writer.
import { m } from '$lib/paraglide/messages.js';
import type { AuthorCheck } from '$lib/domain/circle/record-signature';

export type NameOf = (accountId: string) => string | null;

const nameFor = (accountId: string, nameOf: NameOf): string =>
	nameOf(accountId) ?? m.prowrite_someone();

/** "Could not check who wrote this: …" with the reason (exhaustive over `AuthorRefusal`). */
export function unverifiedText(
	check: Extract<AuthorCheck, { type: 'not-verified' }>,
	nameOf: NameOf
): string {
	const name = nameFor(check.accountId, nameOf);
	switch (check.reason) {
		case 'unsigned':
			return m.memsig_unverified_unsigned({ name });
		case 'unknown-signer':
			return m.memsig_unverified_unknown_signer({ name });
		case 'bad-signature':
			return m.memsig_unverified_bad_signature({ name });
		case 'after-leaving':
			return m.memsig_unverified_after_leaving({ name });
		case 'not-the-writer':
			return m.memsig_unverified_not_the_writer({ name });
		case 'arrived-after-leaving':
			return m.memsig_unverified_arrived_after_leaving({ name });
	}
}

/**
 * What a verified writer's line must add: for a former member's record that reached the circle
 * after she left, that its date is her own claim; else null.
 */
export function caveatText(writer: AuthorCheck, nameOf: NameOf): string | null {
	return writer.type === 'verified' && writer.arrivedLate === true
		? m.memsig_arrived_late({ name: nameFor(writer.accountId, nameOf) })
		: null;
}

/** A task event the board did not count, in words: what it names, then why (`board.ts`). */
export function uncountedText(
	event: {
		readonly type: string;
		readonly writer: Extract<AuthorCheck, { type: 'not-verified' }>;
	},
	nameOf: NameOf
): string {
	const name = nameFor(event.writer.accountId, nameOf);
	const what =
		event.type === 'claim'
			? m.memsig_board_claim_uncounted({ name })
			: event.type === 'complete'
				? m.memsig_board_complete_uncounted({ name })
				: m.memsig_board_change_uncounted({ name });
	return `${what} ${unverifiedText(event.writer, nameOf)}`;
}

/** The verified writer's name, or null when the writer could not be checked here. */
export const verifiedName = (writer: AuthorCheck, nameOf: NameOf): string | null =>
	writer.type === 'verified' ? nameFor(writer.accountId, nameOf) : null;

/**
 * One attribution line: `named(name)` for a verified writer ("Note from Bruno, 3 Dec"), else
 * `unnamed` followed by why the writer could not be checked.
 */
export function writerLine(
	writer: AuthorCheck,
	nameOf: NameOf,
	named: (name: string) => string,
	unnamed: string
): string {
	if (writer.type === 'not-verified') return `${unnamed}. ${unverifiedText(writer, nameOf)}`;
	const caveat = caveatText(writer, nameOf);
	const line = named(nameFor(writer.accountId, nameOf));
	return caveat === null ? line : `${line}. ${caveat}`;
}
