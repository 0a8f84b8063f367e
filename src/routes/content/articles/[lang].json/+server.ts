// The article library of one language as JSON, prerendered at build time: front matter and the
// validated block tree of every article. Parsing (YAML, Markdown) happens here, never in the
// browser; a malformed article makes the loader throw, which fails the build naming file and field.
import { json } from '@sveltejs/kit';
import { listArticles } from '$lib/content/load';
import { LANGS, langSchema } from '$lib/domain/education/article';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => LANGS.map((lang) => ({ lang }));

export const GET: RequestHandler = ({ params }) => {
	const lang = langSchema.parse(params.lang);
	const articles = listArticles(lang).map((a) => ({ meta: a.meta, blocks: a.blocks }));
	return json({ lang, articles });
};
