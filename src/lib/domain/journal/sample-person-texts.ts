// The words of the sample person, Monique Durand, in French and English.
// Why: her goals, notes and medicine names must read naturally in the newcomer's language; the
// generator stays free of prose.
// Invariant: both locales have the same keys.

export type SampleLocale = 'fr' | 'en';

export interface SampleTexts {
	readonly goalWalk: string;
	readonly goalWalkWhy: string;
	readonly goalWalkActivity: string;
	readonly goalPressure: string;
	readonly goalSleep: string;
	readonly customSymptom: string;
	readonly metformin: string;
	readonly paracetamol: string;
	readonly withBreakfast: string;
	readonly withMeals: string;
	readonly forKneePain: string;
	readonly hypertension: string;
	readonly diabetes: string;
	readonly kneePain: string;
	readonly ramiprilStop: string;
	readonly notes: readonly [string, string, string, string];
	readonly checkInNotes: readonly [string, string, string];
}

export const SAMPLE_TEXTS: Readonly<Record<SampleLocale, SampleTexts>> = {
	fr: {
		goalWalk: 'Aller au marché à pied avec ma petite-fille sans m’arrêter',
		goalWalkWhy: 'Le samedi, c’est notre moment à nous deux.',
		goalWalkActivity: 'Marcher',
		goalPressure: 'Garder ma tension sous 14 pour continuer à m’occuper de mon jardin',
		goalSleep: 'Dormir d’une traite plus souvent',
		customSymptom: 'Fourmillements dans les pieds',
		metformin: 'Metformine',
		paracetamol: 'Paracétamol',
		withBreakfast: 'Le matin, au petit-déjeuner.',
		withMeals: 'Pendant les repas du matin et du soir.',
		forKneePain: 'Si le genou fait mal. Pas plus de 3 par jour.',
		hypertension: 'Hypertension',
		diabetes: 'Diabète de type 2',
		kneePain: 'Arthrose du genou',
		ramiprilStop: 'Toux sèche',
		notes: [
			'Rendez-vous avec le Dr Martin : on remplace le ramipril par l’amlodipine à cause de la toux.',
			'Belle balade avec Léa jusqu’à la boulangerie. Le genou a tenu.',
			'Prise de sang faite ce matin, résultats la semaine prochaine.',
			'Plus de toux depuis quelques jours, ça fait du bien.'
		],
		checkInNotes: [
			'Un peu essoufflée dans la montée.',
			'Je me suis arrêtée une fois sur le banc.',
			'Jusqu’au marché sans pause !'
		]
	},
	en: {
		goalWalk: 'Walk to the market with my granddaughter without stopping',
		goalWalkWhy: 'Saturday mornings are our time together.',
		goalWalkActivity: 'Walking',
		goalPressure: 'Keep my blood pressure under 140 so I can keep looking after my garden',
		goalSleep: 'Sleep through the night more often',
		customSymptom: 'Tingling in my feet',
		metformin: 'Metformin',
		paracetamol: 'Paracetamol',
		withBreakfast: 'In the morning, with breakfast.',
		withMeals: 'With breakfast and with dinner.',
		forKneePain: 'When the knee hurts. No more than 3 a day.',
		hypertension: 'High blood pressure',
		diabetes: 'Type 2 diabetes',
		kneePain: 'Knee osteoarthritis',
		ramiprilStop: 'Dry cough',
		notes: [
			'Saw Dr Martin: switching from ramipril to amlodipine because of the cough.',
			'Lovely walk with Léa to the bakery. The knee held up.',
			'Blood test this morning, results next week.',
			'No more cough for a few days now, what a relief.'
		],
		checkInNotes: [
			'A bit out of breath going uphill.',
			'I stopped once on the bench.',
			'All the way to the market without a break!'
		]
	}
};
