/** HT_TRENDLINE: price averaged over the dominant cycle, then a 4-3-2-1 WMA (warm-up 63). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { OVERLAP } from './shared.js';
import { TRENDLINE, lookbackOf, runHilbert } from '../cycle/hilbert.js';

export function htTrendline(real: Float64Array): Float64Array {
  const out = nanArray(real.length);
  runHilbert(real, TRENDLINE, out, null);
  return out;
}

export const HT_TRENDLINE: IndicatorDef = {
  name: 'HT_TRENDLINE', group: OVERLAP,
  description: 'Hilbert Transform instantaneous trendline, price units: price averaged over the dominant cycle; a low-lag trend line.',
  interpretation: 'Price units; price above the trendline = uptrend, below = downtrend; it lags less than an SMA of the cycle length.',
  inputs: ['real'], params: [], outputs: real(),
  lookback: () => lookbackOf(TRENDLINE),
  compute: ([x]) => [htTrendline(x!)],
  // Straight into the caller's output (runHilbert writes every bar from the warm-up on), not a
  // fresh 8 MB array per million bars copied over it.
  computeInto: ([x], _params, [out]) => {
    out!.fill(NaN, 0, Math.min(lookbackOf(TRENDLINE), x!.length));
    runHilbert(x!, TRENDLINE, out!, null);
  },
};
