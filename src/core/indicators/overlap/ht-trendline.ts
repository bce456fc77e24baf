/** HT_TRENDLINE: price averaged over the dominant cycle, then a 4-3-2-1 WMA (warm-up 63). */
import { nanArray, type IndicatorDef } from '../types.js';
import { real } from '../defkit.js';
import { OVERLAP } from './shared.js';
import { TRENDLINE, ht, lookbackOf } from '../cycle/hilbert.js';

const LOOKBACK = lookbackOf(TRENDLINE);

/**
 * TA-Lib's TA_HT_TRENDLINE loop into out from bar 63 on (cells before untouched).
 *
 * Its own loop rather than cycle/hilbert.ts's shared pass (same pipeline, same operations in the
 * same order, see there), for one change of order: bar t's average over its dominant cycle is
 * taken in the next turn, after bar t+1's period update, not at the end of bar t's. The period is
 * a chain from bar to bar through an atan and two divisions; the cycle length dc comes off its
 * end, and the branches of the sum over dc bars (dc changes on ~40% of bars) are resolved only
 * then: a mispredicted one discarded the next bar's chain, already fetched behind it. One bar
 * later dc is long known, the branches resolve while the next chain still waits on its atan, and
 * a mispredict discards only what follows them. Measured (1M bars, CPU time, this VM's bench
 * data): the shared pass 65 ms, this loop in TA-Lib's order with the literal delay-line offsets
 * (cycle/hilbert.ts) 59, reordered 55.5; TA-Lib C 56.5. The reads and the write of each cell
 * keep their order relative to each other, so an output that is its own input still reads what
 * TA-Lib's loop reads (hilbert.test.ts).
 */
export function runTrendline(real: Float64Array, out: Float64Array): void {
  const n = real.length;
  if (n <= LOOKBACK) return;
  const lb = LOOKBACK;
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
  for (let i = 34; i > 0; i--) {
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
  let smoothPeriod = 0;
  let iTrend1 = 0, iTrend2 = 0, iTrend3 = 0;
  // Cycle length of the previous bar, whose trendline this turn completes (none on the first).
  let prevDc = 0;
  const first = today;

  for (; today <= n; today++) {
    if (today < n) {
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
      } else {
        const detrender = ht(st, 5, hIdx, smoothed, adj);
        const q1 = ht(st, 15, hIdx, detrender, adj);
        const jI = ht(st, 25, hIdx, i1OddPrev3, adj);
        const jQ = ht(st, 35, hIdx, q1, adj);
        q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
        i2 = 0.2 * (i1OddPrev3 - jQ) + 0.8 * prevI2;
        i1EvenPrev3 = i1EvenPrev2;
        i1EvenPrev2 = detrender;
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
      smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
    }

    // Completes the previous bar (the loop's last turn, today === n, does only this).
    if (today > first) {
      // The raw price over bar t's dominant cycle (dc bars) from t backwards, as TA-Lib: 4 bars
      // per iteration and then the 0-3 left as nested tests (the same additions in the same
      // order; fewer loop-back checks and array reloads, and the leftover is not a second loop
      // with its own mispredicted exit).
      const dc = prevDc;
      let mean = 0.0;
      let idx = today - 1;
      let i = 0;
      for (; i < dc - 3; i += 4, idx -= 4) {
        mean += real[idx]!; mean += real[idx - 1]!; mean += real[idx - 2]!; mean += real[idx - 3]!;
      }
      const rest = dc - i;
      if (rest > 0) {
        mean += real[idx]!;
        if (rest > 1) {
          mean += real[idx - 1]!;
          if (rest > 2) mean += real[idx - 2]!;
        }
      }
      if (dc > 0) mean = mean / dc;
      const trendline = (4.0 * mean + 3.0 * iTrend1 + 2.0 * iTrend2 + iTrend3) / 10.0;
      iTrend3 = iTrend2;
      iTrend2 = iTrend1;
      iTrend1 = mean;
      if (today - 1 >= lb) out[today - 1] = trendline;
    }
    prevDc = Math.trunc(smoothPeriod + 0.5);
  }
}
export function htTrendline(real: Float64Array): Float64Array {
  const out = nanArray(real.length);
  runTrendline(real, out);
  return out;
}

export const HT_TRENDLINE: IndicatorDef = {
  name: 'HT_TRENDLINE', group: OVERLAP,
  description: 'Hilbert Transform instantaneous trendline, price units: price averaged over the dominant cycle; a low-lag trend line.',
  interpretation: 'Price units; price above the trendline = uptrend, below = downtrend; it lags less than an SMA of the cycle length.',
  inputs: ['real'], params: [], outputs: real(),
  lookback: () => LOOKBACK,
  compute: ([x]) => [htTrendline(x!)],
  // Straight into the caller's output (runTrendline writes every bar from the warm-up on), not a
  // fresh 8 MB array per million bars copied over it.
  computeInto: ([x], _params, [out]) => {
    out!.fill(NaN, 0, Math.min(LOOKBACK, x!.length));
    runTrendline(x!, out!);
  },
};
