// VAPID keys: the server's identity towards push services (RFC 8292).
// Why: push services only accept messages signed by the key the browser subscribed with, so the
// key pair must be stable across restarts and shared by every instance.
// Invariants: keys come from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when both are set; otherwise
// from `<DATA_DIR>/vapid.json`, generated on first start with mode 0600 and created exclusively
// (two instances starting together on one data dir end up with the same keys). One key set
// without the other is a configuration error, not a reason to generate new keys. Keys are never
// logged.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { err, ok, type Result } from '$lib/domain/result';

export interface VapidKeys {
	readonly publicKey: string;
	readonly privateKey: string;
	/** `mailto:` or `https:` contact for push services. */
	readonly subject: string;
}

export type VapidError =
	| { readonly type: 'vapid-incomplete' }
	| { readonly type: 'vapid-invalid' }
	| { readonly type: 'vapid-file-unreadable' };

/** Used when VAPID_SUBJECT is not set; production should set a real contact (Apple requires one). */
export const DEFAULT_VAPID_SUBJECT = 'mailto:admin@cercle.invalid';
export const VAPID_FILE = 'vapid.json';

const keySchema = z.object({
	publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/),
	privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/)
});
const subjectSchema = z.string().regex(/^(mailto:.+|https:\/\/.+)$/);

export interface LoadVapidOptions {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly dataDir: string;
	/** `web-push.generateVAPIDKeys` in production. */
	readonly generate: () => { readonly publicKey: string; readonly privateKey: string };
}

const isErrnoCode = (error: unknown, code: string): boolean =>
	error instanceof Error && 'code' in error && error.code === code;

const readKeyFile = (path: string): Result<z.infer<typeof keySchema> | null, VapidError> => {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (isErrnoCode(error, 'ENOENT')) return ok(null);
		return err({ type: 'vapid-file-unreadable' });
	}
	try {
		const parsed = keySchema.safeParse(JSON.parse(text));
		return parsed.success ? ok(parsed.data) : err({ type: 'vapid-invalid' });
	} catch {
		return err({ type: 'vapid-invalid' });
	}
};

/** The VAPID keys from the environment, or the data dir (generated there when absent). */
export const loadVapidKeys = (options: LoadVapidOptions): Result<VapidKeys, VapidError> => {
	const { env } = options;
	const subject = env['VAPID_SUBJECT'] ?? DEFAULT_VAPID_SUBJECT;
	if (!subjectSchema.safeParse(subject).success) return err({ type: 'vapid-invalid' });
	const publicKey = env['VAPID_PUBLIC_KEY'];
	const privateKey = env['VAPID_PRIVATE_KEY'];
	if (publicKey !== undefined || privateKey !== undefined) {
		if (publicKey === undefined || privateKey === undefined)
			return err({ type: 'vapid-incomplete' });
		const parsed = keySchema.safeParse({ publicKey, privateKey });
		return parsed.success ? ok({ ...parsed.data, subject }) : err({ type: 'vapid-invalid' });
	}
	const path = join(options.dataDir, VAPID_FILE);
	const existing = readKeyFile(path);
	if (!existing.ok) return existing;
	if (existing.value !== null) return ok({ ...existing.value, subject });
	const generated = keySchema.safeParse(options.generate());
	if (!generated.success) return err({ type: 'vapid-invalid' });
	try {
		mkdirSync(options.dataDir, { recursive: true });
		writeFileSync(path, `${JSON.stringify(generated.data)}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if (!isErrnoCode(error, 'EEXIST')) return err({ type: 'vapid-file-unreadable' });
		const winner = readKeyFile(path);
		if (!winner.ok) return winner;
		return winner.value === null
			? err({ type: 'vapid-file-unreadable' })
			: ok({ ...winner.value, subject });
	}
	return ok({ ...generated.data, subject });
};
