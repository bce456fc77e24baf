/** MEDPRICE: (high + low) / 2 per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PRICE } from './avgprice.js';

export function medprice(high: Float64Array, low: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]!) / 2;
  return out;
}

export const MEDPRICE: IndicatorDef = {
  name: 'MEDPRICE', group: PRICE, description: 'Median price (high + low) / 2: the middle of the bar.',
  interpretation: 'Price units: the middle of the bar\'s range (feeds other indicators).',
  inputs: ['high', 'low'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l]) => [medprice(h!, l!)],
  computeInto: ([h, l], _params, [out]) => { medprice(h!, l!, out); },
};
