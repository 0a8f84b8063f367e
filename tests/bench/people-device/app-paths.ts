// `$app/paths` for the bench page (built by plain Vite, outside SvelteKit): links as written.
export const resolve = (path: string): string => path;
export const base = '';
export const assets = '';
