/** TYPPRICE: (high + low + close) / 3 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';

export function typprice(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]!) / 3;
  return out;
}

export const TYPPRICE: IndicatorDef = {
  name: 'TYPPRICE', group: PRICE, description: 'Typical price (high + low + close) / 3.',
  interpretation: 'Price units: a representative price weighting the close (feeds CCI, MFI, VWAP).',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c]) => [typprice(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { typprice(h!, l!, c!, out); },
};
