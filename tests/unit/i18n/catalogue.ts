// The message files as the tests read them: every area, both languages, each message as its plain
// text or its variants (plural forms), parsed with zod so a malformed file fails loudly.
import { readdirSync, readFileSync } from 'node:fs';
import * as z from 'zod';

const dir = new URL('../../../src/lib/i18n/messages/', import.meta.url);

const variantSchema = z.object({
	declarations: z.array(z.string()).optional(),
	selectors: z.array(z.string()).optional(),
	match: z.record(z.string(), z.string())
});
const messageSchema = z.union([z.string(), z.array(variantSchema).length(1)]);
const fileSchema = z.record(z.string(), messageSchema);

export type Locale = 'en' | 'fr';

export interface CatalogueMessage {
	readonly area: string;
	readonly key: string;
	/** Every text the message can show (one, or one per variant). */
	readonly texts: readonly string[];
	/** The input the message's plural selector reads, when it has one. */
	readonly pluralInput: string | null;
}

export const areas: readonly string[] = readdirSync(dir, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name);

const pluralDeclaration = /^local \w+ = (\w+): plural\b/u;

export function loadArea(area: string, locale: Locale): readonly CatalogueMessage[] {
	const raw: unknown = JSON.parse(readFileSync(new URL(`${area}/${locale}.json`, dir), 'utf8'));
	const { $schema: _schema, ...messages } = fileSchema.parse(raw);
	return Object.entries(messages).map(([key, message]) => {
		if (typeof message === 'string') return { area, key, texts: [message], pluralInput: null };
		const [variant] = message;
		const declared = (variant?.declarations ?? [])
			.map((d) => pluralDeclaration.exec(d)?.[1])
			.find((name) => name !== undefined);
		return {
			area,
			key,
			texts: Object.values(variant?.match ?? {}),
			pluralInput: declared ?? null
		};
	});
}

export function loadAll(locale: Locale): readonly CatalogueMessage[] {
	return areas.flatMap((area) => loadArea(area, locale));
}
