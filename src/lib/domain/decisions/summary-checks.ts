// Two things the one-page decision summary says that the record alone does not: a gentle word when
// the SURE test says "ready" but no option was chosen (the two answers disagree, and the person may
// want to know why before the appointment), and the person's name as she chooses to print it
// (her name, or only her initials; nothing is kept, it is typed for the print).
import type { DecisionRecord } from './record';

/** "You feel ready" (SURE 4 of 4) while the choice is still "not decided yet". */
export function isReadyButUndecided(record: Pick<DecisionRecord, 'choice' | 'sure'>): boolean {
	return record.choice.kind === 'undecided' && !record.sure.needsDiscussion;
}

export type NameStyle = 'name' | 'initials';

/** "Monique Durand" or "M. D."; hyphenated first names keep both initials ("J.-P. M."). */
export function printedName(name: string, style: NameStyle): string {
	const words = name
		.trim()
		.split(/\s+/u)
		.filter((w) => w !== '');
	if (style === 'name') return words.join(' ');
	return words
		.map((word) =>
			word
				.split('-')
				.filter((part) => part !== '')
				.map((part) => `${part.charAt(0).toLocaleUpperCase()}.`)
				.join('-')
		)
		.join(' ');
}
