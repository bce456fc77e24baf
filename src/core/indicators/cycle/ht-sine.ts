/** HT_SINE: sine of the dominant cycle phase and of the phase + 45 degrees (warm-up 63). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { SINE, lookbackOf, runHilbert, CYCLE } from './hilbert.js';

/** [outSine, outLeadSine] */
export function htSine(real: Float64Array): [Float64Array, Float64Array] {
  const a = nanArray(real.length);
  const b = nanArray(real.length);
  runHilbert(real, SINE, a, b);
  return [a, b];
}

export const HT_SINE: IndicatorDef = {
  name: 'HT_SINE', group: CYCLE,
  description: 'Hilbert Transform sine wave, -1..1: sine of the cycle phase and a 45-degree lead; crossings flag cycle turns.',
  interpretation: '-1..1: sine crossing above lead sine marks a cycle low, crossing below a cycle high; no crossings for long = trend mode.',
  inputs: ['real'], params: [], outputs: real('outSine', 'outLeadSine'),
  lookback: () => lookbackOf(SINE),
  compute: ([x]) => htSine(x!),
  // Straight into the caller's outputs (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], _params, [a, b]) => {
    const m = Math.min(lookbackOf(SINE), x!.length);
    a!.fill(NaN, 0, m);
    b!.fill(NaN, 0, m);
    runHilbert(x!, SINE, a!, b!);
  },
};
