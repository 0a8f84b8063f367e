// The functions the benchmark page exposes to the Playwright runner.
declare global {
	var cercleBench: {
		prepareUnlock(): Promise<void>;
		measureUnlock(runs: number): Promise<{ medianMs: number; longestBlockMs: number }>;
		measureVault(count: number): Promise<Record<string, number>>;
	};
	var cercleSurveyBench: {
		prepare(count: number): Promise<number>;
		measureResults(
			runs: number,
			reopen?: boolean
		): Promise<{
			medianMs: number;
			openMedianMs: number;
			tallyMedianMs: number;
			answers: number;
			workers: number;
		}>;
	};
	var cercleMemberBench: {
		prepare(count: number): Promise<void>;
		openOnce(): Promise<{ ms: number; openMs: number; shown: number; medicines: number }>;
	};
	var cercleBenchPeople: {
		prepare(count: number, days: number): { people: number; entriesPerPerson: number };
		measureList(runs: number): { medianMs: number; flaggedPeople: number };
		measureSummary(runs: number): { medianMs: number };
	};
	var cercleBenchPeopleDevice: {
		prepare(count: number, days: number): Promise<{ people: number; entriesPerPerson: number }>;
		measureList(): Promise<{
			ms: number;
			readMs: number;
			rowsMs: number;
			rows: number;
			flags: number;
			fresh: number;
		}>;
		probeOpen(): Promise<number>;
		measureSummary(index: number): Promise<{
			ms: number;
			openMs: number;
			readMs: number;
			computeMs: number;
			trends: number;
			records: number;
		}>;
	};
}
export {};
