/** AROON and AROONOSC: how recently the window's high and low were made (warm-up period). */
import { outArray } from '../arena.js';
import { rescanHighLast, rescanLowLast } from '../math/minmax.js';
import type { IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { HL, MOMENTUM, single } from './shared.js';
import { aroonOscWasm, aroonWasm } from '../wasm/extremes.js';

/*
 * Aroon over period+1 bars; ties pick the most recent extreme (TA-Lib's `<=`/`>=`). The extremes
 * are tracked as TA-Lib does (rescan only when the extreme leaves the window), one tracker per
 * pass with its rescan bar as the inner loop's bound, as MIDPRICE's midInto: one loop with both
 * trackers tested the rescan condition on every bar and measured ~10% slower. Same extremes on
 * the same bars and the same arithmetic, so the same values. As math/minmax.ts's trackers, a
 * rescan scans all but the window's first bar and compares that bar last (SPLIT_MIN there; here
 * with the last bar of a tie: `>=`/`<=`), and the inner loops take four bars per turn while the
 * block ends before the rescan bar: AROON ~5%, AROONOSC ~4% faster together.
 */

/** factor * (period - bars since the window's high), or its low with `high` false: an Aroon line. */
function aroonLine(src: Float64Array, period: number, high: boolean, out: Float64Array): void {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = src.length | 0;
  const factor = 100.0 / period;
  const span = (period + 1) | 0; // an extreme at i leaves the window on bar i + span
  let today = period;
  let pend = -1; // as math/minmax.ts SPLIT_MIN, with the last bar of a tie
  let pendV = 0;
  while (today < n) {
    let idx: number;
    if (pend >= 0) {
      const v = src[today]!;
      idx = (high ? v >= pendV : v <= pendV) ? today : pend;
      pend = -1;
    } else {
      const a = (today - period) | 0;
      const r = high ? rescanHighLast(src, (a + 1) | 0, today) : rescanLowLast(src, (a + 1) | 0, today);
      const rv = src[r]!;
      const x = src[a]!;
      if (rv !== rv) idx = high ? rescanHighLast(src, a, today) : rescanLowLast(src, a, today);
      else if (high ? rv >= x : rv <= x) idx = r;
      else {
        idx = a;
        pend = r;
        pendV = rv;
      }
    }
    let ext = src[idx]!;
    out[today] = factor * (period - (today - idx));
    let exit = (idx + span) | 0;
    if (exit > n) exit = n;
    if (high) {
      today = (today + 1) | 0;
      while (((today + 3) | 0) < exit) {
        const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
        if (v0 >= ext) { idx = today; ext = v0; exit = (today + span) | 0; if (exit > n) exit = n; }
        out[today] = factor * (period - (today - idx));
        if (v1 >= ext) { idx = (today + 1) | 0; ext = v1; exit = ((today + 1) + span) | 0; if (exit > n) exit = n; }
        out[(today + 1) | 0] = factor * (period - (today + 1 - idx));
        if (v2 >= ext) { idx = (today + 2) | 0; ext = v2; exit = ((today + 2) + span) | 0; if (exit > n) exit = n; }
        out[(today + 2) | 0] = factor * (period - (today + 2 - idx));
        if (v3 >= ext) { idx = (today + 3) | 0; ext = v3; exit = ((today + 3) + span) | 0; if (exit > n) exit = n; }
        out[(today + 3) | 0] = factor * (period - (today + 3 - idx));
        today = (today + 4) | 0;
      }
      for (; today < exit; today = (today + 1) | 0) {
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
      today = (today + 1) | 0;
      while (((today + 3) | 0) < exit) {
        const v0 = src[today]!, v1 = src[(today + 1) | 0]!, v2 = src[(today + 2) | 0]!, v3 = src[(today + 3) | 0]!;
        if (v0 <= ext) { idx = today; ext = v0; exit = (today + span) | 0; if (exit > n) exit = n; }
        out[today] = factor * (period - (today - idx));
        if (v1 <= ext) { idx = (today + 1) | 0; ext = v1; exit = ((today + 1) + span) | 0; if (exit > n) exit = n; }
        out[(today + 1) | 0] = factor * (period - (today + 1 - idx));
        if (v2 <= ext) { idx = (today + 2) | 0; ext = v2; exit = ((today + 2) + span) | 0; if (exit > n) exit = n; }
        out[(today + 2) | 0] = factor * (period - (today + 2 - idx));
        if (v3 <= ext) { idx = (today + 3) | 0; ext = v3; exit = ((today + 3) + span) | 0; if (exit > n) exit = n; }
        out[(today + 3) | 0] = factor * (period - (today + 3 - idx));
        today = (today + 4) | 0;
      }
      for (; today < exit; today = (today + 1) | 0) {
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
  let pend = -1; // see aroonLine
  let pendV = 0;
  while (today < n) {
    let hiIdx: number;
    if (pend >= 0) {
      hiIdx = high[today]! >= pendV ? today : pend;
      pend = -1;
    } else {
      const a = (today - period) | 0;
      const r = rescanHighLast(high, (a + 1) | 0, today);
      const rv = high[r]!;
      if (rv !== rv) hiIdx = rescanHighLast(high, a, today);
      else if (rv >= high[a]!) hiIdx = r;
      else {
        hiIdx = a;
        pend = r;
        pendV = rv;
      }
    }
    let hi = high[hiIdx]!;
    out[today] = hiIdx;
    let exit = (hiIdx + span) | 0;
    if (exit > n) exit = n;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit) {
      const v0 = high[today]!, v1 = high[(today + 1) | 0]!, v2 = high[(today + 2) | 0]!, v3 = high[(today + 3) | 0]!;
      if (v0 >= hi) { hiIdx = today; hi = v0; exit = (today + span) | 0; if (exit > n) exit = n; }
      out[today] = hiIdx;
      if (v1 >= hi) { hiIdx = (today + 1) | 0; hi = v1; exit = ((today + 1) + span) | 0; if (exit > n) exit = n; }
      out[(today + 1) | 0] = hiIdx;
      if (v2 >= hi) { hiIdx = (today + 2) | 0; hi = v2; exit = ((today + 2) + span) | 0; if (exit > n) exit = n; }
      out[(today + 2) | 0] = hiIdx;
      if (v3 >= hi) { hiIdx = (today + 3) | 0; hi = v3; exit = ((today + 3) + span) | 0; if (exit > n) exit = n; }
      out[(today + 3) | 0] = hiIdx;
      today = (today + 4) | 0;
    }
    for (; today < exit; today = (today + 1) | 0) {
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
  pend = -1;
  while (today < n) {
    let loIdx: number;
    if (pend >= 0) {
      loIdx = low[today]! <= pendV ? today : pend;
      pend = -1;
    } else {
      const a = (today - period) | 0;
      const r = rescanLowLast(low, (a + 1) | 0, today);
      const rv = low[r]!;
      if (rv !== rv) loIdx = rescanLowLast(low, a, today);
      else if (rv <= low[a]!) loIdx = r;
      else {
        loIdx = a;
        pend = r;
        pendV = rv;
      }
    }
    let lo = low[loIdx]!;
    out[today] = factor * (out[today]! - loIdx);
    let exit = (loIdx + span) | 0;
    if (exit > n) exit = n;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit) {
      const v0 = low[today]!, v1 = low[(today + 1) | 0]!, v2 = low[(today + 2) | 0]!, v3 = low[(today + 3) | 0]!;
      if (v0 <= lo) { loIdx = today; lo = v0; exit = (today + span) | 0; if (exit > n) exit = n; }
      out[today] = factor * (out[today]! - loIdx);
      if (v1 <= lo) { loIdx = (today + 1) | 0; lo = v1; exit = ((today + 1) + span) | 0; if (exit > n) exit = n; }
      out[(today + 1) | 0] = factor * (out[(today + 1) | 0]! - loIdx);
      if (v2 <= lo) { loIdx = (today + 2) | 0; lo = v2; exit = ((today + 2) + span) | 0; if (exit > n) exit = n; }
      out[(today + 2) | 0] = factor * (out[(today + 2) | 0]! - loIdx);
      if (v3 <= lo) { loIdx = (today + 3) | 0; lo = v3; exit = ((today + 3) + span) | 0; if (exit > n) exit = n; }
      out[(today + 3) | 0] = factor * (out[(today + 3) | 0]! - loIdx);
      today = (today + 4) | 0;
    }
    for (; today < exit; today = (today + 1) | 0) {
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
  if (aroonWasm(high, low, period, down, up)) return [down, up];
  aroonLine(low, period, false, down);
  aroonLine(high, period, true, up);
  return [down, up];
}

export function aroonOsc(high: Float64Array, low: Float64Array, period = 14, into?: Float64Array): Float64Array {
  const out = outArray(high.length, period, into);
  if (aroonOscWasm(high, low, period, out)) return out;
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
