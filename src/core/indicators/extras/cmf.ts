/**
 * CMF: Chaikin money flow, sum(mfm*v) / sum(v) over timePeriod with the money-flow multiplier
 * mfm = ((close-low) - (high-close)) / (high-low), 0 when high == low (warm-up period - 1).
 */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS, windowRatio } from './shared.js';

export function cmf(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const mfv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const range = h - l;
    // A zero-range bar carries no information on where the close sits: no money flow.
    mfv[i] = range === 0 ? 0 : (((c - l) - (h - c)) / range) * volume[i]!;
  }
  windowRatio(mfv, volume, period, 0, out);
  return out;
}

export const CMF: IndicatorDef = {
  name: 'CMF', group: EXTRAS,
  description: 'Chaikin Money Flow, -1..1: volume-weighted position of closes in their ranges; above 0 accumulation, below 0 distribution.',
  interpretation: '-1..1: above 0 accumulation (closes near highs on volume), below 0 distribution; beyond +/-0.25 is strong.',
  inputs: ['high', 'low', 'close', 'volume'], params: [periodParam(20, 'timePeriod', 1)], outputs: real(),
  lookback: (ps) => p(ps, 'timePeriod') - 1,
  compute: (i, ps) => [cmf(i[0]!, i[1]!, i[2]!, i[3]!, p(ps, 'timePeriod'))],
};
