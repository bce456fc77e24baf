/** HT_DCPHASE: phase of the dominant cycle in degrees, from a DFT of the smoothed price over one period (warm-up 63). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { DCPHASE, lookbackOf, runHilbert, CYCLE } from './hilbert.js';

export function htDcPhase(real: Float64Array): Float64Array {
  const out = nanArray(real.length);
  runHilbert(real, DCPHASE, out, null);
  return out;
}

export const HT_DCPHASE: IndicatorDef = {
  name: 'HT_DCPHASE', group: CYCLE,
  description: 'Hilbert Transform dominant cycle phase, degrees (-45..315): where price sits within the current cycle.',
  interpretation: 'Degrees (-45..315): the position inside the dominant cycle; a steady phase advance means a cycling market, a stalled one a trend.',
  inputs: ['real'], params: [], outputs: real(),
  lookback: () => lookbackOf(DCPHASE),
  compute: ([x]) => [htDcPhase(x!)],
  // Straight into the caller's output (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], _params, [out]) => {
    out!.fill(NaN, 0, Math.min(lookbackOf(DCPHASE), x!.length));
    runHilbert(x!, DCPHASE, out!, null);
  },
};
