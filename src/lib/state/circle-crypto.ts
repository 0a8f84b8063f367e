// The circle and care-team commands' key work (commands/circle-crypto.ts), bound to src/lib/crypto:
// the commands never import crypto, so tests can see what they sign and the layers stay one way.
import type { CircleCrypto } from '$lib/commands/circle-crypto';
import { sha256Text, signFields, verifyFields } from '$lib/crypto/framed-signature';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	proveOwnerKeys,
	verifyInvitationProof
} from '$lib/crypto/invitation';
import { exportPublicKey } from '$lib/crypto/sharing';
import { wrapAndSignForMember } from '$lib/crypto/signed-wrap';
import {
	attestOwner,
	generateTeamKeyPair,
	openTeamPrivateKey,
	sealTeamPrivateKey,
	signTeamKey,
	verifyTeamKey
} from '$lib/crypto/team-key';

export const circleCrypto: CircleCrypto = {
	wrapForMember: wrapAndSignForMember,
	newInvitationSecret: () => newInvitationSecret(),
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	proveOwnerKeys,
	proveInvitation,
	verifyInvitationProof,
	signFields,
	hashText: sha256Text,
	verifyFields,
	generateTeamKeyPair,
	exportPublicKey,
	signTeamKey,
	verifyTeamKey,
	sealTeamPrivateKey,
	openTeamPrivateKey,
	attestOwner,
	randomId: () => crypto.randomUUID()
};
