import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArea, type Locale } from '../i18n/catalogue';
import {
	BODY_LOCATIONS,
	bodyLocationKey,
	moodLevelKey,
	MOOD_LEVELS,
	SEVERITY_ANCHORS,
	severityBandKey,
	SYMPTOM_CATALOGUE
} from '$lib/domain/journal/symptoms';
import {
	METRIC_DEFINITIONS,
	METRICS,
	measurementValueSchema,
	unitSymbolKey,
	UNITS
} from '$lib/domain/journal/measurements';
import { parseWith } from '$lib/domain/journal/common';
import { JOURNAL_KINDS, kindKey } from '$lib/domain/journal/records';
import { SKIP_REASONS, skipReasonKey } from '$lib/domain/journal/medications';
import { GOAL_STATUSES, goalStatusKey } from '$lib/domain/journal/goals';

// Each message as one text (a plural message's forms joined), keyed by message key.
const textsOf = (locale: Locale): Record<string, string> =>
	Object.fromEntries(loadArea('journal', locale).map((x) => [x.key, x.texts.join(' ')]));
const english = textsOf('en');
const french = textsOf('fr');
const catalogues = [english, french];
const sourceDirs = ['src/lib/domain/journal', 'src/lib/domain/time'];

const literalKeysInSources = (): readonly string[] =>
	sourceDirs.flatMap((dir) =>
		readdirSync(dir)
			.filter((file) => file.endsWith('.ts'))
			.flatMap((file) => [
				...readFileSync(join(dir, file), 'utf8').matchAll(/'(journal_[a-z0-9_]+)'/g)
			])
			.map((match) => match[1] ?? '')
	);

const computedKeys = (): readonly string[] => [
	...SYMPTOM_CATALOGUE.flatMap((s) => [s.nameKey, s.hintKey]),
	...SEVERITY_ANCHORS.map((a) => a.key),
	...[0, 2, 5, 8, 10].map(severityBandKey),
	...BODY_LOCATIONS.map(bodyLocationKey),
	...MOOD_LEVELS.map(moodLevelKey),
	...Object.values(METRIC_DEFINITIONS).flatMap((m) => [m.rangeKey, m.nameKey]),
	...JOURNAL_KINDS.map(kindKey),
	...SKIP_REASONS.map(skipReasonKey),
	...GOAL_STATUSES.map(goalStatusKey),
	...UNITS.map(unitSymbolKey)
];

const placeholders = (text: string): readonly string[] =>
	[...new Set([...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] ?? ''))].sort();

describe('journal messages', () => {
	it('has every key used by the domain, in English and French', () => {
		const keys = [...literalKeysInSources(), ...computedKeys()];
		expect(keys.length).toBeGreaterThan(100);
		for (const catalogue of catalogues) {
			const missing = keys.filter((key) => !(key in catalogue));
			expect(missing).toEqual([]);
		}
	});

	it('has the same keys and placeholders in both languages, all prefixed journal_', () => {
		expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
		for (const [key, text] of Object.entries(english)) {
			expect(key).toMatch(/^journal_[a-z0-9_]+$/);
			expect(placeholders(french[key] ?? '')).toEqual(placeholders(text));
		}
	});

	it('gives range errors every placeholder their message uses', () => {
		const outOfRange = (metric: (typeof METRICS)[number]) =>
			metric === 'systolic' || metric === 'diastolic'
				? {
						type: 'blood-pressure',
						systolic: metric === 'systolic' ? 999 : 120,
						diastolic: metric === 'diastolic' ? 1 : 80
					}
				: { type: metric, value: 1e6 };
		for (const metric of METRICS) {
			const result = parseWith(measurementValueSchema, outOfRange(metric));
			const error = result.ok
				? undefined
				: result.error.find((e) => e.key === METRIC_DEFINITIONS[metric].rangeKey);
			expect(error).toBeDefined();
			const needed = placeholders(english[METRIC_DEFINITIONS[metric].rangeKey] ?? '');
			expect(needed.filter((name) => !(name in (error?.params ?? {})))).toEqual([]);
		}
	});
});
