/** MIDPRICE: (highest high + lowest low) / 2 over the window (warm-up period - 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { highestInto, lowestInto } from '../math/minmax.js';
import { OVERLAP } from './shared.js';

export function midprice(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  highestInto(high, period, hi, null);
  lowestInto(low, period, lo, null);
  for (let i = period - 1; i < n; i++) out[i] = (hi[i]! + lo[i]!) / 2;
  return out;
}

export const MIDPRICE: IndicatorDef = {
  name: 'MIDPRICE', group: OVERLAP, description: '(highest high + lowest low) / 2 over timePeriod bars.',
  interpretation: 'Price units; the centre of the recent high-low range (a Donchian middle line).',
  inputs: ['high', 'low'], params: [periodParam(14)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([h, l], params) => [midprice(h!, l!, p(params, 'timePeriod'))],
};
