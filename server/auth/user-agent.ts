// A coarse, human label for a session ("Firefox on Android"), so the person can recognise their
// devices in the session list without the server keeping the full User-Agent fingerprint.
const BROWSERS: readonly (readonly [RegExp, string])[] = [
	[/Edg\//, 'Edge'],
	[/Firefox\//, 'Firefox'],
	[/Chrom(e|ium)\//, 'Chrome'],
	[/Safari\//, 'Safari']
];
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

export function userAgentLabel(userAgent: string | null): string {
	if (userAgent === null) return 'Unknown device';
	const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? 'Browser';
	const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
	return system === undefined ? browser : `${browser} on ${system}`;
}
