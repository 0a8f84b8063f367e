// Human labels for the library's topic and condition slugs, in the UI language. A slug without a
// label (a new article's new topic) still shows, as its words, so nothing disappears from browsing.
import { m } from '$lib/paraglide/messages.js';
import type { Article, Lang } from '$lib/domain/education/article';

type Label = (inputs?: Record<string, never>, options?: { locale?: Lang }) => string;

const TOPICS: Readonly<Record<string, Label>> = {
	activity: m.learn_topic_activity,
	wellbeing: m.learn_topic_wellbeing,
	'brain-and-nerves': m.learn_topic_brain_and_nerves,
	recovery: m.learn_topic_recovery,
	carers: m.learn_topic_carers,
	diabetes: m.learn_topic_diabetes,
	'self-care': m.learn_topic_self_care,
	food: m.learn_topic_food,
	'heart-and-circulation': m.learn_topic_heart_and_circulation,
	'lungs-and-breathing': m.learn_topic_lungs_and_breathing,
	medicines: m.learn_topic_medicines,
	'mental-health': m.learn_topic_mental_health,
	pain: m.learn_topic_pain,
	rights: m.learn_topic_rights,
	'working-with-your-team': m.learn_topic_working_with_your_team,
	sleep: m.learn_topic_sleep,
	'urgent-care': m.learn_topic_urgent_care
};

const CONDITIONS: Readonly<Record<string, Label>> = {
	'chronic-pain': m.learn_condition_chronic_pain,
	copd: m.learn_condition_copd,
	asthma: m.learn_condition_asthma,
	depression: m.learn_condition_depression,
	anxiety: m.learn_condition_anxiety,
	'heart-failure': m.learn_condition_heart_failure,
	hypertension: m.learn_condition_hypertension,
	insomnia: m.learn_condition_insomnia,
	stroke: m.learn_condition_stroke,
	'type-2-diabetes': m.learn_condition_type_2_diabetes
};

const words = (slug: string) => slug.replace(/-/g, ' ');

export function topicLabel(slug: string): string {
	return TOPICS[slug]?.() ?? words(slug);
}

export function conditionLabel(slug: string): string {
	return CONDITIONS[slug]?.() ?? words(slug);
}

/** An article's topics and conditions named in the article's own language, for the search index. */
export function searchLabels(article: Article): readonly string[] {
	const locale = article.meta.lang;
	return [
		...article.meta.topics.map((slug) => TOPICS[slug]?.({}, { locale }) ?? words(slug)),
		...article.meta.conditions.map((slug) => CONDITIONS[slug]?.({}, { locale }) ?? words(slug))
	];
}
