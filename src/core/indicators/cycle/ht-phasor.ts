/** HT_PHASOR: in-phase and quadrature components of the detrended price (warm-up 32). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { PHASOR, lookbackOf, runHilbert, CYCLE } from './hilbert.js';

/** [outInPhase, outQuadrature] */
export function htPhasor(real: Float64Array): [Float64Array, Float64Array] {
  const a = nanArray(real.length);
  const b = nanArray(real.length);
  runHilbert(real, PHASOR, a, b);
  return [a, b];
}

export const HT_PHASOR: IndicatorDef = {
  name: 'HT_PHASOR', group: CYCLE,
  description: 'Hilbert Transform phasor components (in-phase, quadrature) of the detrended price; their angle is the cycle phase.',
  interpretation: 'Price units: in-phase and quadrature components; their ratio gives the phase angle, and a larger magnitude a clearer cycle.',
  inputs: ['real'], params: [], outputs: real('outInPhase', 'outQuadrature'),
  lookback: () => lookbackOf(PHASOR),
  compute: ([x]) => htPhasor(x!),
  // Straight into the caller's outputs (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], _params, [a, b]) => {
    const m = Math.min(lookbackOf(PHASOR), x!.length);
    a!.fill(NaN, 0, m);
    b!.fill(NaN, 0, m);
    runHilbert(x!, PHASOR, a!, b!);
  },
};
