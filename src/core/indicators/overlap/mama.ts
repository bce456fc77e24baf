/** MAMA: Ehlers' MESA adaptive MA and its following FAMA; alpha follows the rate of phase change (warm-up 32). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, real, realParam } from '../defkit.js';
import { ht } from '../cycle/hilbert.js';
import { OVERLAP } from './shared.js';

/** TA-Lib's MAMA lookback with its default (0) unstable period. */
export const MAMA_LOOKBACK = 32;

/**
 * TA-Lib's TA_MAMA loop into out0 (MAMA) and out1 (FAMA) from bar 32 on (cells before untouched).
 *
 * Its own loop rather than cycle/hilbert.ts's shared pass (same pipeline, same operations in the
 * same order, see there): per bar it has two atan calls, the period's (a chain from bar to bar:
 * period -> Hilbert filters -> Re/Im -> atan -> period) and the phase's for alpha (read by MAMA
 * only). The phase's atan is made after the period update rather than where its inputs are ready
 * as in TA-Lib: V8 spills every live double around a C call, and the phase's call in the middle
 * of the chain put those spills and reloads on it. Measured (1M bars, CPU time, this VM's bench
 * data): the shared pass 67 ms, this loop in TA-Lib's order 67, reordered 59, with the literal
 * delay-line offsets (cycle/hilbert.ts) 57; TA-Lib C 59-60. The shared pass with the same two
 * changes took 60: its extra state and per-kind tests.
 */
export function runMama(real: Float64Array, out0: Float64Array, out1: Float64Array, fastLimitIn: number, slowLimitIn: number): void {
  const n = real.length;
  const lb = MAMA_LOOKBACK;
  if (n <= lb) return;
  // Numbers once: merged with a raw parameter, `alpha` was tested for a small integer and
  // loaded from the heap in every turn.
  const fastLimit = +fastLimitIn;
  const slowLimit = +slowLimitIn;
  // No helper calls in here but ht's: see cycle/hilbert.ts on V8's inlining budget.
  const st = new Float64Array(40);
  let trailingWMAIdx = 0;
  let today = 0;
  let v = real[today++]!;
  let sub = v;
  let sum = v;
  v = real[today++]!;
  sub += v;
  sum += v * 2.0;
  v = real[today++]!;
  sub += v;
  sum += v * 3.0;
  let trailingWMAValue = 0.0;
  // Start of the 4-bar WMA: only its running sums matter (TA-Lib discards these smoothed values).
  // Written out in each loop: as a helper's call it cost HT_TRENDLINE ~1.3 ms per 1M bars.
  for (let i = 9; i > 0; i--) {
    v = real[today++]!;
    sub += v;
    sub -= trailingWMAValue;
    sum += v * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    sum -= sub;
  }

  let hIdx = 0;
  let period = 0;
  let prevQ2 = 0, prevI2 = 0, re = 0, im = 0;
  let i1OddPrev2 = 0, i1OddPrev3 = 0, i1EvenPrev2 = 0, i1EvenPrev3 = 0;
  let mama = 0, fama = 0, prevPhase = 0;

  for (; today < n; today++) {
    const adj = 0.075 * period + 0.54;
    const todayValue = real[today]!;
    sub += todayValue;
    sub -= trailingWMAValue;
    sum += todayValue * 4.0;
    trailingWMAValue = real[trailingWMAIdx++]!;
    const smoothed = sum * 0.1;
    sum -= sub;

    // Delay-line offsets as literals (see cycle/hilbert.ts): detrender 0/5, Q1 10/15, jI 20/25, jQ 30/35.
    let q2: number;
    let i2: number;
    let phaseI: number;
    let phaseQ: number;
    if (today % 2 === 0) {
      const detrender = ht(st, 0, hIdx, smoothed, adj);
      const q1 = ht(st, 10, hIdx, detrender, adj);
      const jI = ht(st, 20, hIdx, i1EvenPrev3, adj);
      const jQ = ht(st, 30, hIdx, q1, adj);
      if (++hIdx === 3) hIdx = 0;
      q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
      i2 = 0.2 * (i1EvenPrev3 - jQ) + 0.8 * prevI2;
      i1OddPrev3 = i1OddPrev2;
      i1OddPrev2 = detrender;
      phaseI = i1EvenPrev3;
      phaseQ = q1;
    } else {
      const detrender = ht(st, 5, hIdx, smoothed, adj);
      const q1 = ht(st, 15, hIdx, detrender, adj);
      const jI = ht(st, 25, hIdx, i1OddPrev3, adj);
      const jQ = ht(st, 35, hIdx, q1, adj);
      q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
      i2 = 0.2 * (i1OddPrev3 - jQ) + 0.8 * prevI2;
      i1EvenPrev3 = i1EvenPrev2;
      i1EvenPrev2 = detrender;
      phaseI = i1OddPrev3;
      phaseQ = q1;
    }

    re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re;
    im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im;
    prevQ2 = q2;
    prevI2 = i2;
    const prevPeriod = period;
    if (im !== 0.0 && re !== 0.0) period = 360.0 / (Math.atan(im / re) * 57.29577951308232);
    let bound = 1.5 * prevPeriod;
    if (period > bound) period = bound;
    bound = 0.67 * prevPeriod;
    if (period < bound) period = bound;
    if (period < 6) period = 6;
    else if (period > 50) period = 50;
    period = 0.2 * period + 0.8 * prevPeriod;

    // Alpha shrinks as the phase advances faster than 1 degree per bar (Ehlers' MAMA).
    let alphaPhase = 0;
    if (phaseI !== 0.0) alphaPhase = Math.atan(phaseQ / phaseI) * 57.29577951308232;
    let delta = prevPhase - alphaPhase;
    prevPhase = alphaPhase;
    if (delta < 1.0) delta = 1.0;
    let alpha: number;
    if (delta > 1.0) {
      alpha = fastLimit / delta;
      if (alpha < slowLimit) alpha = slowLimit;
    } else {
      alpha = fastLimit;
    }
    mama = alpha * todayValue + (1 - alpha) * mama;
    alpha *= 0.5;
    fama = alpha * mama + (1 - alpha) * fama;
    if (today >= lb) {
      out0[today] = mama;
      out1[today] = fama;
    }
  }
}

/** MESA Adaptive Moving Average: [outMAMA, outFAMA]. Lookback 32. */
export function mama(real: Float64Array, fastLimit = 0.5, slowLimit = 0.05): [Float64Array, Float64Array] {
  const a = nanArray(real.length);
  const b = nanArray(real.length);
  runMama(real, a, b, fastLimit, slowLimit);
  return [a, b];
}

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
  // Straight into the caller's outputs (runMama writes every bar from the warm-up on).
  computeInto: ([x], params, [a, b]) => {
    const m = Math.min(MAMA_LOOKBACK, x!.length);
    a!.fill(NaN, 0, m);
    b!.fill(NaN, 0, m);
    runMama(x!, a!, b!, p(params, 'fastLimit'), p(params, 'slowLimit'));
  },
};
