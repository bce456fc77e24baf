/** NATR: ATR as a percentage of the close (warm-up period); 0 when the close is (near) zero. */
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { wilderAtr } from './atr.js';
import { VOLATILITY } from './trange.js';

export function natr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  return wilderAtr(high, low, close, period, true, out);
}

export const NATR: IndicatorDef = {
  name: 'NATR', group: VOLATILITY, description: 'Normalized ATR: ATR as a percentage of the close, comparable across price levels.',
  interpretation: 'Percent of price: volatility comparable across instruments and price levels; higher = more volatile.',
  inputs: ['high', 'low', 'close'], params: [periodParam(14, 'timePeriod', 1)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod'),
  compute: ([h, l, c], params) => [natr(h!, l!, c!, p(params, 'timePeriod'))],
  computeInto: ([h, l, c], params, [out]) => { natr(h!, l!, c!, p(params, 'timePeriod'), out); },
};
