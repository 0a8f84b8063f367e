// The layers ESLint enforces (eslint.layers.js), read from the config each folder really gets: in a
// flat config the last block naming a file replaces the earlier blocks' `no-restricted-imports`,
// so a folder listed in two blocks silently loses a rule (commands once lost theirs this way).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const eslint = new ESLint();

const configSchema = z.object({ rules: z.record(z.string(), z.unknown()) });

/** The `no-restricted-imports` options a file at `path` gets, as JSON text. */
async function refused(path: string): Promise<string> {
	const config = configSchema.parse(await eslint.calculateConfigForFile(path));
	return JSON.stringify(config.rules['no-restricted-imports'] ?? null);
}

describe('import layers', () => {
	it('keeps commands away from state, ui, crypto, the server and Dexie', async () => {
		const rule = await refused('src/lib/commands/journal.ts');
		for (const name of ['$lib/state/*', '$lib/ui/*', '$lib/crypto/*', '$server', 'dexie']) {
			expect(rule).toContain(JSON.stringify(name));
		}
	});

	it('keeps ui and routes away from the vault, crypto and Dexie', async () => {
		for (const path of ['src/lib/ui/decide/error-text.ts', 'src/routes/(app)/decide/+page.ts']) {
			const rule = await refused(path);
			for (const name of ['$lib/vault/*', '$lib/crypto/*', 'dexie']) {
				expect(rule).toContain(JSON.stringify(name));
			}
		}
	});

	it('keeps the vault away from state, ui and commands', async () => {
		const rule = await refused('src/lib/vault/records.ts');
		for (const name of ['$lib/state/*', '$lib/ui/*', '$lib/commands/*']) {
			expect(rule).toContain(JSON.stringify(name));
		}
	});
});
