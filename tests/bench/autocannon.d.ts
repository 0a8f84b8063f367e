// The part of autocannon's API the sync benchmark uses (the package ships no types).
declare module 'autocannon' {
	interface Options {
		url: string;
		headers?: Record<string, string>;
		connections?: number;
		duration?: number;
	}
	interface Result {
		requests: { average: number };
		latency: { p99: number };
		non2xx: number;
	}
	export default function autocannon(options: Options): Promise<Result>;
}
