/** MIDPOINT: (highest + lowest) / 2 of one series over the window (warm-up period - 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { highestInto, lowestInto } from '../math/minmax.js';
import { OVERLAP } from './shared.js';

export function midpoint(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  highestInto(real, period, hi, null);
  lowestInto(real, period, lo, null);
  for (let i = period - 1; i < n; i++) out[i] = (hi[i]! + lo[i]!) / 2;
  return out;
}

export const MIDPOINT: IndicatorDef = {
  name: 'MIDPOINT', group: OVERLAP, description: '(highest + lowest) / 2 of the value over timePeriod bars.',
  interpretation: 'Price units; the centre of the recent range: value above it = upper half of the range.',
  inputs: ['real'], params: [periodParam(14)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [midpoint(x!, p(params, 'timePeriod'))],
};
