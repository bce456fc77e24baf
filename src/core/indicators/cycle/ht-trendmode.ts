/** HT_TRENDMODE: 1 while price trends, 0 while it cycles (sine crossings, phase rate, distance from the trendline; warm-up 63). */
import { nanArray, type IndicatorDef } from '../types.js';
import { integer } from '../defkit.js';
import { TRENDMODE, lookbackOf, runHilbert, CYCLE } from './hilbert.js';

/** 1 = trend mode, 0 = cycle mode. */
export function htTrendMode(real: Float64Array): Float64Array {
  const out = nanArray(real.length);
  runHilbert(real, TRENDMODE, out, null);
  return out;
}

export const HT_TRENDMODE: IndicatorDef = {
  name: 'HT_TRENDMODE', group: CYCLE,
  description: 'Hilbert Transform trend vs cycle mode: 1 when price is trending, 0 when it is cycling.',
  interpretation: '1 = trend mode (follow the trend), 0 = cycle mode (fade extremes).',
  inputs: ['real'], params: [], outputs: integer(),
  lookback: () => lookbackOf(TRENDMODE),
  compute: ([x]) => [htTrendMode(x!)],
  // Straight into the caller's output (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], _params, [out]) => {
    out!.fill(NaN, 0, Math.min(lookbackOf(TRENDMODE), x!.length));
    runHilbert(x!, TRENDMODE, out!, null);
  },
};
