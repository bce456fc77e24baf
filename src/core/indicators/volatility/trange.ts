/**
 * TRANGE: true range, the bar's range extended to the previous close (warm-up 1). The
 * per-bar `trueRange` (defkit.ts) is what ATR, NATR, the DI/DX/ADX family, ULTOSC and the
 * extras' ATR all use. NaN inputs propagate as in TA-Lib: a NaN range stays NaN.
 */
import { outArray } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { real, trueRange } from '../defkit.js';

export const VOLATILITY = 'Volatility Indicators';

/** True range into out[1..]. */
export function trangeInto(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
  const n = high.length;
  for (let i = 1; i < n; i++) out[i] = trueRange(high[i]!, low[i]!, close[i - 1]!);
}

export function trange(high: Float64Array, low: Float64Array, close: Float64Array, into?: Float64Array): Float64Array {
  const out = outArray(high.length, 1, into);
  trangeInto(high, low, close, out);
  return out;
}

export const TRANGE: IndicatorDef = {
  name: 'TRANGE', group: VOLATILITY, description: 'True range: the bar range extended to the previous close (price units).',
  interpretation: 'Price units: this bar\'s full move including any gap from the previous close; large values = volatile bars.',
  inputs: ['high', 'low', 'close'], params: [], outputs: real(),
  lookback: () => 1,
  compute: ([h, l, c]) => [trange(h!, l!, c!)],
  computeInto: ([h, l, c], _params, [out]) => { trange(h!, l!, c!, out); },
};
