// The functions the benchmark page exposes to the Playwright runner.
declare global {
	var cercleBench: {
		prepareUnlock(): Promise<void>;
		measureUnlock(runs: number): Promise<{ medianMs: number; longestBlockMs: number }>;
		measureVault(count: number): Promise<Record<string, number>>;
	};
	var cercleSurveyBench: {
		prepare(count: number): Promise<number>;
		measureResults(runs: number): Promise<{
			medianMs: number;
			openMedianMs: number;
			tallyMedianMs: number;
			answers: number;
		}>;
	};
}
export {};
