/** Planning figures: demand per township and band from the cross-tab, places per 1,000 residents. */
import { expect, test } from 'vitest';
import { per1000, planningRows } from '../../src/islands/staff/survey/Planning.tsx';

test('demand counts only children whose families want care, per band, summed per township; undecided and expecting apart', () => {
  const rows = planningRows(
    [
      { code: 'A', name: 'A town', places: 40, inclusive: 10 },
      { code: 'B', name: 'B town', places: 0, inclusive: 0 },
    ],
    [
      { township: 'A', band: '0_12', wants_care: 'yes', children: 3 },
      { township: 'A', band: '0_12', wants_care: 'no', children: 7 },
      { township: 'A', band: '13_24', wants_care: 'undecided', children: 4 },
      { township: 'A', band: '25_36', wants_care: 'yes', children: 2 },
      { township: 'B', band: '13_24', wants_care: 'yes', children: 1 },
    ],
    [
      { township: 'A', responses: 20, wants_care: 4, undecided: 3, expecting: 6 },
      { township: 'B', responses: 1, wants_care: 1, undecided: 0, expecting: 0 },
    ],
  );
  expect(rows).toEqual([
    {
      name: 'A town',
      places: 40,
      inclusive: 10,
      '0_12': 3,
      '13_24': 0,
      '25_36': 2,
      total: 5,
      undecided: 4,
      expecting: 6,
    },
    {
      name: 'B town',
      places: 0,
      inclusive: 0,
      '0_12': 0,
      '13_24': 1,
      '25_36': 0,
      total: 1,
      undecided: 0,
      expecting: 0,
    },
  ]);
});

test('places per 1,000 residents, one decimal (2,769 places / 615,274 residents = 4.5)', () => {
  expect(per1000(2769, 615274)).toBe(4.5);
  expect(per1000(0, 615274)).toBe(0);
  expect(per1000(1234, 615274)).toBe(2);
});
