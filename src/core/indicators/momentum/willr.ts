/** WILLR: Williams %R, the close's place in the window's high-low range, -100..0 (warm-up period - 1). */
import { outArray } from '../arena.js';
import { highestValueInto, rescanLow, SPLIT_MIN } from '../math/minmax.js';
import { periodParam } from '../defkit.js';
import { willrWasm } from '../wasm/extremes.js';
import { HLC, single } from './shared.js';

/**
 * Williams %R in [-100, 0]; 0 when the window's range is exactly 0. Two passes, as MIDPRICE's
 * midInto: highestValueInto writes the window highs into `out`, then the low tracker (TA-Lib's,
 * its rescan bar as the inner loop's bound) reads each high back and writes %R over it, with the
 * same arithmetic per bar, so the same values. Its rescans split as math/minmax.ts's trackers
 * (SPLIT_MIN) and its inner loop takes four bars per turn, as lowestValueInto (~3%).
 */
export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length | 0;
  const out = outArray(n, period - 1, into);
  if (willrWasm(high, low, close, period, out)) return out;
  highestValueInto(high, period, out);
  let today = (period - 1) | 0;
  let pend = -1; // see math/minmax.ts SPLIT_MIN
  let pendV = 0;
  while (today < n) {
    let lowestIdx: number;
    if (pend >= 0) {
      lowestIdx = low[today]! < pendV ? today : pend;
      pend = -1;
    } else if (period >= SPLIT_MIN) {
      const a = (today - period + 1) | 0;
      const r = rescanLow(low, (a + 1) | 0, today);
      const rv = low[r]!;
      if (rv !== rv) lowestIdx = rescanLow(low, a, today);
      else if (rv < low[a]!) lowestIdx = r;
      else {
        lowestIdx = a;
        pend = r;
        pendV = rv;
      }
    } else lowestIdx = rescanLow(low, (today - period + 1) | 0, today);
    let lowest = low[lowestIdx]!;
    let highest = out[today]!;
    let diff = (highest - lowest) / -100.0;
    out[today] = diff !== 0 ? (highest - close[today]!) / diff : 0;
    let exit = (lowestIdx + period) | 0;
    today = (today + 1) | 0;
    while (((today + 3) | 0) < exit && ((today + 3) | 0) < n) {
      const v0 = low[today]!, v1 = low[(today + 1) | 0]!, v2 = low[(today + 2) | 0]!, v3 = low[(today + 3) | 0]!;
      if (v0 <= lowest) { lowest = v0; exit = (today + period) | 0; }
      highest = out[today]!;
      diff = (highest - lowest) / -100.0;
      out[today] = diff !== 0 ? (highest - close[today]!) / diff : 0;
      if (v1 <= lowest) { lowest = v1; exit = ((today + 1) + period) | 0; }
      highest = out[(today + 1) | 0]!;
      diff = (highest - lowest) / -100.0;
      out[(today + 1) | 0] = diff !== 0 ? (highest - close[(today + 1) | 0]!) / diff : 0;
      if (v2 <= lowest) { lowest = v2; exit = ((today + 2) + period) | 0; }
      highest = out[(today + 2) | 0]!;
      diff = (highest - lowest) / -100.0;
      out[(today + 2) | 0] = diff !== 0 ? (highest - close[(today + 2) | 0]!) / diff : 0;
      if (v3 <= lowest) { lowest = v3; exit = ((today + 3) + period) | 0; }
      highest = out[(today + 3) | 0]!;
      diff = (highest - lowest) / -100.0;
      out[(today + 3) | 0] = diff !== 0 ? (highest - close[(today + 3) | 0]!) / diff : 0;
      today = (today + 4) | 0;
    }
    if (exit > n) exit = n;
    for (; today < exit; today = (today + 1) | 0) {
      const v = low[today]!;
      if (v <= lowest) {
        lowest = v;
        exit = today + period;
        if (exit > n) exit = n;
      }
      highest = out[today]!;
      diff = (highest - lowest) / -100.0;
      out[today] = diff !== 0 ? (highest - close[today]!) / diff : 0;
    }
  }
  return out;
}

export const WILLR = single('WILLR', 'Williams %R, -100..0: close\'s position in the period\'s high-low range; above -20 overbought, below -80 oversold.', '-100..0: above -20 overbought (close near the range high), below -80 oversold (close near the range low).',
  HLC, periodParam(14), (p) => p - 1, (i, p, out) => willr(i[0]!, i[1]!, i[2]!, p, out));
