/** Planning figures: demand per township and band from the cross-tab, places per 1,000 residents. */
import { expect, test } from 'vitest';
import { per1000, planningRows } from '../../src/islands/staff/survey/Planning.tsx';

test('demand counts only children whose families want care, per band, summed per township', () => {
  const rows = planningRows(
    [
      { code: 'A', name: 'A town', places: 40, inclusive: 10 },
      { code: 'B', name: 'B town', places: 0, inclusive: 0 },
    ],
    [
      { township: 'A', band: '0_12', wants_care: true, children: 3 },
      { township: 'A', band: '0_12', wants_care: false, children: 7 },
      { township: 'A', band: '25_36', wants_care: true, children: 2 },
      { township: 'B', band: '13_24', wants_care: true, children: 1 },
    ],
  );
  expect(rows).toEqual([
    { name: 'A town', places: 40, inclusive: 10, '0_12': 3, '13_24': 0, '25_36': 2, total: 5 },
    { name: 'B town', places: 0, inclusive: 0, '0_12': 0, '13_24': 1, '25_36': 0, total: 1 },
  ]);
});

test('places per 1,000 residents, one decimal (2,769 places / 615,274 residents = 4.5)', () => {
  expect(per1000(2769, 615274)).toBe(4.5);
  expect(per1000(0, 615274)).toBe(0);
  expect(per1000(1234, 615274)).toBe(2);
});
