/** SUM: rolling sum over the window (warm-up period - 1). */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { MATH_OPERATORS } from './minmax.js';

/** Rolling sum; the running total adds the newest before output and drops the oldest after (TA-Lib's order). */
export function sum(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const out = outArray(n, period - 1, into);
  const start = period - 1;
  if (start >= n) return out;
  let total = 0;
  for (let i = 0; i < start; i++) total += real[i]!;
  let i = start;
  // Unrolled by 4 (see operators.ts): the same additions and subtractions in the same order.
  for (; i < n - 3; i += 4) {
    const t = i - start;
    total += real[i]!; out[i] = total; total -= real[t]!;
    total += real[i + 1]!; out[i + 1] = total; total -= real[t + 1]!;
    total += real[i + 2]!; out[i + 2] = total; total -= real[t + 2]!;
    total += real[i + 3]!; out[i + 3] = total; total -= real[t + 3]!;
  }
  for (; i < n; i++) {
    total += real[i]!;
    out[i] = total;
    total -= real[i - start]!;
  }
  return out;
}

export const SUM: IndicatorDef = {
  name: 'SUM', group: MATH_OPERATORS, description: 'Sum of the last timePeriod values.',
  interpretation: 'Units of the input times bars: the window total (e.g. volume over the window).', inputs: ['real'], params: [periodParam(30)],
  outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [sum(x!, p(params, 'timePeriod'))],
  computeInto: ([x], params, [out]) => { sum(x!, p(params, 'timePeriod'), out); },
};
