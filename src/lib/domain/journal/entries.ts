// A journal record as the app shows it: a vault record whose body parsed with its kind's schema,
// with its sync metadata. Pure (no vault): the UI, state and the repository
// (vault/repos/journal.ts) share these shapes and the parsing from a `VaultRecord`.
import type { Category } from '../categories';
import type { AuthorCheck } from '../circle/record-signature';
import type { VaultRecord } from '../records';
import type { FieldError } from './common';
import type { SkipReason } from './medications';
import { parseBodyPlain } from './plain-bodies';
import {
	kindToCategory,
	parseJournalBody,
	type BodyOf,
	type JournalBody,
	type JournalKind
} from './records';

/** A journal record as the UI sees it; structurally a domain `JournalEntry`, plus sync metadata. */
export interface JournalRecord<B extends JournalBody = JournalBody> {
	readonly id: string;
	readonly kind: B['kind'];
	readonly category: Category;
	readonly at: number;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly author?: string;
	/** The author's identity signature (`domain/circle/record-signature.ts`). */
	readonly signature?: string;
	/** What the reading device checked of `author` (`state/record-authors.ts`). */
	readonly authorCheck?: AuthorCheck | null;
	readonly body: B;
	/** The other version kept by the merge when two devices edited this entry at once. */
	readonly conflict?: VaultRecord['conflict'];
}

export type RecordOf<K extends JournalKind> = JournalRecord<BodyOf<K>>;

/** A type guard selecting records of one kind. */
export const isKind =
	<K extends JournalKind>(kind: K) =>
	(record: JournalRecord): record is RecordOf<K> =>
		record.body.kind === kind;

/**
 * A stored body as `parseJournalBody` reads it, or null. The kinds read by the thousand (readings,
 * doses) go through a plain parser held equal to zod's (plain-bodies.ts), the others through zod.
 */
function storedBody(raw: unknown): JournalBody | null {
	const plain = parseBodyPlain(raw);
	if (plain !== undefined) return plain;
	const parsed = parseJournalBody(raw);
	return parsed.ok ? parsed.value : null;
}

/** Parses a vault record into a journal record, or null when its body is not a valid journal body. */
export function toJournalRecord(record: VaultRecord): JournalRecord | null {
	const value = storedBody(record.body);
	if (value === null || value.kind !== record.kind) return null;
	return {
		id: record.id,
		kind: value.kind,
		category: record.category,
		at: record.at,
		hlc: record.hlc,
		deleted: record.deleted,
		...(record.author === undefined ? {} : { author: record.author }),
		...(record.signature === undefined ? {} : { signature: record.signature }),
		...(record.authorCheck === undefined ? {} : { authorCheck: record.authorCheck }),
		body: value,
		...(record.conflict === undefined ? {} : { conflict: record.conflict })
	};
}

export function toJournalRecords(records: readonly VaultRecord[]): readonly JournalRecord[] {
	const out: JournalRecord[] = [];
	for (const record of records) {
		const parsed = toJournalRecord(record);
		if (parsed) out.push(parsed);
	}
	return out;
}

/** The categories holding `kinds`, each with the kinds it holds. */
export function categoriesOf(
	kinds: readonly JournalKind[]
): ReadonlyMap<Category, readonly JournalKind[]> {
	const map = new Map<Category, JournalKind[]>();
	for (const kind of kinds) {
		const category = kindToCategory[kind];
		map.set(category, [...(map.get(category) ?? []), kind]);
	}
	return map;
}

/** Why a journal write did not happen (the repository's answer, shown in words by the UI). */
export type SaveError =
	| { readonly type: 'invalid'; readonly errors: readonly FieldError[] }
	| { readonly type: 'conflict'; readonly current: JournalRecord | null }
	| { readonly type: 'not-found' }
	| { readonly type: 'locked' };

/** A dose to log: a slot of a schedule, or an as-needed dose. */
export interface DoseInput {
	readonly medicationId: string;
	/** The slot being logged, or null for an as-needed dose. */
	readonly slot: { readonly id: string; readonly scheduledAt: number } | null;
	readonly status: 'taken' | 'skipped' | 'late';
	readonly takenAt?: number;
	readonly skipReason?: SkipReason;
	readonly note?: string;
}
