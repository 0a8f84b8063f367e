// The functions the benchmark page exposes to the Playwright runner.
declare global {
	var cercleBench: {
		prepareUnlock(): Promise<void>;
		measureUnlock(runs: number): Promise<{ medianMs: number; longestBlockMs: number }>;
		measureVault(count: number): Promise<Record<string, number>>;
	};
	var cercleBenchPeople: {
		prepare(count: number, days: number): { people: number; entriesPerPerson: number };
		measureList(runs: number): { medianMs: number; flaggedPeople: number };
		measureSummary(runs: number): { medianMs: number };
	};
}
export {};
