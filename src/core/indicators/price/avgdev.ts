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
  let today = period - 1;
  // Four bars per turn, each summed in TA-Lib's order (today, today - 1, ...; one running sum
  // each, so bit for bit the same sums). The four chains are independent, so the CPU overlaps
  // their additions (one alone waits on the previous addition), and as the bars' windows are
  // one apart, each value is loaded once per pass and handed down to the next older bar.
  for (; today + 3 < n; today += 4) {
    let w3 = real[today + 3]!, w2 = real[today + 2]!, w1 = real[today + 1]!;
    let sa = 0, sb = 0, sc = 0, sd = 0;
    for (let k = 0; k < period; k++) {
      const w0 = real[today - k]!;
      sa += w0; sb += w1; sc += w2; sd += w3;
      w3 = w2; w2 = w1; w1 = w0;
    }
    const ma = sa / period, mb = sb / period, mc = sc / period, md = sd / period;
    w3 = real[today + 3]!; w2 = real[today + 2]!; w1 = real[today + 1]!;
    let da = 0, db = 0, dc = 0, dd = 0;
    for (let k = 0; k < period; k++) {
      const w0 = real[today - k]!;
      da += Math.abs(w0 - ma); db += Math.abs(w1 - mb); dc += Math.abs(w2 - mc); dd += Math.abs(w3 - md);
      w3 = w2; w2 = w1; w1 = w0;
    }
    out[today] = da / period;
    out[today + 1] = db / period;
    out[today + 2] = dc / period;
    out[today + 3] = dd / period;
  }
  for (; today < n; today++) {
    let sum = 0;
    for (let k = 0; k < period; k++) sum += real[today - k]!;
    const mean = sum / period;
    let dev = 0;
    for (let k = 0; k < period; k++) dev += Math.abs(real[today - k]! - mean);
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
