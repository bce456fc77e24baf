/** MIDPOINT: (highest + lowest) / 2 of one series over the window (warm-up period - 1). */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { midInto } from '../math/minmax.js';
import { OVERLAP } from './shared.js';

export function midpoint(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  midInto(real, real, period, out);
  return out;
}

export const MIDPOINT: IndicatorDef = {
  name: 'MIDPOINT', group: OVERLAP, description: '(highest + lowest) / 2 of the value over timePeriod bars.',
  interpretation: 'Price units; the centre of the recent range: value above it = upper half of the range.',
  inputs: ['real'], params: [periodParam(14)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [midpoint(x!, p(params, 'timePeriod'))],
  computeInto: ([x], params, [out]) => { midpoint(x!, p(params, 'timePeriod'), out); },
};
