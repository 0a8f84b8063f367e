// Identity signatures over a list of text fields (the care plan's agreements, issue 14 §6), and the
// SHA-256 of a text: the two operations `domain/plan/care-plan.ts` takes injected. The fields are
// framed (length-prefixed, `identity.ts`), so no two lists share a signed message; the first field
// is the statement's context string, chosen by the caller.
// Invariants: verification never throws (false on any bad input); signatures are base64url P1363.
import { fromBase64Url, toBase64Url, toHex, utf8 } from './bytes';
import { framed, signMessage, verifyMessage } from './identity';

export async function signFields(
	identityPrivateKey: CryptoKey,
	fields: readonly string[]
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, framed(fields)));
}

/** true only when the private half of `identityKey` signed exactly these fields. */
export async function verifyFields(
	identityKey: string,
	fields: readonly string[],
	signature: string
): Promise<boolean> {
	try {
		return await verifyMessage(identityKey, framed(fields), fromBase64Url(signature));
	} catch {
		return false;
	}
}

/** SHA-256 of the UTF-8 text, lower-case hex. */
export async function sha256Text(text: string): Promise<string> {
	return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
