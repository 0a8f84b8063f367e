// zod compiles object parsers with `new Function` when it may, and probes whether it may as soon as
// the first object schema is built. Under Cercle's CSP (no 'unsafe-eval') the probe fails, as it
// should, but the browser still reports a CSP violation on every start (Lighthouse's best practices
// count it). zod reads its settings from one object shared by every copy of it on the page,
// `globalThis.__zod_globalConfig`; this module sets `jitless` there without loading zod (the first
// screens do not), and is imported first by the root layout, before any schema is built.
// tests/unit/zod-jitless.test.ts checks that zod's own `config()` sees it.
const KEY = '__zod_globalConfig';

const existing: unknown = Reflect.get(globalThis, KEY);
const shared = typeof existing === 'object' && existing !== null ? existing : {};
Reflect.set(shared, 'jitless', true);
Reflect.set(globalThis, KEY, shared);
