// Why a circle or care-team command (src/lib/commands/circle*.ts, teams.ts, team-circle.ts) did not
// do what it was asked, as data (issue 13): put into words once, by `circleErrorText`
// (ui/circle/labels.ts) and `teamErrorText` (ui/teams/labels.ts), exhaustive switches over this
// union. The HTTP side (`sync/circle-http.ts`) turns the API client's errors into it.
import { err, ok as okResult, type Result } from '../result';
import type { ShareableCategory } from './index';

export interface UnverifiedMember {
	readonly accountId: string;
	readonly label: string;
}

export type CircleError =
	| { readonly type: 'http'; readonly code: string }
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	/** What the page asked for does not parse (a role, a label, a grant, a team's name…). */
	| { readonly type: 'invalid-input' }
	| { readonly type: 'locked' }
	| { readonly type: 'secret-missing' }
	| { readonly type: 'proof-invalid' }
	/** The owner's keys in an invitation preview are not the ones the person proved. */
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'key-missing'; readonly category: ShareableCategory }
	| { readonly type: 'rotation-incomplete'; readonly categories: readonly ShareableCategory[] }
	/** Nothing was wrapped to these members: their keys changed (or were never pinned). */
	| { readonly type: 'key-changed'; readonly members: readonly UnverifiedMember[] };

export type CircleResult<T> = Result<T, CircleError>;

export const ok = <T>(value: T): CircleResult<T> => okResult(value);
export const fail = <T>(error: CircleError): CircleResult<T> => err(error);
