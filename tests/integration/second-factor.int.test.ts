// The second factor through the real handlers, on SQLite and PostgreSQL: enrolment (secret and
// otpauth URI, confirmation by a code, ten recovery codes, other sessions signed out), sign-in that
// asks for the code after the passphrase, a code replayed within its window refused, a recovery
// code that works once, per-account rate limit on codes like passwords, and the professional kind
// that needs the second factor on (and keeps it on).
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expect, it } from 'vitest';
import { authResponseSchema } from '../../src/lib/contracts/auth';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	confirmSecondFactorResponseSchema,
	enrolResponseSchema,
	secondFactorStatusSchema
} from '../../src/lib/contracts/second-factor';
import { totpAt } from '../../server/auth/totp';
import {
	apiRequest,
	createTestApp,
	sessionCookieFrom,
	signUpAs,
	type TestApp
} from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie } from '../fixtures/server/people';

const errorCode = async (response: Response): Promise<string> =>
	apiErrorBodySchema.parse(await response.json()).error.code;

interface Enrolled {
	readonly person: ReturnType<typeof marie>;
	readonly cookie: string;
	readonly secret: Uint8Array;
	readonly recoveryCodes: readonly string[];
}

/** Signs up, enrols and confirms with the current code; returns the secret and recovery codes. */
async function enrolled(app: TestApp): Promise<Enrolled> {
	const person = marie();
	const { cookie } = await signUpAs(app, person);
	const enrol = await app.fetch(apiRequest('POST', '/api/auth/second-factor/enrol', { cookie }));
	expect(enrol.status).toBe(200);
	const { secret, uri } = enrolResponseSchema.parse(await enrol.json());
	expect(uri).toContain(`secret=${secret}`);
	expect(uri).toContain('issuer=Cercle');
	const bytes = decodeBase32IgnorePadding(secret);
	expect(bytes.length).toBeGreaterThanOrEqual(20);
	const confirm = await app.fetch(
		apiRequest('POST', '/api/auth/second-factor/confirm', {
			cookie,
			body: { code: totpAt(bytes, app.now()) }
		})
	);
	expect(confirm.status).toBe(200);
	const { recoveryCodes } = confirmSecondFactorResponseSchema.parse(await confirm.json());
	return { person, cookie, secret: bytes, recoveryCodes };
}

const login = (app: TestApp, person: Enrolled['person'], secondFactor?: unknown, ip?: string) =>
	app.fetch(
		apiRequest('POST', '/api/auth/login', {
			body: {
				login: person.login,
				authKey: person.authKey,
				...(secondFactor === undefined ? {} : { secondFactor })
			}
		}),
		ip
	);

forEachDatabase('second factor', (get) => {
	it('enrols with a confirmed code, then signs in only with the code after the passphrase', async () => {
		const app = createTestApp(get().handle);
		const { person, cookie, secret, recoveryCodes } = await enrolled(app);
		expect(recoveryCodes).toHaveLength(10);
		expect(new Set(recoveryCodes).size).toBe(10);
		const status = secondFactorStatusSchema.parse(
			await (await app.fetch(apiRequest('GET', '/api/auth/second-factor', { cookie }))).json()
		);
		expect(status).toEqual({ enabled: true, recoveryCodesLeft: 10, kind: 'person' });

		const without = await login(app, person);
		expect(without.status).toBe(401);
		expect(await errorCode(without)).toBe('second-factor-required');
		expect(without.headers.get('set-cookie')).toBeNull();

		const wrong = await login(app, person, { code: totpAt(secret, app.now() + 10 * 60_000) });
		expect(wrong.status).toBe(401);
		expect(await errorCode(wrong)).toBe('second-factor-invalid');

		app.advance(30_000);
		const right = await login(app, person, { code: totpAt(secret, app.now()) });
		expect(right.status).toBe(200);
		expect(authResponseSchema.parse(await right.json()).account.login).toBe(person.login);
		expect(sessionCookieFrom(right)).toMatch(/^__Host-cercle_session=/);
	});

	it('refuses a code replayed within its window, and one older than the last used', async () => {
		const app = createTestApp(get().handle);
		const { person, secret } = await enrolled(app);
		app.advance(30_000);
		const code = totpAt(secret, app.now());
		expect((await login(app, person, { code })).status).toBe(200);
		const replay = await login(app, person, { code });
		expect(replay.status).toBe(401);
		expect(await errorCode(replay)).toBe('second-factor-replayed');
		// The previous step's code is still inside the drift window but before the last used step.
		const older = await login(app, person, { code: totpAt(secret, app.now() - 30_000) });
		expect(await errorCode(older)).toBe('second-factor-replayed');
		app.advance(30_000);
		expect((await login(app, person, { code: totpAt(secret, app.now()) })).status).toBe(200);
	});

	it('lets two parallel sign-ins with one code through at most once', async () => {
		const app = createTestApp(get().handle);
		const { person, secret } = await enrolled(app);
		app.advance(30_000);
		const code = totpAt(secret, app.now());
		const answers = await Promise.all([
			login(app, person, { code }),
			login(app, person, { code }),
			login(app, person, { code })
		]);
		expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
	});

	it('accepts each recovery code once, in any case and with spaces', async () => {
		const app = createTestApp(get().handle);
		const { person, recoveryCodes } = await enrolled(app);
		const first = recoveryCodes[0] ?? '';
		const typed = ` ${first.toUpperCase().replaceAll('-', ' ')} `;
		const used = await login(app, person, { recoveryCode: typed });
		expect(used.status).toBe(200);
		const again = await login(app, person, { recoveryCode: first });
		expect(again.status).toBe(401);
		expect(await errorCode(again)).toBe('second-factor-invalid');
		const cookie = sessionCookieFrom(used);
		const status = secondFactorStatusSchema.parse(
			await (await app.fetch(apiRequest('GET', '/api/auth/second-factor', { cookie }))).json()
		);
		expect(status.recoveryCodesLeft).toBe(9);
		expect((await login(app, person, { recoveryCode: recoveryCodes[1] })).status).toBe(200);
	});

	it('limits codes per account like passwords (10 per 15 minutes), from any address', async () => {
		const app = createTestApp(get().handle);
		const { person, secret } = await enrolled(app);
		const bad = totpAt(secret, app.now() + 60 * 60_000);
		for (let i = 0; i < 10; i++) {
			const r = await login(app, person, { code: bad }, `192.0.2.${i + 1}`);
			expect(await errorCode(r)).toBe('second-factor-invalid');
		}
		app.advance(30_000);
		const limited = await login(app, person, { code: totpAt(secret, app.now()) }, '192.0.2.99');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		app.advance(15 * 60_000);
		expect((await login(app, person, { code: totpAt(secret, app.now()) })).status).toBe(200);
	});

	it('signs out other sessions at confirmation and refuses a wrong confirmation code', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie } = await signUpAs(app, person);
		const other = sessionCookieFrom(await login(app, person));
		const enrol = enrolResponseSchema.parse(
			await (
				await app.fetch(apiRequest('POST', '/api/auth/second-factor/enrol', { cookie }))
			).json()
		);
		const secret = decodeBase32IgnorePadding(enrol.secret);
		const wrong = await app.fetch(
			apiRequest('POST', '/api/auth/second-factor/confirm', {
				cookie,
				body: { code: totpAt(secret, app.now() + 5 * 60_000) }
			})
		);
		expect(await errorCode(wrong)).toBe('second-factor-invalid');
		// Not confirmed: sign-in still needs only the passphrase.
		expect((await login(app, person)).status).toBe(200);
		const confirm = await app.fetch(
			apiRequest('POST', '/api/auth/second-factor/confirm', {
				cookie,
				body: { code: totpAt(secret, app.now()) }
			})
		);
		expect(confirmSecondFactorResponseSchema.parse(await confirm.json()).revokedSessions).toBe(2);
		expect(
			(await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: other }))).status
		).toBe(401);
		expect((await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }))).status).toBe(200);
		const again = await app.fetch(apiRequest('POST', '/api/auth/second-factor/enrol', { cookie }));
		expect(await errorCode(again)).toBe('second-factor-enabled');
	});

	it('makes an account professional only with the second factor on, and keeps it on', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie: plain } = await signUpAs(app, person);
		const refused = await app.fetch(
			apiRequest('PUT', '/api/account/kind', { cookie: plain, body: { kind: 'professional' } })
		);
		expect(refused.status).toBe(403);
		expect(await errorCode(refused)).toBe('professional-needs-second-factor');

		const { cookie, secret } = await enrolled(app);
		const made = await app.fetch(
			apiRequest('PUT', '/api/account/kind', { cookie, body: { kind: 'professional' } })
		);
		expect(made.status).toBe(200);
		expect(secondFactorStatusSchema.parse(await made.json()).kind).toBe('professional');
		app.advance(30_000);
		const off = await app.fetch(
			apiRequest('POST', '/api/auth/second-factor/disable', {
				cookie,
				body: { code: totpAt(secret, app.now()) }
			})
		);
		expect(off.status).toBe(403);
		expect(await errorCode(off)).toBe('professional-needs-second-factor');

		// Back to a person: the second factor may be turned off (with a code), then sign-in needs
		// only the passphrase again.
		await app.fetch(apiRequest('PUT', '/api/account/kind', { cookie, body: { kind: 'person' } }));
		const turnedOff = await app.fetch(
			apiRequest('POST', '/api/auth/second-factor/disable', {
				cookie,
				body: { code: totpAt(secret, app.now()) }
			})
		);
		expect(turnedOff.status).toBe(204);
	});
});
