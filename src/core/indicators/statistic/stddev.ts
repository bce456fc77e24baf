/** STDDEV: population standard deviation over the window, times nbDev (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EPS, nbDev, STATISTIC, variance } from './var.js';

/** Population standard deviation × nbDev; a variance below TA-Lib's epsilon reads as 0. */
export function stddev(real: Float64Array, period: number, nbDev: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const out = variance(real, period, into);
  for (let i = period - 1; i < out.length; i++) {
    const v = out[i]!;
    out[i] = v < EPS ? 0 : Math.sqrt(v) * nbDev;
  }
  return out;
}

export const STDDEV: IndicatorDef = {
  name: 'STDDEV', group: STATISTIC, description: 'Population standard deviation over timePeriod bars, times nbDev.',
  interpretation: 'Units of the input: dispersion around the mean; higher = more volatile.',
  inputs: ['real'], params: [periodParam(5), nbDev], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [stddev(x!, p(params, 'timePeriod'), p(params, 'nbDev'))],
  computeInto: ([x], params, [out]) => { stddev(x!, p(params, 'timePeriod'), p(params, 'nbDev'), out); },
};
