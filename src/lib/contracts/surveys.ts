// Wire contract of anonymous experience surveys (issue 15 §5–7). A campaign is published by an
// account, or by a team admin on behalf of the team, with its own survey public key, signed by the publisher's
// identity key so a person's device checks it against the identity it pinned; the server relays
// what it cannot forge. Ballots are posted without a session and carry only the survey id, the
// single-use token and the sealed answer. Nothing here names a person, an account or a circle,
// except the publisher's own session on the publisher-only routes.
import * as z from 'zod';
import { base64UrlSchema, idSchema } from './common';

/** The opaque single-use token a person's device presents with its ballot (never stored). */
export const surveyTokenSchema = base64UrlSchema(200).min(22);
/** SHA-256 of a token, hex: all the server ever keeps of it. */
export const tokenHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const MAX_BALLOT = 64 * 1024;
export const MAX_TOKENS_PER_REQUEST = 1000;
export const MAX_UPDATE_TEXT = 2000;

/** What the publisher signs and the person's device verifies (crypto/sealed-box.ts). */
export const campaignSchema = z.strictObject({
	id: idSchema,
	questionnaireId: z.string().min(1).max(64),
	/** The survey's ECDH P-256 public key, raw base64url (65 bytes). */
	publicKey: base64UrlSchema(100),
	/** The publisher's identity key (ECDSA P-256, raw base64url) that made `signature`. */
	identityKey: base64UrlSchema(100),
	signature: base64UrlSchema(100),
	closesAt: z.int().positive()
});
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * Published on behalf of a team: the team, and the survey private key sealed to the team's public
 * key of that version (opaque to the server), so every member holding that team key version opens
 * the results and a member removed before a rotation never gets a later campaign's key.
 */
export const teamPublicationSchema = z.strictObject({
	teamId: idSchema,
	teamKeyVersion: z.int().positive(),
	sealedKey: base64UrlSchema(2000)
});
export type TeamPublication = z.infer<typeof teamPublicationSchema>;

/**
 * PUT /api/surveys/campaigns/[id]/team-key (session, an admin of the campaign's team): after a team
 * key rotation, the same survey keys sealed again to the team's new current key version (the
 * admin's device opened them with the previous team key just before rotating).
 */
export const resealCampaignRequestSchema = teamPublicationSchema.omit({ teamId: true });
export type ResealCampaignRequest = z.infer<typeof resealCampaignRequestSchema>;

/** POST /api/surveys/campaigns (session): publish a campaign (for a team: a team admin). */
export const createCampaignRequestSchema = campaignSchema.extend({
	team: teamPublicationSchema.optional()
});
export type CreateCampaignRequest = z.infer<typeof createCampaignRequestSchema>;

/**
 * GET /api/surveys/campaigns (session): the campaigns this account published and those of the
 * teams it is a member of now.
 */
export const campaignListResponseSchema = z.object({
	campaigns: z.array(
		campaignSchema.extend({ createdAt: z.int(), team: teamPublicationSchema.optional() })
	)
});

/** POST /api/surveys/campaigns/[id]/tokens (session, publisher): register token hashes. */
export const issueTokensRequestSchema = z.strictObject({
	tokenHashes: z.array(tokenHashSchema).min(1).max(MAX_TOKENS_PER_REQUEST)
});
export const issueTokensResponseSchema = z.object({ issued: z.int().min(0) });

/** POST /api/surveys/ballots (no session, no account or circle id). */
export const ballotRequestSchema = z.strictObject({
	surveyId: idSchema,
	token: surveyTokenSchema,
	ciphertext: base64UrlSchema(MAX_BALLOT)
});

/** GET /api/surveys/campaigns/[id]/answers (session, publisher): every sealed answer. */
export const answersResponseSchema = z.object({
	answers: z.array(z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/), ciphertext: z.string() }))
});
export type AnswersResponse = z.infer<typeof answersResponseSchema>;

/** A "you said, we did" notice, in both languages, signed by the publisher's identity key. */
export const surveyUpdateSchema = z.strictObject({
	id: idSchema,
	publishedAt: z.int().positive(),
	en: z.string().trim().min(1).max(MAX_UPDATE_TEXT),
	fr: z.string().trim().min(1).max(MAX_UPDATE_TEXT),
	signature: base64UrlSchema(100)
});
export type SurveyUpdate = z.infer<typeof surveyUpdateSchema>;

/** POST /api/surveys/campaigns/[id]/updates (session, publisher). */
export const postUpdateRequestSchema = surveyUpdateSchema;

/**
 * GET /api/surveys/campaigns/[id]/updates (no session: anyone holding the random survey id, i.e.
 * everyone who was asked): the notices, oldest first, for the device to verify.
 */
export const updatesResponseSchema = z.object({ updates: z.array(surveyUpdateSchema) });
export type UpdatesResponse = z.infer<typeof updatesResponseSchema>;
