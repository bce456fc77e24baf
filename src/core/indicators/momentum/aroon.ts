/** AROON and AROONOSC: how recently the window's high and low were made (warm-up period). */
import { outArray } from '../arena.js';
import { rescanHighLast, rescanLowLast } from '../math/minmax.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { HL, MOMENTUM, single } from './shared.js';

/*
 * Aroon over period+1 bars; ties pick the most recent extreme (TA-Lib's `<=`/`>=`). The extremes
 * are tracked as TA-Lib does (rescan only when the extreme leaves the window), one tracker per
 * pass with its rescan bar as the inner loop's bound, as MIDPRICE's midInto: one loop with both
 * trackers tested the rescan condition on every bar and measured ~10% slower. Same extremes on
 * the same bars and the same arithmetic, so the same values.
 */

/** factor * (period - bars since the window's high), or its low with `high` false: an Aroon line. */
function aroonLine(src: Float64Array, period: number, high: boolean, out: Float64Array): void {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = src.length | 0;
  const factor = 100.0 / period;
  const span = (period + 1) | 0; // an extreme at i leaves the window on bar i + span
  let today = period;
  while (today < n) {
    let idx = high ? rescanHighLast(src, (today - period) | 0, today) : rescanLowLast(src, (today - period) | 0, today);
    let ext = src[idx]!;
    out[today] = factor * (period - (today - idx));
    let exit = (idx + span) | 0;
    if (exit > n) exit = n;
    if (high) {
      for (today = (today + 1) | 0; today < exit; today = (today + 1) | 0) {
        const v = src[today]!;
        if (v >= ext) {
          idx = today;
          ext = v;
          exit = (today + span) | 0;
          if (exit > n) exit = n;
        }
        out[today] = factor * (period - (today - idx));
      }
    } else {
      for (today = (today + 1) | 0; today < exit; today = (today + 1) | 0) {
        const v = src[today]!;
        if (v <= ext) {
          idx = today;
          ext = v;
          exit = (today + span) | 0;
          if (exit > n) exit = n;
        }
        out[today] = factor * (period - (today - idx));
      }
    }
  }
}

/** AROONOSC, factor * (high's index - low's index): the high tracker writes its index into `out`, the low tracker reads it back. */
function aroonOscInto(high: Float64Array, low: Float64Array, period: number, out: Float64Array): void {
  period |= 0;
  const n = high.length | 0;
  const factor = 100.0 / period;
  const span = (period + 1) | 0;
  let today = period;
  while (today < n) {
    let hiIdx = rescanHighLast(high, (today - period) | 0, today);
    let hi = high[hiIdx]!;
    out[today] = hiIdx;
    let exit = (hiIdx + span) | 0;
    if (exit > n) exit = n;
    for (today = (today + 1) | 0; today < exit; today = (today + 1) | 0) {
      const v = high[today]!;
      if (v >= hi) {
        hiIdx = today;
        hi = v;
        exit = (today + span) | 0;
        if (exit > n) exit = n;
      }
      out[today] = hiIdx;
    }
  }
  today = period;
  while (today < n) {
    let loIdx = rescanLowLast(low, (today - period) | 0, today);
    let lo = low[loIdx]!;
    out[today] = factor * (out[today]! - loIdx);
    let exit = (loIdx + span) | 0;
    if (exit > n) exit = n;
    for (today = (today + 1) | 0; today < exit; today = (today + 1) | 0) {
      const v = low[today]!;
      if (v <= lo) {
        loIdx = today;
        lo = v;
        exit = (today + span) | 0;
        if (exit > n) exit = n;
      }
      out[today] = factor * (out[today]! - loIdx);
    }
  }
}

/** Aroon down and up into `intoDown`/`intoUp` (fresh when absent); every cell from `period` on is written. */
export function aroon(high: Float64Array, low: Float64Array, period = 14, intoDown?: Float64Array, intoUp?: Float64Array): [Float64Array, Float64Array] {
  const n = high.length;
  const down = outArray(n, period, intoDown);
  const up = outArray(n, period, intoUp);
  aroonLine(low, period, false, down);
  aroonLine(high, period, true, up);
  return [down, up];
}

export function aroonOsc(high: Float64Array, low: Float64Array, period = 14, into?: Float64Array): Float64Array {
  const out = outArray(high.length, period, into);
  aroonOscInto(high, low, period, out);
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
