// Opening many sealed boxes (src/lib/crypto/open-boxes.ts): the plaintexts come back in the boxes'
// order, a box that does not open (changed, for another context, not base64) is null at its index,
// and without Web Workers (Node) the same result comes from this thread. The worker path itself
// runs in the benchmark page (tests/bench/surveys) and the e2e campaign spec, in Chromium.
import { describe, expect, it } from 'vitest';
import { openBoxes } from '$lib/crypto/open-boxes';
import { generateSurveyKeyPair, sealTo } from '$lib/crypto/sealed-box';
import { exportPublicKey } from '$lib/crypto/sharing';

describe('openBoxes', () => {
	it('opens in order; bad boxes are null where they stand', async () => {
		const pair = await generateSurveyKeyPair();
		const own = { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
		const boxes = await Promise.all(
			Array.from({ length: 80 }, async (_, i) =>
				i % 17 === 3
					? 'not-a-box'
					: ((await sealTo(own.publicKey, i % 19 === 5 ? 'other' : 'ctx', `plain ${String(i)}`)) ??
						'')
			)
		);
		const plains = await openBoxes(boxes, own, 'ctx', 4);
		expect(plains).toHaveLength(80);
		plains.forEach((p, i) => {
			if (i % 17 === 3 || i % 19 === 5) expect(p).toBeNull();
			else expect(p).toBe(`plain ${String(i)}`);
		});
		expect(await openBoxes([], own, 'ctx')).toEqual([]);
	});
});
