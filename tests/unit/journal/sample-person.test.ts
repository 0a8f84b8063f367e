import { describe, expect, it } from 'vitest';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import { createPrng } from '$lib/domain/journal/prng';
import { createUuidV7Factory, uuidv7Time } from '$lib/domain/ids';
import {
	journalEntrySchema,
	parseNewJournalBody,
	type JournalEntry
} from '$lib/domain/journal/records';
import { computeAdherence } from '$lib/domain/journal/adherence';
import { metricSeries, trendSummary } from '$lib/domain/journal/trends';
import { uuid } from 'zod';

const NOW = Date.parse('2025-06-16T10:30:00Z');
const DAY = 86_400_000;
const generate = (seed: number, locale: 'fr' | 'en' = 'fr', now = NOW) =>
	generateSamplePerson({
		seed,
		now,
		locale,
		newId: createUuidV7Factory(createPrng(seed ^ 0x5eed).next)
	});

describe('sample person', () => {
	const person = generate(42);
	const { entries } = person;

	it('is Monique Durand, 67, with three months of entries of every main kind', () => {
		expect(person.profile).toMatchObject({ name: 'Monique Durand', age: 67 });
		const first = entries[0];
		expect(first && NOW - first.at).toBeGreaterThan(89 * DAY);
		expect(first && NOW - first.at).toBeLessThan(92 * DAY);
		const kinds = new Set(entries.map((e) => e.kind));
		for (const kind of [
			'symptom',
			'measurement',
			'medication',
			'dose',
			'goal',
			'goal-checkin',
			'mood',
			'note',
			'target-range',
			'custom-symptom',
			'unit-preferences'
		]) {
			expect(kinds).toContain(kind);
		}
		expect(entries.length).toBeGreaterThan(800);
	});

	it('validates against the schemas, with nothing in the future, sorted by time', () => {
		for (const entry of entries) {
			const result = parseNewJournalBody(entry.body, NOW);
			expect(result.ok ? [] : result.error).toEqual([]);
			expect(journalEntrySchema.safeParse(entry).success).toBe(true);
		}
		entries.slice(1).forEach((entry, index) => {
			expect(entry.at).toBeGreaterThanOrEqual(entries[index]?.at ?? 0);
		});
	});

	it('gives UUIDv7 ids whose timestamp is the record time', () => {
		for (const entry of entries) {
			expect(uuid({ version: 'v7' }).safeParse(entry.id).success).toBe(true);
			expect(uuidv7Time(entry.id)).toBe(entry.at);
		}
		expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
	});

	it('is deterministic for a seed and differs between seeds', () => {
		expect(generate(42)).toEqual(person);
		expect(generate(43).entries).not.toEqual(entries);
	});

	it('has goals in her own words in the chosen language', () => {
		const goalTexts = (list: readonly JournalEntry[]) =>
			list.flatMap((e) => (e.body.kind === 'goal' ? [e.body.text] : []));
		expect(goalTexts(entries)).toContain(
			'Aller au marché à pied avec ma petite-fille sans m’arrêter'
		);
		expect(goalTexts(generate(42, 'en').entries)).toContain(
			'Walk to the market with my granddaughter without stopping'
		);
	});

	it('has realistic adherence (~90 %), with late and skipped doses with reasons', () => {
		const medications = entries.flatMap((e) =>
			e.body.kind === 'medication' ? [{ id: e.id, body: e.body }] : []
		);
		const doses = entries.flatMap((e) => (e.body.kind === 'dose' ? [e.body] : []));
		const report = computeAdherence({
			medications,
			doses,
			fromMs: entries[0]?.at ?? 0,
			toMs: NOW,
			now: NOW,
			timeZone: 'Europe/Paris',
			period: 'month'
		});
		expect(report.total.rate).toBeGreaterThan(0.83);
		expect(report.total.rate).toBeLessThan(0.96);
		expect(report.total.late).toBeGreaterThan(5);
		expect(report.total.skipped).toBeGreaterThan(3);
		expect(report.total.asNeeded).toBeGreaterThan(0);
		expect(
			doses.filter((d) => d.status === 'skipped').every((d) => d.skipReason !== undefined)
		).toBe(true);
		const stopped = medications.filter((m) => m.body.stopAt !== null);
		expect(stopped.map((m) => m.body.name)).toEqual(['Ramipril']);
	});

	it('shows blood pressure measured about twice a day and trending slightly down', () => {
		const systolic = metricSeries(entries, 'systolic');
		expect(systolic.length).toBeGreaterThan(150);
		const start = entries[0]?.at ?? 0;
		const early = trendSummary(systolic, { now: start + 28 * DAY, windowDays: 28 }).current ?? 0;
		const late = trendSummary(systolic, { now: NOW, windowDays: 28 }).current ?? 0;
		expect(early - late).toBeGreaterThan(5);
		expect(early - late).toBeLessThan(30);
	});
});
