// The production build served for a bench part: server/start.js on a throwaway data directory and
// the given port (`npm run build` first). Shared by the first-load, journal, Lighthouse and
// slow-network parts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export async function startApp(port: number): Promise<ChildProcess> {
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-bench-data-'));
	const child = spawn(process.execPath, [join(root, 'server/start.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 100; i++) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/`);
			if (res.ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error('the app did not start');
}

/** A free-looking port for one part (parts run one after the other). */
export function benchPort(): number {
	return 4300 + Math.floor(Math.random() * 500);
}
