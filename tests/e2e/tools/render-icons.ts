// Renders the SVG icons in static/icons to the PNG sizes the manifest and iOS need, with the system
// Chromium. Run once after changing an SVG, then commit the PNGs:
//   node tests/e2e/tools/render-icons.ts
// The maskable icon (also used for iOS, which rounds the corners itself) keeps its drawing inside the central 80% safe zone (radius 40% of the size).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const iconsDir = fileURLToPath(new URL('../../../static/icons/', import.meta.url));

const targets = [
	{ source: 'icon.svg', output: 'icon-192.png', size: 192 },
	{ source: 'icon.svg', output: 'icon-512.png', size: 512 },
	{ source: 'icon-maskable.svg', output: 'icon-180.png', size: 180 },
	{ source: 'icon-maskable.svg', output: 'icon-maskable-512.png', size: 512 }
] as const;

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	for (const target of targets) {
		const svg = await readFile(`${iconsDir}${target.source}`, 'utf8');
		const page = await browser.newPage({
			viewport: { width: target.size, height: target.size },
			deviceScaleFactor: 1
		});
		const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
		await page.setContent(
			`<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${target.size}" height="${target.size}" style="display:block"></body></html>`
		);
		await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
		await page.screenshot({ path: `${iconsDir}${target.output}`, omitBackground: true });
		await page.close();
	}
} finally {
	await browser.close();
}
