// The second-factor commands (commands/second-factor.ts) on a fake server that records what it was
// asked: each write is its one request; confirming or turning off reads the status back after a
// success only, and a failed read-back does not turn a done write into a failure.
import { describe, expect, it } from 'vitest';
import {
	confirmSecondFactor,
	disableSecondFactor,
	enrolSecondFactor,
	setAccountKind
} from '$lib/commands/second-factor';
import { createSecondFactorHttp } from '$lib/sync/second-factor-http';
import { errorBody, fakeServer } from '../../fixtures/circle/fake-server';

const STATUS = '/api/auth/second-factor';
const on = { enabled: true, recoveryCodesLeft: 10, kind: 'person' } as const;
const off = { enabled: false, recoveryCodesLeft: 0, kind: 'person' } as const;
const codes = Array.from({ length: 10 }, (_, i) => `k3q7-m2xa-9fd${i}`);

describe('enrolSecondFactor', () => {
	it('asks for a new secret once and gives it back', async () => {
		const secret = { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Cercle:ana?secret=X' };
		const server = fakeServer({ 'POST /api/auth/second-factor/enrol': [200, secret] });
		const result = await enrolSecondFactor(createSecondFactorHttp(server.fetch));
		expect(result).toEqual({ ok: true, value: secret });
		expect(server.calls).toEqual(['POST /api/auth/second-factor/enrol']);
	});
});

describe('confirmSecondFactor', () => {
	it('sends the code, then reads back the status it turned on', async () => {
		let sent: unknown = null;
		const server = fakeServer({
			'POST /api/auth/second-factor/confirm': (body) => {
				sent = body;
				return [200, { recoveryCodes: codes, revokedSessions: 2 }];
			},
			[`GET ${STATUS}`]: [200, on]
		});
		const result = await confirmSecondFactor(createSecondFactorHttp(server.fetch), '123 456');
		expect(sent).toEqual({ code: '123 456' });
		expect(server.calls).toEqual([`POST ${STATUS}/confirm`, `GET ${STATUS}`]);
		expect(result).toEqual({
			ok: true,
			value: { value: { recoveryCodes: codes, revokedSessions: 2 }, status: on }
		});
	});

	it('answers a wrong code as the typed error and reads nothing back', async () => {
		const server = fakeServer({
			'POST /api/auth/second-factor/confirm': [400, errorBody('second-factor-invalid')],
			[`GET ${STATUS}`]: [200, on]
		});
		const result = await confirmSecondFactor(createSecondFactorHttp(server.fetch), '000000');
		expect(result).toEqual({ ok: false, error: { type: 'second-factor-invalid' } });
		expect(server.calls).toEqual([`POST ${STATUS}/confirm`]);
	});

	it('keeps a done confirmation when the status cannot be read back', async () => {
		const server = fakeServer({
			'POST /api/auth/second-factor/confirm': [200, { recoveryCodes: codes, revokedSessions: 0 }]
		});
		const result = await confirmSecondFactor(createSecondFactorHttp(server.fetch), '123456');
		expect(result.ok && result.value.status).toBeNull();
		expect(result.ok && result.value.value.recoveryCodes).toEqual(codes);
	});
});

describe('disableSecondFactor', () => {
	it('sends a recovery code, then reads back the status it turned off', async () => {
		let sent: unknown = null;
		const server = fakeServer({
			'POST /api/auth/second-factor/disable': (body) => {
				sent = body;
				return [204, null];
			},
			[`GET ${STATUS}`]: [200, off]
		});
		const result = await disableSecondFactor(createSecondFactorHttp(server.fetch), {
			recoveryCode: 'k3q7-m2xa-9fd4'
		});
		expect(sent).toEqual({ recoveryCode: 'k3q7-m2xa-9fd4' });
		expect(server.calls).toEqual([`POST ${STATUS}/disable`, `GET ${STATUS}`]);
		expect(result).toEqual({ ok: true, value: { value: null, status: off } });
	});

	it('answers a replayed code as the typed error and reads nothing back', async () => {
		const server = fakeServer({
			'POST /api/auth/second-factor/disable': [400, errorBody('second-factor-replayed')]
		});
		const result = await disableSecondFactor(createSecondFactorHttp(server.fetch), {
			code: '123456'
		});
		expect(result).toEqual({ ok: false, error: { type: 'second-factor-replayed' } });
		expect(server.calls).toEqual([`POST ${STATUS}/disable`]);
	});
});

describe('setAccountKind', () => {
	it('puts the kind and answers the new status', async () => {
		let sent: unknown = null;
		const pro = { ...on, kind: 'professional' } as const;
		const server = fakeServer({
			'PUT /api/account/kind': (body) => {
				sent = body;
				return [200, pro];
			}
		});
		const result = await setAccountKind(createSecondFactorHttp(server.fetch), 'professional');
		expect(sent).toEqual({ kind: 'professional' });
		expect(result).toEqual({ ok: true, value: pro });
		expect(server.calls).toEqual(['PUT /api/account/kind']);
	});

	it('answers the refusal of a professional kind without a second factor', async () => {
		const server = fakeServer({
			'PUT /api/account/kind': [409, errorBody('professional-needs-second-factor')]
		});
		const result = await setAccountKind(createSecondFactorHttp(server.fetch), 'professional');
		expect(result).toEqual({ ok: false, error: { type: 'professional-needs-second-factor' } });
	});
});
