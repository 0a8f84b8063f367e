// Two adjacent TOTP steps can share their six digits (one pair in a million). Once those digits
// were accepted, they stay refused for the rest of the window, even though the later step would
// match them too: the window is checked from its oldest step, so the used step is met first. The
// pair below was found by scanning the RFC 6238 key's steps (steps 910737 and 910738).
import { describe, expect, it } from 'vitest';
import { totpAt, verifyTotp } from '../../../server/auth/totp';

const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const STEP = 910_737;
const DIGITS = '911617';

describe('TOTP digits shared by two adjacent steps', () => {
	it('accepts them once, for the older step, then refuses them as replayed', () => {
		expect(totpAt(RFC_KEY, STEP * 30_000)).toBe(DIGITS);
		expect(totpAt(RFC_KEY, (STEP + 1) * 30_000)).toBe(DIGITS);
		const now = (STEP + 1) * 30_000 + 5_000;
		expect(verifyTotp(RFC_KEY, DIGITS, now, null)).toEqual({ ok: true, value: { step: STEP } });
		expect(verifyTotp(RFC_KEY, DIGITS, now, STEP)).toEqual({
			ok: false,
			error: { type: 'code-replayed' }
		});
	});
});
