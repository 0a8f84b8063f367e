// Runs npm scripts at the same time and fails if any of them fails: `npm run lint` uses it so the
// type-aware ESLint pass and svelte-check (each bound to one core) run side by side on a 2-core CI
// machine. Each script's output is printed whole when it ends, so logs never interleave.
// Usage: node tests/tools/run-parallel.ts <npm script> [<npm script> ...]
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0)
	throw new Error('usage: node tests/tools/run-parallel.ts <npm script> [...]');

const run = (script: string): Promise<boolean> =>
	new Promise((resolve) => {
		const started = Date.now();
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => chunks.push(c));
		child.on('close', (code, signal) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const output = Buffer.concat(chunks).toString().trimEnd();
			const status = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${String(code)}`})`;
			process.stdout.write(
				`\n── ${script}: ${status} in ${seconds} s\n${output ? output + '\n' : ''}`
			);
			resolve(code === 0);
		});
	});

const results = await Promise.all(scripts.map(run));
// Every child has closed: the process ends on its own, with this code.
process.exitCode = results.every(Boolean) ? 0 : 1;
