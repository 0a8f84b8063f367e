// The offline search index of one language, built and serialised at build time (MiniSearch JSON),
// so the browser only loads it; it never tokenises the library itself.
import { listArticles } from '$lib/content/load';
import { LANGS, langSchema } from '$lib/domain/education/article';
import { buildSearchIndex, serialiseSearchIndex } from '$lib/domain/education/search';
import { searchLabels } from '$lib/ui/learn/labels';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => LANGS.map((lang) => ({ lang }));

export const GET: RequestHandler = ({ params }) => {
	const lang = langSchema.parse(params.lang);
	const body = serialiseSearchIndex(buildSearchIndex(listArticles(lang), searchLabels));
	return new Response(body, { headers: { 'content-type': 'application/json' } });
};
