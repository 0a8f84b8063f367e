// What the person typed as a second factor, checked with the wire contract before it is sent: a
// six-digit code from the app, or a recovery code. Null (with the words to show) when its shape is
// wrong, so the form says so next to the field instead of asking the server.
import {
	recoveryCodeSchema,
	totpCodeSchema,
	type SecondFactorInputBody
} from '$lib/contracts/second-factor';
import { m } from '$lib/paraglide/messages.js';

export function secondFactorInput(
	useRecovery: boolean,
	value: string
): { readonly input: SecondFactorInputBody } | { readonly error: string } {
	if (useRecovery) {
		return recoveryCodeSchema.safeParse(value).success
			? { input: { recoveryCode: value } }
			: { error: m.factor_recovery_shape() };
	}
	return totpCodeSchema.safeParse(value).success
		? { input: { code: value } }
		: { error: m.factor_code_shape() };
}
