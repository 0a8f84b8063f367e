// The one HLC format on the wire, apart from the rest of the sync contract: the vault's own side of
// sync (vault/remote.ts) checks pulled HLCs with it, and it is written with `zod/mini` so that
// opening the journal does not bring classic zod (issue 18). contracts/sync.ts uses it in the
// envelope schemas.
import * as z from 'zod/mini';

/**
 * The one HLC format, on the client and the server (src/lib/sync/hlc.ts documents the clock):
 * `MMMMMMMMMMMMMMM-CCCC-NNNNNNNNNNNNNNNN`, 15 decimal digits of wall milliseconds, 4 lowercase hex
 * digits of counter, 16 lowercase hex digits of node id. Fixed width, so string order is time
 * order; anything else (e.g. `zzzz…`, which would sort after every real timestamp forever) is
 * refused at the boundary.
 */
export const HLC_FORMAT = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const hlcSchema = z.string().check(z.length(37), z.regex(HLC_FORMAT, 'hlc'));

/** The wall-clock milliseconds an HLC of the one format carries. */
export const hlcMillis = (hlc: string): number => Number(hlc.slice(0, 15));

/**
 * How far ahead of the server's clock an HLC may be: the client clock's own drift bound
 * (DEFAULT_MAX_DRIFT_MS in src/lib/sync/hlc.ts, 24 h + 1 min). Beyond it the server refuses the
 * envelope (`hlc-future`), so one device with a wrong date cannot win every merge forever.
 */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60 * 1000 + 60 * 1000;
