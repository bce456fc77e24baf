/** MAMA: Ehlers' MESA adaptive MA and its following FAMA; alpha follows the rate of phase change (warm-up 32). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, real, realParam } from '../defkit.js';
import { MAMA as MAMA_KIND, runHilbert } from '../cycle/hilbert.js';
import { OVERLAP } from './shared.js';

/** MESA Adaptive Moving Average: [outMAMA, outFAMA]. Lookback 32. */
export function mama(real: Float64Array, fastLimit = 0.5, slowLimit = 0.05): [Float64Array, Float64Array] {
  const a = nanArray(real.length);
  const b = nanArray(real.length);
  runHilbert(real, MAMA_KIND, a, b, fastLimit, slowLimit);
  return [a, b];
}

/** TA-Lib's MAMA lookback with its default (0) unstable period. */
export const MAMA_LOOKBACK = 32;

export const MAMA: IndicatorDef = {
  name: 'MAMA', group: OVERLAP,
  description: 'MESA Adaptive Moving Average and its following FAMA, price units: MAMA crossing above FAMA is bullish, below bearish.',
  interpretation: 'Price units; MAMA crossing above FAMA is bullish, below bearish; the lines separate in trends and converge in ranges.',
  inputs: ['real'],
  params: [
    realParam('fastLimit', 0.5, 0.01, 0.99, 'Upper limit use in the adaptive algorithm'),
    realParam('slowLimit', 0.05, 0.01, 0.99, 'Lower limit use in the adaptive algorithm'),
  ],
  outputs: real('outMAMA', 'outFAMA'),
  lookback: () => MAMA_LOOKBACK,
  compute: ([x], params) => mama(x!, p(params, 'fastLimit'), p(params, 'slowLimit')),
  // Straight into the caller's outputs (runHilbert writes every bar from the warm-up on).
  computeInto: ([x], params, [a, b]) => {
    const m = Math.min(MAMA_LOOKBACK, x!.length);
    a!.fill(NaN, 0, m);
    b!.fill(NaN, 0, m);
    runHilbert(x!, MAMA_KIND, a!, b!, p(params, 'fastLimit'), p(params, 'slowLimit'));
  },
};
