/** WCLPRICE: (high + low + 2*close) / 4 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';

export function wclprice(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]! * 2) / 4;
  return out;
}

export const WCLPRICE: IndicatorDef = {
  name: 'WCLPRICE', group: PRICE, description: 'Weighted close price (high + low + 2*close) / 4.',
  interpretation: 'Price units: a representative price weighting the close twice (feeds other indicators).',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c]) => [wclprice(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { wclprice(h!, l!, c!, out); },
};
