/** BOP: balance of power, (close - open) / (high - low) per bar (no warm-up). */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { MOMENTUM } from './shared.js';

/** Balance of power; 0 when the bar's range is below TA-Lib's 1e-14 epsilon. */
export function bop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const n = open.length;
  const out = into ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const range = high[i]! - low[i]!;
    out[i] = range < 1e-14 ? 0 : (close[i]! - open[i]!) / range;
  }
  return out;
}

export const BOP: IndicatorDef = {
  name: 'BOP', group: MOMENTUM,
  description: 'Balance Of Power, -1..1: (close - open) / (high - low); buyers (+) or sellers (-) controlled the bar.',
  interpretation: '-1..1: positive = buyers controlled the bar, negative = sellers; usually smoothed with an MA before use.',
  inputs: ['open', 'high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 0,
  compute: (i) => [bop(i[0]!, i[1]!, i[2]!, i[3]!)],
  computeInto: (i, _params, [out]) => { bop(i[0]!, i[1]!, i[2]!, i[3]!, out); },
};
