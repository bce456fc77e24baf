/** DONCHIAN: highest high, lowest low of the last timePeriod bars (current included) and their midpoint (warm-up period - 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS, highestInto, lowestInto } from './shared.js';

/** [upper, middle, lower] */
export function donchian(high: Float64Array, low: Float64Array, period = 20): Float64Array[] {
  const n = high.length;
  const upper = nanArray(n);
  const lower = nanArray(n);
  const middle = nanArray(n);
  highestInto(high, period, upper);
  lowestInto(low, period, lower);
  for (let i = period - 1; i < n; i++) middle[i] = (upper[i]! + lower[i]!) / 2;
  return [upper, middle, lower];
}

export const DONCHIAN: IndicatorDef = {
  name: 'DONCHIAN', group: EXTRAS,
  description: 'Donchian Channel: highest high / lowest low of the last timePeriod bars (current included) and their midpoint.',
  interpretation: 'Price units: a close at the upper band is a new timePeriod high (breakout), at the lower band a new low; the middle is the range centre.',
  inputs: ['high', 'low'], params: [periodParam(20, 'timePeriod', 1)],
  outputs: real('outUpper', 'outMiddle', 'outLower'),
  lookback: (ps) => p(ps, 'timePeriod') - 1,
  compute: (i, ps) => donchian(i[0]!, i[1]!, p(ps, 'timePeriod')),
};
