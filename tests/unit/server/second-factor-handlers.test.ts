// The second-factor endpoints (server/auth/second-factor-handlers.ts) are each wrapped by `guarded`
// under their own name: the name is what the unexpected-error log line says (server/http/log.ts),
// the one clue an operator has when an endpoint answers a bare 500. Found under Stryker (issue 17):
// the integration suite cannot see a wrong name, as the response is the same.
import { describe, expect, it } from 'vitest';
import type { SecondFactor } from '../../../server/auth/second-factor';
import { createSecondFactorHandlers } from '../../../server/auth/second-factor-handlers';
import type { Handler } from '../../../server/api/types';

describe('second-factor handlers', () => {
	it('guard each endpoint under its own name', () => {
		const names = new Map<Handler, string>();
		const handlers = createSecondFactorHandlers({
			// Never called: only the wiring is read.
			secondFactor: {} as SecondFactor,
			requireSession: () => () => Promise.reject(new Error('not called')),
			guarded: (name, handler) => {
				const wrapped: Handler = (req) => handler(req);
				names.set(wrapped, name);
				return wrapped;
			}
		});
		const keys = [
			'secondFactorStatus',
			'enrolSecondFactor',
			'confirmSecondFactor',
			'disableSecondFactor',
			'setAccountKind'
		] as const;
		expect(Object.keys(handlers).sort()).toEqual([...keys].sort());
		for (const key of keys) expect(names.get(handlers[key])).toBe(key);
	});
});
