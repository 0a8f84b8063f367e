// What the person typed as a second factor, checked with the wire contract before it is sent: a
// six-digit code from the app, or a recovery code. Null (with the words to show) when its shape is
// wrong, so the form says so next to the field instead of asking the server. The same shapes as
// the contract's schemas, without zod: this runs on the sign-in screen (issue 18 §1).
import type { SecondFactorInputBody } from '$lib/contracts/second-factor';
import { isRecoveryCode, isTotpCode } from '$lib/contracts/second-factor-shapes';
import { m } from '$lib/paraglide/messages.js';

export function secondFactorInput(
	useRecovery: boolean,
	value: string
): { readonly input: SecondFactorInputBody } | { readonly error: string } {
	if (useRecovery) {
		return isRecoveryCode(value)
			? { input: { recoveryCode: value } }
			: { error: m.factor_recovery_shape() };
	}
	return isTotpCode(value) ? { input: { code: value } } : { error: m.factor_code_shape() };
}

/**
 * The second factor of a sign-in, when the form asks for one (`asked`): nothing to send when it
 * does not, else what was typed checked as above.
 */
export function signInSecondFactor(
	asked: boolean,
	useRecovery: boolean,
	value: string
): { readonly input: SecondFactorInputBody | undefined } | { readonly error: string } {
	return asked ? secondFactorInput(useRecovery, value) : { input: undefined };
}
