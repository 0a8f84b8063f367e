// Turns one article source file (YAML front matter + Markdown) into an Article, or into the list
// of problems naming the file and the field. Invariant: the id and language in the front matter
// match the file name `<id>.<lang>.md`, and every article has a key-points box and an emergency
// box, so no article reaches a reader without them.
import { parse as parseYaml } from 'yaml';
import { articleMetaSchema, type Article } from './article';
import { markdownToBlocks } from './markdown';
import { err, ok, type Result } from '../result';
import { zodIssuesToContentIssues, type ContentIssue } from './validation';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const FILE_NAME = /([a-z0-9-]+)\.(en|fr)\.md$/;

/** `file` is the name used in messages (e.g. `articles/sleep.en.md`); `source` the file's text. */
export function parseArticle(
	file: string,
	source: string
): Result<Article, readonly ContentIssue[]> {
	const match = FRONT_MATTER.exec(source);
	if (match === null) {
		return err([
			{
				file,
				field: '(front matter)',
				message: 'the file must start with a --- front matter block ---'
			}
		]);
	}
	const [, yamlText = '', body = ''] = match;
	let data: unknown;
	try {
		data = parseYaml(yamlText);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		return err([{ file, field: '(front matter)', message: `invalid YAML: ${message}` }]);
	}
	const meta = articleMetaSchema.safeParse(data);
	const issues: ContentIssue[] = meta.success
		? []
		: [...zodIssuesToContentIssues(file, meta.error.issues)];

	const name = FILE_NAME.exec(file);
	if (name === null) {
		issues.push({ file, field: '(file name)', message: 'file name must be <id>.<en|fr>.md' });
	} else if (meta.success) {
		if (meta.data.id !== name[1])
			issues.push({ file, field: 'id', message: `must match the file name (${name[1] ?? ''})` });
		if (meta.data.lang !== name[2])
			issues.push({ file, field: 'lang', message: `must match the file name (${name[2] ?? ''})` });
	}

	const lang = meta.success ? meta.data.lang : name?.[2] === 'fr' ? 'fr' : 'en';
	const { blocks, problems } = markdownToBlocks(body, lang);
	issues.push(...problems.map((message) => ({ file, field: 'body', message })));
	for (const kind of ['keyPoints', 'emergency'] as const) {
		if (!blocks.some((b) => b.type === 'callout' && b.kind === kind)) {
			issues.push({
				file,
				field: 'body',
				message: `missing the ${kind === 'keyPoints' ? 'key points' : 'emergency'} box`
			});
		}
	}
	if (!meta.success || issues.length > 0) return err(issues);
	return ok({ meta: meta.data, blocks, file });
}
