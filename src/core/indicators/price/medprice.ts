/** MEDPRICE: (high + low) / 2 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';
import { heapMedprice } from '../wasm/elementwise.js';

export function medprice(high: Float64Array, low: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  let i = 0;
  // Unrolled by 16: see math/operators.ts (same expression per element, same results).
  for (; i < n - 15; i += 16) {
    out[i] = (high[i]! + low[i]!) / 2;
    out[i + 1] = (high[i + 1]! + low[i + 1]!) / 2;
    out[i + 2] = (high[i + 2]! + low[i + 2]!) / 2;
    out[i + 3] = (high[i + 3]! + low[i + 3]!) / 2;
    out[i + 4] = (high[i + 4]! + low[i + 4]!) / 2;
    out[i + 5] = (high[i + 5]! + low[i + 5]!) / 2;
    out[i + 6] = (high[i + 6]! + low[i + 6]!) / 2;
    out[i + 7] = (high[i + 7]! + low[i + 7]!) / 2;
    out[i + 8] = (high[i + 8]! + low[i + 8]!) / 2;
    out[i + 9] = (high[i + 9]! + low[i + 9]!) / 2;
    out[i + 10] = (high[i + 10]! + low[i + 10]!) / 2;
    out[i + 11] = (high[i + 11]! + low[i + 11]!) / 2;
    out[i + 12] = (high[i + 12]! + low[i + 12]!) / 2;
    out[i + 13] = (high[i + 13]! + low[i + 13]!) / 2;
    out[i + 14] = (high[i + 14]! + low[i + 14]!) / 2;
    out[i + 15] = (high[i + 15]! + low[i + 15]!) / 2;
  }
  for (; i < n; i++) out[i] = (high[i]! + low[i]!) / 2;
  return out;
}

export const MEDPRICE: IndicatorDef = {
  name: 'MEDPRICE', group: PRICE, description: 'Median price (high + low) / 2: the middle of the bar.',
  interpretation: 'Price units: the middle of the bar\'s range (feeds other indicators).',
  inputs: ['high', 'low'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l]) => [medprice(h!, l!)],
  computeInto: ([h, l], _params, [out]) => { if (!heapMedprice(h!, l!, out!)) medprice(h!, l!, out); },
};
