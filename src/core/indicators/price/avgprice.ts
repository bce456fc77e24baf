/**
 * AVGPRICE: (open + high + low + close) / 4 per bar (no warm-up). The price transforms keep
 * TA-Lib's operand order so results match it bit for bit.
 */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';

export const PRICE = 'Price Transform';

export function avgprice(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = open.length;
  const out = into ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (high[i]! + low[i]! + close[i]! + open[i]!) / 4;
  return out;
}

export const AVGPRICE: IndicatorDef = {
  name: 'AVGPRICE', group: PRICE, description: 'Average price (open + high + low + close) / 4.',
  interpretation: 'Price units: a single representative price of the bar (feeds other indicators).',
  inputs: ['open', 'high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([o, h, l, c]) => [avgprice(o!, h!, l!, c!)],
  computeInto: ([o, h, l, c], _params, [out]) => { avgprice(o!, h!, l!, c!, out); },
};
