// The safety lines that content must carry, as data the content tests check (see AUTHORING.md,
// "Review checklist"). People act on what they read here: a page that names a medicine with known
// dangers must say, in the same page and language, who should not take it without advice and what
// the limits are; an emergency page must carry its country's numbers. Invariant: every rule has a
// pattern for each language, so a French page is held to the same safety lines as an English one.
import type { Lang } from '$lib/domain/education/article';

export interface SafetyRule {
	readonly id: string;
	/** What the rule protects against, for the failure message. */
	readonly why: string;
	/** When the text matches this, the rule applies… */
	readonly mentions: Readonly<Record<Lang, RegExp>>;
	/** …and then every one of these must match somewhere in the same page. */
	readonly requires: Readonly<Record<Lang, readonly RegExp[]>>;
}

export const MEDICINE_SAFETY_RULES: readonly SafetyRule[] = [
	{
		id: 'nsaid-tablets',
		why: 'anti-inflammatory tablets: blood thinners, kidney disease, heart failure, past stomach ulcer or bleed, pregnancy (NICE NG59; NHS ibuprofen)',
		mentions: {
			en: /\b(ibuprofen|naproxen)\b|anti-inflammatory (tablets|painkillers)/i,
			fr: /\b(ibuprofène|naproxène)\b|anti-inflammatoires? (en )?comprimés|comprimés anti-inflammatoires/i
		},
		requires: {
			en: [/blood thinner/i, /kidney/i, /heart failure/i, /ulcer|bleed/i, /pregnan/i],
			fr: [
				/anticoagulant/i,
				/reins/i,
				/insuffisance cardiaque/i,
				/ulcère|saignement/i,
				/enceinte|grossesse/i
			]
		}
	},
	{
		id: 'paracetamol',
		why: 'paracetamol: the daily maximum, and less under 50 kg, with liver disease or heavy drinking (NHS; ANSM)',
		mentions: { en: /paracetamol/i, fr: /paracétamol/i },
		requires: {
			en: [/\b4 g\b/, /\b3 g\b/, /\b50 kg\b/, /liver/i, /alcohol/i],
			fr: [/\b4 g\b/, /\b3 g\b/, /\b50 kg\b/, /foie/i, /alcool/i]
		}
	},
	{
		id: 'metformin',
		why: 'metformin: sick-day rules when being sick, with diarrhoea or dehydrated (NHS)',
		mentions: { en: /metformin/i, fr: /metformine/i },
		requires: {
			en: [/being sick|vomit/i, /diarrh/i],
			fr: [/vomi/i, /diarrhée/i]
		}
	},
	{
		id: 'anticoagulant',
		why: 'blood thinners: bleeding, and asking before other medicines',
		mentions: {
			en: /blood thinner|anticoagulant|thin the blood/i,
			fr: /anticoagulant|fluidifie/i
		},
		requires: { en: [/bleed/i], fr: [/saign/i] }
	},
	{
		id: 'ketoprofen-gel',
		why: 'ketoprofen gel: no sun or UV on treated skin during use and for 2 weeks after, wash hands, stop if the skin reacts (ANSM)',
		mentions: { en: /ketoprofen/i, fr: /kétoprofène/i },
		requires: {
			en: [/sun/i, /2 weeks/i, /wash/i, /stop/i],
			fr: [/soleil/i, /2 semaines/i, /lav/i, /arrête/i]
		}
	}
];

/** Ids of the rules that `text` triggers but whose safety lines it lacks. */
export function missingSafetyLines(
	text: string,
	lang: Lang,
	rules: readonly SafetyRule[] = MEDICINE_SAFETY_RULES
): readonly string[] {
	return rules
		.filter((rule) => rule.mentions[lang].test(text))
		.filter((rule) => rule.requires[lang].some((pattern) => !pattern.test(text)))
		.map((rule) => rule.id);
}

/** Numbers every emergency page must carry, per language (the country it is written for). */
export const EMERGENCY_PAGE_NUMBERS: Readonly<Record<Lang, readonly string[]>> = {
	en: ['999', '111', '112', '116 123'],
	fr: ['15', '112', '114', '3114']
};

/** Article ids that are emergency pages. */
export const EMERGENCY_PAGES: readonly string[] = ['when-to-seek-urgent-help'];

/** When a page speaks of self-harm, it gives the crisis lines of its country. */
export const SELF_HARM_RULE: SafetyRule = {
	id: 'self-harm-lines',
	why: 'self-harm or suicide: Samaritans 116 123 and NHS 111 (UK), 3114 (France)',
	mentions: {
		en: /harm(ing)? yourself|suicid|ending your life/i,
		fr: /suicid|vous faire du mal|mettre fin à sa vie/i
	},
	requires: { en: [/116 123/, /\b111\b/], fr: [/\b3114\b/] }
};
