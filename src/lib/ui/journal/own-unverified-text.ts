// Why one of her own entries is not verified as hers on her device, in words (issue 14;
// `state/own-unverified.ts`): the reasons a check of her own version can give, said to her ("your
// devices sign everything you write"); any other reason in the words every screen uses
// (`writer-text.ts`), naming her as "you".
import { m } from '$lib/paraglide/messages.js';
import type { UnverifiedEntry } from '$lib/domain/care-team/shared-records';
import { unverifiedText } from '$lib/ui/writer-text';

export function ownUnverifiedWhy(entry: UnverifiedEntry): string {
	switch (entry.writer.reason) {
		case 'unsigned':
			return m.memsig_own_unsigned();
		case 'bad-signature':
			return m.memsig_own_bad_signature();
		case 'unknown-signer':
			return m.memsig_own_unknown_signer();
		case 'after-leaving':
		case 'arrived-after-leaving':
		case 'not-the-writer':
			return unverifiedText(entry.writer, () => m.memsig_own_unverified_you());
	}
}

/** One line of the journal: "Not verified as yours. Could not check who wrote this: …". */
export const ownUnverifiedLine = (entry: UnverifiedEntry): string =>
	`${m.memsig_own_unverified_title()}. ${ownUnverifiedWhy(entry)}`;
