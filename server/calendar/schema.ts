// The calendar feed table as Kysely sees it (created by ./migrations.ts). Callers holding the main
// `Kysely<Database>` reach it with `db.$extendTables<CalendarDatabase>()`.
// What is stored: the hash of the feed's secret token and the generic events the device published
// (start, zone, recurrence rule as JSON). No title, no medicine name, ever.
export interface CalendarFeedsTable {
	readonly account_id: string;
	readonly token_hash: string;
	/** JSON array of `CalendarFeedEvent`. */
	readonly events: string;
	readonly locale: string;
	readonly created_at: number;
	readonly updated_at: number;
}

// A type alias, not an interface: `$extendTables` needs an index-signature-compatible record.
export type CalendarDatabase = {
	readonly calendar_feeds: CalendarFeedsTable;
};
