// A member's export is logged in the person's access log through the circle's one API client:
// one `recordAudit` per category read, the categories not logged answered (the export works
// offline), and an export that does not parse sends nothing. The app's circle commands
// (state/circle-commands.ts) carry the command over the `fetch` they were given.
import { describe, expect, it } from 'vitest';
import { createCircleExportCommands } from '$lib/commands/circle-export';
import { createCircleCommands } from '$lib/state/circle-commands';
import { createCircleHttp } from '$lib/sync/circle-http';
import { fakeServer } from '../../fixtures/circle/fake-server';
import { makeVault } from '../../fixtures/vault';

const AUDIT = 'POST /api/circles/c1/audit';

describe('circle export command: logSharedExport', () => {
	it('sends one exported entry per category and answers those the server did not take', async () => {
		const bodies: unknown[] = [];
		const server = fakeServer({
			[AUDIT]: (body) => {
				bodies.push(body);
				return bodies.length === 2 ? [503, { error: { code: 'unavailable' } }] : [204, null];
			}
		});
		const commands = createCircleExportCommands({ http: createCircleHttp(server.fetch) });
		const result = await commands.logSharedExport('c1', ['measurements', 'plan', 'notes']);
		expect(result).toEqual({ ok: true, value: ['plan'] });
		expect(server.calls).toEqual([AUDIT, AUDIT, AUDIT]);
		expect(bodies).toEqual([
			{ action: 'exported', category: 'measurements' },
			{ action: 'exported', category: 'plan' },
			{ action: 'exported', category: 'notes' }
		]);
	});

	it('offline, every category is answered as not logged', async () => {
		const server = fakeServer({ [AUDIT]: [204, null] });
		server.offline = true;
		const commands = createCircleExportCommands({ http: createCircleHttp(server.fetch) });
		expect(await commands.logSharedExport('c1', ['symptoms'])).toEqual({
			ok: true,
			value: ['symptoms']
		});
	});

	it('refuses an export that does not parse, and sends nothing', async () => {
		const server = fakeServer({ [AUDIT]: [204, null] });
		const commands = createCircleExportCommands({ http: createCircleHttp(server.fetch) });
		expect(await commands.logSharedExport('', ['symptoms'])).toEqual({
			ok: false,
			error: { type: 'invalid-input' }
		});
		expect(server.calls).toEqual([]);
	});

	it('the app’s circle commands send it through the fetch they were given', async () => {
		const server = fakeServer({ [AUDIT]: [204, null] });
		const commands = createCircleCommands({
			vault: () => makeVault(),
			fetch: server.fetch,
			publishNewKeys: () => Promise.resolve(),
			now: () => 0
		});
		expect(await commands.logSharedExport('c1', ['medications'])).toEqual({ ok: true, value: [] });
		expect(server.calls).toEqual([AUDIT]);
	});
});
