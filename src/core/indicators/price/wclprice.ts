/** WCLPRICE: (high + low + 2*close) / 4 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';
import { heapWclprice } from '../wasm/elementwise.js';

export function wclprice(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  let i = 0;
  // Unrolled by 16: see math/operators.ts (same expression per element, same results).
  for (; i < n - 15; i += 16) {
    out[i] = (high[i]! + low[i]! + close[i]! * 2) / 4;
    out[i + 1] = (high[i + 1]! + low[i + 1]! + close[i + 1]! * 2) / 4;
    out[i + 2] = (high[i + 2]! + low[i + 2]! + close[i + 2]! * 2) / 4;
    out[i + 3] = (high[i + 3]! + low[i + 3]! + close[i + 3]! * 2) / 4;
    out[i + 4] = (high[i + 4]! + low[i + 4]! + close[i + 4]! * 2) / 4;
    out[i + 5] = (high[i + 5]! + low[i + 5]! + close[i + 5]! * 2) / 4;
    out[i + 6] = (high[i + 6]! + low[i + 6]! + close[i + 6]! * 2) / 4;
    out[i + 7] = (high[i + 7]! + low[i + 7]! + close[i + 7]! * 2) / 4;
    out[i + 8] = (high[i + 8]! + low[i + 8]! + close[i + 8]! * 2) / 4;
    out[i + 9] = (high[i + 9]! + low[i + 9]! + close[i + 9]! * 2) / 4;
    out[i + 10] = (high[i + 10]! + low[i + 10]! + close[i + 10]! * 2) / 4;
    out[i + 11] = (high[i + 11]! + low[i + 11]! + close[i + 11]! * 2) / 4;
    out[i + 12] = (high[i + 12]! + low[i + 12]! + close[i + 12]! * 2) / 4;
    out[i + 13] = (high[i + 13]! + low[i + 13]! + close[i + 13]! * 2) / 4;
    out[i + 14] = (high[i + 14]! + low[i + 14]! + close[i + 14]! * 2) / 4;
    out[i + 15] = (high[i + 15]! + low[i + 15]! + close[i + 15]! * 2) / 4;
  }
  for (; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]! * 2) / 4;
  return out;
}

export const WCLPRICE: IndicatorDef = {
  name: 'WCLPRICE', group: PRICE, description: 'Weighted close price (high + low + 2*close) / 4.',
  interpretation: 'Price units: a representative price weighting the close twice (feeds other indicators).',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c]) => [wclprice(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { if (!heapWclprice(h!, l!, c!, out!)) wclprice(h!, l!, c!, out); },
};
