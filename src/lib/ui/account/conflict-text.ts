// A short, readable summary of one version of an entry for the "two versions" choice: the words
// the person wrote (note, text, name) when there are any, otherwise the entry's values. Pure.
import * as z from 'zod';

const MAX = 160;

const worded = z.object({
	note: z.string().optional(),
	text: z.string().optional(),
	name: z.string().optional()
});

function clip(text: string): string {
	return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

export function versionSummary(body: unknown): string {
	const words = worded.safeParse(body);
	if (words.success) {
		const text = [words.data.name, words.data.text, words.data.note]
			.filter((t): t is string => t !== undefined && t.trim() !== '')
			.join(' — ');
		if (text !== '') return clip(text);
	}
	if (typeof body !== 'object' || body === null) return clip(String(body));
	const values = Object.entries(body)
		.filter(
			([key, value]) => key !== 'kind' && (typeof value === 'number' || typeof value === 'string')
		)
		.map(([key, value]) => `${key}: ${String(value)}`);
	return clip(values.join(', '));
}
