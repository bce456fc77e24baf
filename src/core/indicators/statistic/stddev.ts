/** STDDEV: population standard deviation over the window, times nbDev (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { outArray } from '../arena.js';
import { EPS, nbDev, STATISTIC } from './var.js';
import { stddevWasm } from '../wasm/stats.js';

/**
 * Population standard deviation × nbDev; a variance below TA-Lib's epsilon reads as 0. One
 * pass: var.ts's running sums (same order, same variance double per bar) with the square root
 * taken before the store, instead of writing the variance and rereading it in a second pass.
 */
export function stddev(real: Float64Array, period: number, nbDev: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const start = period - 1;
  const out = outArray(n, start, into);
  if (start >= n || stddevWasm(real, period, nbDev, out)) return out;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < start; i++) {
    const v = real[i]!;
    s1 += v;
    s2 += v * v;
  }
  for (let i = start, t = 0; i < n; i++, t++) {
    const v = real[i]!;
    s1 += v;
    s2 += v * v;
    const m1 = s1 / period;
    const m2 = s2 / period;
    const old = real[t]!;
    s1 -= old;
    s2 -= old * old;
    const x = m2 - m1 * m1;
    out[i] = x < EPS ? 0 : Math.sqrt(x) * nbDev;
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
