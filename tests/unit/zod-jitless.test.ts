// The root layout's zod setting (src/lib/state/zod-jitless.ts) is set without importing zod; this
// checks that zod itself reads it, and that an object schema built afterwards parses without the
// `new Function` probe a strict CSP reports as a violation.
import { describe, expect, it, vi } from 'vitest';
import '$lib/state/zod-jitless';
import { config } from 'zod/v4/core';
import * as z from 'zod';

describe('zod without eval', () => {
	it('is jitless as zod sees it, and parses objects without building a function', () => {
		expect(config().jitless).toBe(true);
		const spy = vi.spyOn(globalThis, 'Function');
		const schema = z.object({ a: z.number(), b: z.string() });
		expect(schema.parse({ a: 1, b: 'x' })).toEqual({ a: 1, b: 'x' });
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();
	});
});
