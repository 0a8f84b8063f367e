// Anonymous experience-survey ballots as the devices see them (issue 15 §5–6), pure:
// - the invitation a professional writes in the person's circle: the signed campaign and the
//   single-use token, itself sealed to the person's pinned sharing key (crypto/sealed-box.ts);
// - the ballot plaintext the person's device seals to the survey key: the survey id, the
//   questionnaire, the answers as flat strings (no time at all: the server files the box under its
//   week) and, after a visit, the professional seen (format 1, a FHIR response whose `authored`
//   was the week's Monday, is still read);
// - the tally on the publisher's device: every opened box that is not a matching response for
//   THIS survey and questionnaire counts as invalid (never thrown), then the team results with
//   their small-number suppression (./results.ts) and the trend per quarter.
import * as z from 'zod';
import type { Answers } from './enable-when';
import type { AnswerValue, Questionnaire, QuestionnaireItem, QuestionnaireResponse } from './fhir';
import { questionnaireResponseSchema } from './fhir';
import { flattenItems } from './items';
import { answersOf, checkAnswers, checkResponse } from './response';
import { createTally, type TallyOutcome } from './results';

export const SURVEY_INVITATION = 'survey-invitation';
export const SURVEY_BALLOT_SENT = 'survey-ballot-sent';
export const SURVEY_CAMPAIGN = 'survey-campaign';

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * A campaign as signed by its publisher (fields of crypto/sealed-box.ts `CampaignStatement`). A
 * team campaign also names its team and the notice key the team signs "you said, we did" with;
 * the admin's signature then covers both (crypto/survey-team.ts `TeamCampaignStatement`).
 */
export const signedCampaignSchema = z.object({
	id: z.string().min(1),
	questionnaireId: z.string().min(1),
	publicKey: b64,
	identityKey: b64,
	signature: b64,
	closesAt: z.int().positive(),
	team: z.object({ teamId: z.string().min(1).max(64), noticeKey: b64 }).optional()
});
export type SignedCampaign = z.infer<typeof signedCampaignSchema>;

/** The body of a `survey-invitation` record in the person's circle (`surveys` category). */
export const invitationBodySchema = z.object({
	schemaVersion: z.literal(1),
	campaign: signedCampaignSchema,
	/** The token, sealed to the person's sharing key (context `survey-token/<surveyId>`). */
	sealedToken: b64,
	/**
	 * After a visit: the member id of the professional seen. The person's device puts it inside
	 * the sealed ballot, so results per professional exist while the server never sees it.
	 */
	professional: z.string().min(1).max(64).optional(),
	/**
	 * A team campaign asked by a member of the team who did not publish it: the same campaign
	 * statement signed by the ASKER's identity (she checked it with the team key and her pin of the
	 * publisher). The person pinned the asker, not the publisher, so this is what she verifies.
	 */
	vouch: z.object({ identityKey: b64, signature: b64 }).optional()
});
export type InvitationBody = z.infer<typeof invitationBodySchema>;

/** The body of a `survey-ballot-sent` record (the person's `settings`, never shared). */
export const ballotSentSchema = z.object({
	surveyId: z.string().min(1),
	outcome: z.enum(['counted', 'refused'])
});
export type BallotSent = z.infer<typeof ballotSentSchema>;

export const tokenContext = (surveyId: string) => `survey-token/${surveyId}`;
export const ballotContext = (surveyId: string) => `survey-ballot/${surveyId}`;

/** The first ballot format: the whole FHIR response (still read, no longer written). */
export const ballotPlainV1Schema = z.object({
	v: z.literal(1),
	surveyId: z.string(),
	questionnaireId: z.string(),
	response: questionnaireResponseSchema
});

/**
 * The ballot as sealed now: the answers only, one string per answered item (the option's code,
 * `true`/`false`, the text, the number or the date; read back by the item's type), and, for a
 * survey after a visit, the member id of the professional seen (inside the seal: the server never
 * sees it). Flat strings keep the check per ballot cheap (2,000 ballots are parsed per view).
 */
export const ballotPlainSchema = z.object({
	v: z.literal(2),
	surveyId: z.string().max(64),
	questionnaireId: z.string().max(64),
	a: z.record(z.string().max(64), z.array(z.string().max(4000)).max(1)),
	p: z.string().min(1).max(64).optional()
});
export type BallotPlain = z.infer<typeof ballotPlainSchema>;

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week of `ms`, ISO 8601: the only time a ballot carries. */
export function weekStartIso(ms: number): string {
	const day = Math.floor(ms / DAY);
	const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7;
	return new Date((day - weekday) * DAY).toISOString();
}

const valueText = (v: AnswerValue): string => {
	if ('valueCoding' in v) return v.valueCoding.code;
	if ('valueBoolean' in v) return v.valueBoolean ? 'true' : 'false';
	if ('valueString' in v) return v.valueString;
	if ('valueInteger' in v) return String(v.valueInteger);
	if ('valueDecimal' in v) return String(v.valueDecimal);
	return v.valueDate;
};

/** The ballot plaintext of a completed response (built by `buildResponse`, so already checked). */
export function ballotPlain(
	surveyId: string,
	questionnaireId: string,
	response: QuestionnaireResponse,
	professional: string | null = null
): string {
	const a = Object.fromEntries(
		Object.entries(answersOf(response)).map(([linkId, values]) => [linkId, values.map(valueText)])
	);
	const plain: BallotPlain = {
		v: 2,
		surveyId,
		questionnaireId,
		a,
		...(professional === null ? {} : { p: professional })
	};
	return JSON.stringify(plain);
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Compact answers back into answer values by each item's type; null when one does not fit. */
function decodeAnswers(
	types: ReadonlyMap<string, QuestionnaireItem['type']>,
	a: Readonly<Record<string, readonly string[]>>
): Answers | null {
	const out: Record<string, AnswerValue[]> = {};
	for (const linkId in a) {
		const type = types.get(linkId);
		const values = a[linkId] ?? [];
		if (type === undefined) return null;
		const decoded: AnswerValue[] = [];
		for (const text of values) {
			switch (type) {
				case 'choice':
					decoded.push({ valueCoding: { code: text } });
					break;
				case 'boolean':
					if (text !== 'true' && text !== 'false') return null;
					decoded.push({ valueBoolean: text === 'true' });
					break;
				case 'string':
				case 'text':
					decoded.push({ valueString: text });
					break;
				case 'integer':
					if (!/^-?\d+$/.test(text)) return null;
					decoded.push({ valueInteger: Number(text) });
					break;
				case 'decimal':
					if (!NUMBER.test(text)) return null;
					decoded.push({ valueDecimal: Number(text) });
					break;
				case 'date':
					if (!DATE.test(text)) return null;
					decoded.push({ valueDate: text });
					break;
				case 'group':
				case 'display':
					return null;
			}
		}
		out[linkId] = decoded;
	}
	return out;
}

export interface CampaignTally extends TallyOutcome {
	/** Answers received (valid or not). */
	readonly received: number;
}

/**
 * The team results of a campaign from the opened boxes (`plain` null: it did not open), in one
 * pass (results.ts `createTally`). A box for another survey or questionnaire, unparsable JSON or
 * answers that do not check against the questionnaire are invalid.
 */
export function tallyCampaign(
	q: Questionnaire,
	surveyId: string,
	opened: readonly { readonly week: string; readonly plain: string | null }[]
): CampaignTally {
	const tally = createTally(q);
	const types = new Map(flattenItems(q.item).map((f) => [f.item.linkId, f.item.type]));
	for (const box of opened) {
		const parsed = box.plain === null ? null : parseBallot(box.plain);
		if (parsed === null || parsed.surveyId !== surveyId || parsed.questionnaireId !== q.id) {
			tally.addInvalid();
			continue;
		}
		let answers: Answers | null;
		if (parsed.v === 1) {
			const checked = checkResponse(q, parsed.response);
			answers = checked.ok ? checked.value : null;
		} else {
			answers = decodeAnswers(types, parsed.a);
			if (answers !== null && checkAnswers(q, answers).length > 0) answers = null;
		}
		if (answers === null) tally.addInvalid();
		else tally.addValid(answers, box.week, parsed.v === 2 ? (parsed.p ?? null) : null);
	}
	return { ...tally.finish(), received: opened.length };
}

type AnyBallot = BallotPlain | z.infer<typeof ballotPlainV1Schema>;

const isShortString = (x: unknown, max: number): x is string =>
	typeof x === 'string' && x.length <= max;

/**
 * Exactly `ballotPlainSchema.safeParse(x).success`, written out for the hot path: zod without JIT
 * (the CSP forbids it) costs ~30 µs per ballot, this ~1 µs, and results open 2,000 ballots at a
 * time. tests/property/surveys/ballot-guard.property.test.ts checks both agree on any input.
 */
export function isBallotPlain(x: unknown): x is BallotPlain {
	if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
	const b = x as Record<string, unknown>;
	if (b['v'] !== 2 || !isShortString(b['surveyId'], 64) || !isShortString(b['questionnaireId'], 64))
		return false;
	const p = b['p'];
	if (p !== undefined && !(isShortString(p, 64) && p.length >= 1)) return false;
	const a = b['a'];
	if (typeof a !== 'object' || a === null || Array.isArray(a)) return false;
	for (const key of Object.keys(a)) {
		// zod's record skips a `__proto__` key (it guards against prototype pollution), so the
		// schema accepts whatever it holds; the tally then counts such a ballot invalid (no such
		// question). Found by the property test (seed 324871969).
		if (key === '__proto__') continue;
		if (key.length > 64) return false;
		const values: unknown = (a as Record<string, unknown>)[key];
		if (!Array.isArray(values) || values.length > 1) return false;
		for (const v of values as unknown[]) if (!isShortString(v, 4000)) return false;
	}
	return true;
}

function parseBallot(plain: string): AnyBallot | null {
	try {
		const json: unknown = JSON.parse(plain);
		if (isBallotPlain(json)) return json;
		const v1 = ballotPlainV1Schema.safeParse(json);
		return v1.success ? v1.data : null;
	} catch {
		return null;
	}
}

/** A box's id for the cache of opened ballots: its version and ephemeral key (random per box). */
export const boxId = (ciphertext: string) => ciphertext.slice(0, 88);

/** Opened ballots this device keeps (sealed in its vault, never synced): box id → plaintext. */
export const openedCacheSchema = z.record(z.string().max(88), z.string().max(70_000).nullable());
export type OpenedCache = z.infer<typeof openedCacheSchema>;

/** Which boxes are not in the cache yet (only those are opened again). */
export function boxesToOpen(
	boxes: readonly { readonly ciphertext: string }[],
	cache: OpenedCache
): readonly string[] {
	return boxes.filter((b) => !Object.hasOwn(cache, boxId(b.ciphertext))).map((b) => b.ciphertext);
}
