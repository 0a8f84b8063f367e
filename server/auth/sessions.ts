// Database sessions in the Lucia style. A session lives 30 days and slides: when less than 15 days
// remain on a request, it is extended and the cookie re-sent. Revoking deletes the row, so a copied
// cookie stops working at once (replay after logout → 401).
import type { DbHandle } from '../db';
import type { SessionRow } from '../db/schema';
import { generateSessionToken, isWellFormedToken, sessionIdFromToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_RENEW_BELOW_MS = 15 * DAY;
const LAST_SEEN_GRANULARITY_MS = 5 * 60 * 1000;

export interface SessionAccount {
	readonly id: string;
	readonly login: string;
}

export interface ValidSession {
	readonly session: SessionRow;
	readonly account: SessionAccount;
	/** True when the expiry moved forward and the cookie must be sent again. */
	readonly renewed: boolean;
}

export interface Sessions {
	readonly create: (
		accountId: string,
		userAgent: string
	) => Promise<{ readonly token: string; readonly session: SessionRow }>;
	readonly validate: (token: string) => Promise<ValidSession | null>;
	readonly list: (accountId: string) => Promise<readonly SessionRow[]>;
	/** Deletes one session of `accountId`; false when it is not theirs or does not exist. */
	readonly revoke: (accountId: string, sessionId: string) => Promise<boolean>;
	readonly revokeAll: (accountId: string) => Promise<void>;
}

export function createSessions(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
}): Sessions {
	const { db } = deps.db;
	return {
		async create(accountId, userAgent) {
			const now = deps.now();
			const token = generateSessionToken(deps.randomBytes);
			const session: SessionRow = {
				id: sessionIdFromToken(token),
				account_id: accountId,
				created_at: now,
				expires_at: now + SESSION_LIFETIME_MS,
				last_seen_at: now,
				user_agent: userAgent
			};
			await db
				.deleteFrom('sessions')
				.where('account_id', '=', accountId)
				.where('expires_at', '<=', now)
				.execute();
			await db.insertInto('sessions').values(session).execute();
			return { token, session };
		},

		async validate(token) {
			if (!isWellFormedToken(token)) return null;
			const now = deps.now();
			const id = sessionIdFromToken(token);
			const row = await db
				.selectFrom('sessions')
				.innerJoin('accounts', 'accounts.id', 'sessions.account_id')
				.selectAll('sessions')
				.select(['accounts.login as login'])
				.where('sessions.id', '=', id)
				.executeTakeFirst();
			if (row === undefined) return null;
			const { login, ...session } = row;
			if (now >= session.expires_at) {
				await db.deleteFrom('sessions').where('id', '=', id).execute();
				return null;
			}
			const account = { id: session.account_id, login };
			if (session.expires_at - now < SESSION_RENEW_BELOW_MS) {
				const renewed = { ...session, expires_at: now + SESSION_LIFETIME_MS, last_seen_at: now };
				await db
					.updateTable('sessions')
					.set({ expires_at: renewed.expires_at, last_seen_at: now })
					.where('id', '=', id)
					.execute();
				return { session: renewed, account, renewed: true };
			}
			if (now - session.last_seen_at >= LAST_SEEN_GRANULARITY_MS) {
				await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
				return { session: { ...session, last_seen_at: now }, account, renewed: false };
			}
			return { session, account, renewed: false };
		},

		async list(accountId) {
			return db
				.selectFrom('sessions')
				.selectAll()
				.where('account_id', '=', accountId)
				.where('expires_at', '>', deps.now())
				.orderBy('last_seen_at', 'desc')
				.execute();
		},

		async revoke(accountId, sessionId) {
			const result = await db
				.deleteFrom('sessions')
				.where('id', '=', sessionId)
				.where('account_id', '=', accountId)
				.executeTakeFirst();
			return result.numDeletedRows > 0n;
		},

		async revokeAll(accountId) {
			await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
		}
	};
}
