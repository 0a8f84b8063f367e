// The account's second factor as Settings sees it: its status (on, recovery codes left, the
// account's kind), bound to the commands that change it (src/lib/commands/second-factor.ts:
// enrolment, confirmation, turning it off and the professional kind) over the HTTP of
// src/lib/sync/second-factor-http.ts. Nothing here is kept on the device (the secret and the
// recovery codes are shown once by the component and never stored).
import {
	confirmSecondFactor,
	disableSecondFactor,
	enrolSecondFactor,
	setAccountKind
} from '$lib/commands/second-factor';
import type {
	AccountKindValue,
	ConfirmSecondFactorResponse,
	EnrolResponse,
	SecondFactorInputBody,
	SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import type { AccountError } from '$lib/sync/account-http';
import { ok, type Result } from '$lib/domain/result';
import { createSecondFactorHttp } from '$lib/sync/second-factor-http';

function createSecondFactorState() {
	const http = createSecondFactorHttp((input, init) => fetch(input, init));
	let status = $state<SecondFactorStatusBody | null>(null);

	const keep = <T extends SecondFactorStatusBody>(
		result: Result<T, AccountError>
	): Result<T, AccountError> => {
		if (result.ok) status = result.value;
		return result;
	};

	return {
		get status() {
			return status;
		},
		async load(): Promise<Result<SecondFactorStatusBody, AccountError>> {
			return keep(await http.status());
		},
		enrol: (): Promise<Result<EnrolResponse, AccountError>> => enrolSecondFactor(http),
		async confirm(code: string): Promise<Result<ConfirmSecondFactorResponse, AccountError>> {
			const result = await confirmSecondFactor(http, code);
			if (!result.ok) return result;
			if (result.value.status !== null) status = result.value.status;
			return ok(result.value.value);
		},
		async disable(input: SecondFactorInputBody): Promise<Result<null, AccountError>> {
			const result = await disableSecondFactor(http, input);
			if (!result.ok) return result;
			if (result.value.status !== null) status = result.value.status;
			return ok(null);
		},
		async setKind(kind: AccountKindValue): Promise<Result<SecondFactorStatusBody, AccountError>> {
			return keep(await setAccountKind(http, kind));
		}
	};
}

export const secondFactor = createSecondFactorState();
