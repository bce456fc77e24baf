/** ADOSC: Chaikin A/D oscillator, EMA(fast) - EMA(slow) of the A/D line (warm-up max period - 1). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { intParam, p, real } from '../defkit.js';
import { VOLUME } from './ad.js';
import { heapAdosc } from '../wasm/elementwise.js';

/**
 * Chaikin oscillator: EMA(fast) - EMA(slow) of the A/D line. Unlike TA_EMA, TA-Lib seeds
 * both EMAs with the first A/D value (not an SMA) and writes them as k*x + (1-k)*e.
 */
export function adosc(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, fastPeriod: number, slowPeriod: number,
  into?: Float64Array,
): Float64Array {
  const n = high.length;
  const lookback = Math.max(fastPeriod, slowPeriod) - 1;
  // every cell from `lookback` on is written below
  const out = outArray(n, lookback, into);
  if (lookback >= n) return out;
  const fk = 2 / (fastPeriod + 1);
  const fk1 = 1 - fk;
  const sk = 2 / (slowPeriod + 1);
  const sk1 = 1 - sk;
  // As TA_ADOSC: both EMAs start at the first A/D value, run through the warm-up, then
  // write. The A/D step is ad.ts's (a select, not a conditional update of a loop-carried
  // double: see there); the loops are split so that no bar tests `i === 0` or `i >= lookback`.
  let h = high[0]!, l = low[0]!, c = close[0]!, range = h - l;
  let t = ((c - l - (h - c)) / range) * volume[0]!;
  let acc = 0;
  acc += range > 0 ? t : 0;
  let fast = acc;
  let slow = acc;
  let i = 1;
  for (; i < lookback; i++) {
    h = high[i]!; l = low[i]!; c = close[i]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i]!;
    acc += range > 0 ? t : 0;
    fast = fk * acc + fk1 * fast;
    slow = sk * acc + sk1 * slow;
  }
  if (lookback === 0) { out[0] = fast - slow; }
  // Unrolled by 8 (see math/operators.ts): the same steps in bar order, so the same values.
  for (; i < n - 7; i += 8) {
    h = high[i]!; l = low[i]!; c = close[i]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i] = fast - slow;
    h = high[i + 1]!; l = low[i + 1]!; c = close[i + 1]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 1]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 1] = fast - slow;
    h = high[i + 2]!; l = low[i + 2]!; c = close[i + 2]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 2]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 2] = fast - slow;
    h = high[i + 3]!; l = low[i + 3]!; c = close[i + 3]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 3]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 3] = fast - slow;
    h = high[i + 4]!; l = low[i + 4]!; c = close[i + 4]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 4]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 4] = fast - slow;
    h = high[i + 5]!; l = low[i + 5]!; c = close[i + 5]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 5]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 5] = fast - slow;
    h = high[i + 6]!; l = low[i + 6]!; c = close[i + 6]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 6]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 6] = fast - slow;
    h = high[i + 7]!; l = low[i + 7]!; c = close[i + 7]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i + 7]!;
    acc += range > 0 ? t : 0; fast = fk * acc + fk1 * fast; slow = sk * acc + sk1 * slow;
    out[i + 7] = fast - slow;
  }
  for (; i < n; i++) {
    h = high[i]!; l = low[i]!; c = close[i]!; range = h - l;
    t = ((c - l - (h - c)) / range) * volume[i]!;
    acc += range > 0 ? t : 0;
    fast = fk * acc + fk1 * fast;
    slow = sk * acc + sk1 * slow;
    out[i] = fast - slow;
  }
  return out;
}

export const ADOSC: IndicatorDef = {
  name: 'ADOSC', group: VOLUME, description: 'Chaikin A/D oscillator: EMA(fast) - EMA(slow) of the A/D line; above 0 = accumulation gaining momentum.',
  interpretation: 'Volume units: above 0 accumulation is gaining momentum, below 0 distribution; zero-line crossings are its signals.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: [
    intParam('fastPeriod', 3, 2, 100000, 'Fast EMA period'),
    intParam('slowPeriod', 10, 2, 100000, 'Slow EMA period'),
  ],
  outputs: real(),
  lookback: (params) => Math.max(p(params, 'fastPeriod'), p(params, 'slowPeriod')) - 1,
  compute: ([h, l, c, v], params) => [adosc(h!, l!, c!, v!, p(params, 'fastPeriod'), p(params, 'slowPeriod'))],
  computeInto: ([h, l, c, v], params, [out]) => {
    const fast = p(params, 'fastPeriod'), slow = p(params, 'slowPeriod');
    if (!heapAdosc(h!, l!, c!, v!, fast, slow, out!)) adosc(h!, l!, c!, v!, fast, slow, out);
  },
};
