// The person's Circle page offline (issue 11 §10): instead of "No connection", the members this
// device last received, marked as kept from an earlier visit. The copy is sealed in the vault's
// meta (never synced, unreadable while locked); a device that never saw the list still says it is
// offline. Real server on SQLite and PostgreSQL, real vaults, the real circle commands.
import { expect, it } from 'vitest';
import { createCircleTestApp } from '../fixtures/circle/app';
import { commandsFor, device, joinWithCommands } from '../fixtures/circle/devices';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';
import { vaultTables } from '../../src/lib/vault/testing';

forEachDatabase('circle offline', (get) => {
	it('shows the members last received when the server cannot be reached', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		await joinWithCommands(owner, member, [{ category: 'plan', access: 'read', until: null }]);
		const commands = commandsFor(owner);

		const online = await commands.loadCircle(owner.circleId);
		if (!online.ok) throw new Error(online.error.type);
		expect(online.value.cached).toBe(false);
		const names = online.value.members.map((m) => m.label);
		expect(names).toContain('Claire');

		owner.online = false;
		const offline = await commands.loadCircle(owner.circleId);
		if (!offline.ok) throw new Error(offline.error.type);
		expect(offline.value.cached).toBe(true);
		expect(offline.value.members.map((m) => m.label)).toEqual(names);
		expect(offline.value.checks.get(member.accountId)).toBe('pinned');

		// Nothing of the list is stored in the clear.
		const meta = JSON.stringify(await vaultTables(owner.vault).meta.toArray());
		expect(meta).toContain('circle-snapshot:');
		expect(meta).not.toContain('Claire');

		// A device that never received the list says it is offline.
		const fresh = await device(app, marie);
		fresh.online = false;
		expect(await commandsFor(fresh).loadCircle(fresh.circleId)).toEqual({
			ok: false,
			error: { type: 'offline' }
		});
	}, 120_000);
});
