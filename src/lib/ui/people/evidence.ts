// The evidence behind a flag, in words (issue 14 §3: "each flag links to the evidence"): the
// entries a flag names (`Flag.evidence`, record ids) found in what the person shared and said as
// "6 Dec: Systolic 152 mmHg". Entries no longer shared are simply not found (the screen says so).
import type { Flag } from '$lib/domain/care-team/flags';
import type { SharedData } from '$lib/domain/care-team/shared-records';
import { metricValues, type UnitPreferences } from '$lib/domain/journal/measurements';
import { m } from '$lib/paraglide/messages.js';
import { formatDate, labelValue } from '$lib/ui/format';
import { formatMetric, metricName, symptomName } from '$lib/ui/journal/text';
import { bandText } from '$lib/ui/surveys/survey-text';

export interface EvidenceLine {
	readonly id: string;
	readonly at: number;
	readonly text: string;
}

export function evidenceLines(
	flag: Flag,
	data: SharedData,
	preferences: UnitPreferences
): readonly EvidenceLine[] {
	const wanted = new Set(flag.evidence);
	const lines: EvidenceLine[] = [];
	const line = (id: string, at: number, what: string): void => {
		lines.push({ id, at, text: m.people_evidence_line({ date: formatDate(at), what }) });
	};
	if (flag.kind === 'doses-missed') {
		for (const med of data.medications)
			if (wanted.has(med.id))
				line(med.id, med.body.at, m.people_evidence_dose({ name: med.body.name }));
		return lines;
	}
	for (const entry of data.entries) {
		if (!wanted.has(entry.id)) continue;
		const body = entry.body;
		if (body.kind === 'measurement') {
			const values = metricValues(body.measurement)
				.filter((v) => flag.kind !== 'out-of-range' || v.metric === flag.metric)
				.map((v) => labelValue(metricName(v.metric), formatMetric(v.metric, v.value, preferences)));
			line(entry.id, entry.at, values.join(', '));
		} else if (body.kind === 'symptom') {
			line(
				entry.id,
				entry.at,
				labelValue(symptomName(body.symptom), m.people_severity({ value: body.severity }))
			);
		}
	}
	for (const d of data.decisions)
		if (wanted.has(d.id)) line(d.id, d.at, labelValue(d.body.aidTitle, d.body.decision));
	for (const s of data.scores)
		if (wanted.has(s.id)) line(s.id, s.at, labelValue(s.instrument, bandText(s.band)));
	for (const v of data.visits)
		if (wanted.has(v.id)) for (const q of v.body.questions) line(`${v.id}-${q.id}`, v.at, q.text);
	return lines.sort((a, b) => a.at - b.at);
}
