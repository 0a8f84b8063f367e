// The account's second factor (issue 14 §2, issue 13): enrolling, confirming, turning it off and
// the professional kind. Each makes its one server call through the injected `SecondFactorHttp`
// (sync/second-factor-http.ts, the one API client) and answers the one `Result` with an
// `AccountError`, put into words once by `accountErrorText` (ui/account/account-messages.ts).
// The codes are passed as typed: the server parses them (contracts/second-factor.ts) and its
// answer is the one the page words. Confirming or turning off changes the status, so those read it
// back after a success (`status` is null when that read failed: the write still happened).
// state/second-factor.svelte.ts binds them and keeps the status the page shows.
import type {
	AccountKindValue,
	ConfirmSecondFactorResponse,
	EnrolResponse,
	SecondFactorInputBody,
	SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import { ok, type Result } from '$lib/domain/result';
import type { AccountError } from '$lib/sync/account-http';
import type { SecondFactorHttp } from '$lib/sync/second-factor-http';

export type SecondFactorError = AccountError;

/** A write that changed the status, and the status read back (null when that read failed). */
export interface WithStatus<T> {
	readonly value: T;
	readonly status: SecondFactorStatusBody | null;
}

async function readBack<T>(
	http: Pick<SecondFactorHttp, 'status'>,
	result: Result<T, SecondFactorError>
): Promise<Result<WithStatus<T>, SecondFactorError>> {
	if (!result.ok) return result;
	const status = await http.status();
	return ok({ value: result.value, status: status.ok ? status.value : null });
}

/** A new secret (and its otpauth URI) to enrol; nothing is on until it is confirmed. */
export const enrolSecondFactor = (
	http: Pick<SecondFactorHttp, 'enrol'>
): Promise<Result<EnrolResponse, SecondFactorError>> => http.enrol();

/** Turns the second factor on with a first code: ten recovery codes, shown once. */
export async function confirmSecondFactor(
	http: Pick<SecondFactorHttp, 'confirm' | 'status'>,
	code: string
): Promise<Result<WithStatus<ConfirmSecondFactorResponse>, SecondFactorError>> {
	return readBack(http, await http.confirm(code));
}

/** Turns it off with a code or a recovery code. */
export async function disableSecondFactor(
	http: Pick<SecondFactorHttp, 'disable' | 'status'>,
	input: SecondFactorInputBody
): Promise<Result<WithStatus<null>, SecondFactorError>> {
	return readBack(http, await http.disable(input));
}

/** The account's kind (a professional account needs the second factor on): the new status. */
export const setAccountKind = (
	http: Pick<SecondFactorHttp, 'setKind'>,
	kind: AccountKindValue
): Promise<Result<SecondFactorStatusBody, SecondFactorError>> => http.setKind(kind);
