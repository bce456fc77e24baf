/** HT_DCPERIOD: Ehlers' dominant cycle period in bars, from the shared Hilbert pass (warm-up 32). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { DCPERIOD, lookbackOf, runHilbert, CYCLE } from './hilbert.js';

export function htDcPeriod(real: Float64Array): Float64Array {
  const out = nanArray(real.length);
  runHilbert(real, DCPERIOD, out, null);
  return out;
}

export const HT_DCPERIOD: IndicatorDef = {
  name: 'HT_DCPERIOD', group: CYCLE,
  description: 'Hilbert Transform dominant cycle period, in bars (6-50): the length of the cycle currently driving price.',
  interpretation: 'Bars (6..50): the dominant cycle length; use it to size adaptive windows (e.g. half a cycle).',
  inputs: ['real'], params: [], outputs: real(),
  lookback: () => lookbackOf(DCPERIOD),
  compute: ([x]) => [htDcPeriod(x!)],
  // Straight into the caller's output (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], _params, [out]) => {
    out!.fill(NaN, 0, Math.min(lookbackOf(DCPERIOD), x!.length));
    runHilbert(x!, DCPERIOD, out!, null);
  },
};
