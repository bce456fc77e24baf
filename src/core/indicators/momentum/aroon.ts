/** AROON and AROONOSC: how recently the window's high and low were made (warm-up period). */
import { outArray } from '../arena.js';
import { rescanHighLast, rescanLowLast } from '../math/minmax.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { HL, MOMENTUM, single } from './shared.js';

/**
 * Aroon over period+1 bars; ties pick the most recent extreme (TA-Lib's `<=`/`>=`). The extreme is
 * tracked incrementally and rescanned only when it leaves the window.
 * `osc` writes AROONOSC into `down` (up is then unused).
 */
function aroonCore(high: Float64Array, low: Float64Array, period: number, down: Float64Array, up: Float64Array | null): void {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length;
  const factor = 100.0 / period;
  let lowestIdx = -1;
  let highestIdx = -1;
  let lowest = 0;
  let highest = 0;
  for (let today = period; today < n; today++) {
    const trailing = today - period;
    let tmp = low[today]!;
    if (lowestIdx < trailing) {
      lowestIdx = rescanLowLast(low, trailing, today);
      lowest = low[lowestIdx]!;
    } else if (tmp <= lowest) {
      lowestIdx = today;
      lowest = tmp;
    }
    tmp = high[today]!;
    if (highestIdx < trailing) {
      highestIdx = rescanHighLast(high, trailing, today);
      highest = high[highestIdx]!;
    } else if (tmp >= highest) {
      highestIdx = today;
      highest = tmp;
    }
    if (up) {
      up[today] = factor * (period - (today - highestIdx));
      down[today] = factor * (period - (today - lowestIdx));
    } else {
      down[today] = factor * (highestIdx - lowestIdx);
    }
  }
}

/** Aroon down and up into `intoDown`/`intoUp` (fresh when absent); every cell from `period` on is written. */
export function aroon(high: Float64Array, low: Float64Array, period = 14, intoDown?: Float64Array, intoUp?: Float64Array): [Float64Array, Float64Array] {
  const n = high.length;
  const down = outArray(n, period, intoDown);
  const up = outArray(n, period, intoUp);
  aroonCore(high, low, period, down, up);
  return [down, up];
}

export function aroonOsc(high: Float64Array, low: Float64Array, period = 14, into?: Float64Array): Float64Array {
  const out = outArray(high.length, period, into);
  aroonCore(high, low, period, out, null);
  return out;
}

export const AROON: IndicatorDef = {
  name: 'AROON', group: MOMENTUM,
  description: 'Aroon down/up, 0-100: how recently the period\'s lowest low / highest high occurred (100 = this bar).',
  interpretation: '0..100: Aroon up near 100 = new highs recently (uptrend), Aroon down near 100 = new lows recently; both low = consolidation.',
  inputs: HL, params: [periodParam(14)], outputs: real('outAroonDown', 'outAroonUp'),
  lookback: (ps) => p(ps, 'timePeriod'),
  compute: (i, ps) => aroon(i[0]!, i[1]!, p(ps, 'timePeriod')),
  computeInto: (i, ps, [down, up]) => { aroon(i[0]!, i[1]!, p(ps, 'timePeriod'), down, up); },
};

export const AROONOSC = single('AROONOSC', 'Aroon Oscillator, -100..100: Aroon up minus Aroon down; positive when highs are more recent than lows.', '-100..100: positive = highs more recent than lows (uptrend), negative = downtrend; near 0 = no trend.',
  HL, periodParam(14), (p) => p, (i, p, out) => aroonOsc(i[0]!, i[1]!, p, out));
