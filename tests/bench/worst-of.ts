// Lighthouse's aim holds "on every run": the bench reports the worst run of each figure.

/** The worst of several runs per figure (lowest score, highest time), and every run's value. */
export function worstOf(
	runs: readonly Record<string, number | string>[]
): Record<string, number | string> {
	const out: Record<string, number | string> = { runs: runs.length };
	const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
	for (const key of keys) {
		const values = runs.map((r) => r[key]);
		const numbers = values.filter((v): v is number => typeof v === 'number');
		if (numbers.length === values.length && numbers.length > 0) {
			out[key] = /Ms$/u.test(key) ? Math.max(...numbers) : Math.min(...numbers);
			out[`${key}.eachRun`] = numbers.join(' ');
		} else {
			out[key] = values.map((v) => (v === undefined ? '-' : String(v))).join(' | ');
		}
	}
	return out;
}
