/** AVGDEV: mean absolute deviation from the window mean; TA-Lib 0.6 files it under Price Transform (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { intParam, p, real } from '../defkit.js';
import { PRICE } from './avgprice.js';

/** Mean absolute deviation from the window mean; O(period) per bar because the mean moves. */
export function avgdev(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  // every cell from period - 1 on is written below
  const out = outArray(n, period - 1, into);
  for (let today = period - 1; today < n; today++) {
    // TA-Lib's order (today, today - 1, ...), one running sum each, unrolled by 4: the same
    // additions in the same order, so bit for bit the same sums.
    let sum = 0;
    let k = 0;
    for (; k < period - 3; k += 4) {
      const j = today - k;
      sum += real[j]!; sum += real[j - 1]!; sum += real[j - 2]!; sum += real[j - 3]!;
    }
    for (; k < period; k++) sum += real[today - k]!;
    const mean = sum / period;
    let dev = 0;
    k = 0;
    for (; k < period - 3; k += 4) {
      const j = today - k;
      dev += Math.abs(real[j]! - mean); dev += Math.abs(real[j - 1]! - mean); dev += Math.abs(real[j - 2]! - mean); dev += Math.abs(real[j - 3]! - mean);
    }
    for (; k < period; k++) dev += Math.abs(real[today - k]! - mean);
    out[today] = dev / period;
  }
  return out;
}

export const AVGDEV: IndicatorDef = {
  name: 'AVGDEV', group: PRICE, description: 'Average absolute deviation of the value from its timePeriod mean (price units).',
  interpretation: 'Price units: typical distance from the mean; higher = more dispersed (volatile) values.',
  inputs: ['real'], params: [intParam('timePeriod', 14, 2, 100000, 'Number of bars in the window')], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([x], params) => [avgdev(x!, p(params, 'timePeriod'))],
  computeInto: ([x], params, [out]) => { avgdev(x!, p(params, 'timePeriod'), out); },
};
