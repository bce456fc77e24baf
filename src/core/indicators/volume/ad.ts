/**
 * AD: Chaikin accumulation/distribution line, cumulative from the first bar like TA-Lib's,
 * so its level depends on where the series starts; only changes compare across series
 * (no warm-up). NaN inputs propagate through the running total as in TA-Lib.
 */
import type { IndicatorDef } from '../types.js';
import { real } from '../defkit.js';

export const VOLUME = 'Volume Indicators';

/** Close-location value × volume, accumulated; bars with high <= low add nothing. */
export function ad(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, into?: Float64Array): Float64Array {
  const n = high.length;
  const out = into ?? new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const range = h - l;
    const c = close[i]!;
    if (range > 0) acc += ((c - l - (h - c)) / range) * volume[i]!;
    out[i] = acc;
  }
  return out;
}

export const AD: IndicatorDef = {
  name: 'AD', group: VOLUME, description: 'Chaikin accumulation/distribution line: rising = closes near highs on volume (buying pressure).',
  interpretation: 'Volume units, cumulative: a rising line = accumulation (buying pressure), falling = distribution; divergence from price warns of a reversal. Only changes matter, not the level.',
  inputs: ['high', 'low', 'close', 'volume'], params: [], outputs: real(),
  lookback: () => 0,
  compute: ([h, l, c, v]) => [ad(h!, l!, c!, v!)],
  computeInto: ([h, l, c, v], _params, [out]) => { ad(h!, l!, c!, v!, out); },
};
