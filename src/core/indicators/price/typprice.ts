/** TYPPRICE: (high + low + close) / 3 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';
import { heapTypprice } from '../wasm/elementwise.js';

export function typprice(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  let i = 0;
  // Unrolled by 16: see math/operators.ts (same expression per element, same results).
  for (; i < n - 15; i += 16) {
    out[i] = (high[i]! + low[i]! + close[i]!) / 3;
    out[i + 1] = (high[i + 1]! + low[i + 1]! + close[i + 1]!) / 3;
    out[i + 2] = (high[i + 2]! + low[i + 2]! + close[i + 2]!) / 3;
    out[i + 3] = (high[i + 3]! + low[i + 3]! + close[i + 3]!) / 3;
    out[i + 4] = (high[i + 4]! + low[i + 4]! + close[i + 4]!) / 3;
    out[i + 5] = (high[i + 5]! + low[i + 5]! + close[i + 5]!) / 3;
    out[i + 6] = (high[i + 6]! + low[i + 6]! + close[i + 6]!) / 3;
    out[i + 7] = (high[i + 7]! + low[i + 7]! + close[i + 7]!) / 3;
    out[i + 8] = (high[i + 8]! + low[i + 8]! + close[i + 8]!) / 3;
    out[i + 9] = (high[i + 9]! + low[i + 9]! + close[i + 9]!) / 3;
    out[i + 10] = (high[i + 10]! + low[i + 10]! + close[i + 10]!) / 3;
    out[i + 11] = (high[i + 11]! + low[i + 11]! + close[i + 11]!) / 3;
    out[i + 12] = (high[i + 12]! + low[i + 12]! + close[i + 12]!) / 3;
    out[i + 13] = (high[i + 13]! + low[i + 13]! + close[i + 13]!) / 3;
    out[i + 14] = (high[i + 14]! + low[i + 14]! + close[i + 14]!) / 3;
    out[i + 15] = (high[i + 15]! + low[i + 15]! + close[i + 15]!) / 3;
  }
  for (; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]!) / 3;
  return out;
}

export const TYPPRICE: IndicatorDef = {
  name: 'TYPPRICE', group: PRICE, description: 'Typical price (high + low + close) / 3.',
  interpretation: 'Price units: a representative price weighting the close (feeds CCI, MFI, VWAP).',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c]) => [typprice(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { if (!heapTypprice(h!, l!, c!, out!)) typprice(h!, l!, c!, out); },
};
