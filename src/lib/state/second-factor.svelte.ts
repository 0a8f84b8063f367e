// The account's second factor as Settings sees it: its status (on, recovery codes left, the
// account's kind), enrolment, confirmation, turning it off and the professional kind. The HTTP
// lives in src/lib/sync/second-factor-http.ts; nothing here is kept on the device (the secret and
// the recovery codes are shown once by the component and never stored).
import type {
	AccountKindValue,
	ConfirmSecondFactorResponse,
	EnrolResponse,
	SecondFactorInputBody,
	SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import type { AccountError } from '$lib/sync/account-http';
import type { Result } from '$lib/domain/result';
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
		enrol: (): Promise<Result<EnrolResponse, AccountError>> => http.enrol(),
		async confirm(code: string): Promise<Result<ConfirmSecondFactorResponse, AccountError>> {
			const result = await http.confirm(code);
			if (result.ok) await this.load();
			return result;
		},
		async disable(input: SecondFactorInputBody): Promise<Result<null, AccountError>> {
			const result = await http.disable(input);
			if (result.ok) await this.load();
			return result;
		},
		async setKind(kind: AccountKindValue): Promise<Result<SecondFactorStatusBody, AccountError>> {
			return keep(await http.setKind(kind));
		}
	};
}

export const secondFactor = createSecondFactorState();
