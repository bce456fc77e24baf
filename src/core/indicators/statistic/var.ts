/**
 * VAR: population variance over the window, mean of squares minus squared mean with
 * TA-Lib's running sums (warm-up period - 1). STDDEV and BBANDS build on `varianceInto`.
 * NaN inputs propagate: a NaN in a running sum poisons every later value, as in TA-Lib.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real, realParam, REAL_BOUND } from '../defkit.js';

export const STATISTIC = 'Statistic Functions';

/** TA-Lib's "is zero" tolerance (TA_IS_ZERO / TA_IS_ZERO_OR_NEG). */
export const EPS = 1e-14;

export const nbDev = realParam('nbDev', 1, -REAL_BOUND, REAL_BOUND, 'Number of deviations');

/** Population variance over `period` bars (mean of squares minus squared mean), into out[period-1..]. */
export function varianceInto(real: Float64Array, period: number, out: Float64Array): void {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const start = period - 1;
  if (start >= n) return;
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
    out[i] = m2 - m1 * m1;
  }
}

export function variance(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  const out = outArray(real.length, period - 1, into);
  varianceInto(real, period, out);
  return out;
}

export const VAR: IndicatorDef = {
  name: 'VAR', group: STATISTIC, description: 'Population variance over timePeriod bars (nbDev is accepted and ignored, as in TA-Lib).',
  interpretation: 'Squared units of the input: dispersion around the mean; higher = more volatile.',
  inputs: ['real'], params: [periodParam(5, 'timePeriod', 1), nbDev], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [variance(x!, p(params, 'timePeriod'))],
  computeInto: ([x], params, [out]) => { variance(x!, p(params, 'timePeriod'), out); },
};
