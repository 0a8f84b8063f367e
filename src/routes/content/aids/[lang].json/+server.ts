// The decision aids of one language as JSON, prerendered at build time. The loader validates
// every aid and throws on a malformed one, so a bad aid fails the build naming file and field.
import { json } from '@sveltejs/kit';
import { loadAids } from '$lib/content/load';
import { LANGS, langSchema } from '$lib/domain/education/article';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => LANGS.map((lang) => ({ lang }));

export const GET: RequestHandler = ({ params }) => {
	const lang = langSchema.parse(params.lang);
	const aids = loadAids()
		.filter((a) => a.lang === lang)
		.toSorted((a, b) => a.title.localeCompare(b.title, lang));
	return json({ lang, aids });
};
