// Blood pressure said in cmHg (issue 11, item 13): "13/8" and "13,5/8,5" are recognised and
// proposed as 130/80 and 135/85 mmHg; plausible mmHg values, or values that are not a pressure in
// either unit, get no proposal.
import { describe, expect, it } from 'vitest';
import { cmHgToMmHg } from '$lib/domain/journal/blood-pressure-cmhg';

describe('cmHgToMmHg', () => {
	it('reads 13 and 8 in the two fields as 130/80 mmHg', () => {
		expect(cmHgToMmHg('13', '8')).toEqual({ systolic: 130, diastolic: 80 });
	});

	it('reads the French decimal comma: 13,5 and 8,5 are 135/85 mmHg', () => {
		expect(cmHgToMmHg('13,5', '8,5')).toEqual({ systolic: 135, diastolic: 85 });
		expect(cmHgToMmHg('13.5', '8.5')).toEqual({ systolic: 135, diastolic: 85 });
	});

	it('reads "13/8" typed in one field', () => {
		expect(cmHgToMmHg('13/8', '')).toEqual({ systolic: 130, diastolic: 80 });
		expect(cmHgToMmHg(' 13,5 / 8,5 ', '')).toEqual({ systolic: 135, diastolic: 85 });
	});

	it('proposes nothing for a plausible mmHg pressure, a mix, or something else', () => {
		expect(cmHgToMmHg('135', '85')).toBeNull();
		expect(cmHgToMmHg('13', '85')).toBeNull();
		expect(cmHgToMmHg('8', '13')).toBeNull();
		expect(cmHgToMmHg('', '')).toBeNull();
		expect(cmHgToMmHg('abc', '8')).toBeNull();
		expect(cmHgToMmHg('1', '0,5')).toBeNull();
	});
});
