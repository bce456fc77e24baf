/** MIDPRICE: (highest high + lowest low) / 2 over the window (warm-up period - 1). */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { midInto } from '../math/minmax.js';
import { OVERLAP } from './shared.js';

export function midprice(high: Float64Array, low: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(high.length, period - 1, into);
  midInto(high, low, period, out);
  return out;
}

export const MIDPRICE: IndicatorDef = {
  name: 'MIDPRICE', group: OVERLAP, description: '(highest high + lowest low) / 2 over timePeriod bars.',
  interpretation: 'Price units; the centre of the recent high-low range (a Donchian middle line).',
  inputs: ['high', 'low'], params: [periodParam(14)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([h, l], params) => [midprice(h!, l!, p(params, 'timePeriod'))],
  computeInto: ([h, l], params, [out]) => { midprice(h!, l!, p(params, 'timePeriod'), out); },
};
