/**
 * Sextant Extras: widely used indicators that TA-Lib does not ship, on the same IndicatorDef
 * contract (aligned outputs, NaN during warm-up, value at bar i uses bars <= i only).
 * Multi-output extras share one lookback (the longest warm-up) so every output starts together.
 * NaN inputs are not special-cased: they propagate through the arithmetic (into running sums
 * and recursive smoothers, from then on), the same policy as the TA-Lib groups.
 *
 * This file holds the extras' own kernels. They are kept apart from the TA-Lib ones because
 * their operation order differs in the last bits (WMA update order, ties of the rolling
 * extremes, ATR with period 1), and the extras' published values must not move.
 */
import { nanArray } from '../types.js';
import { trueRange } from '../defkit.js';

export const EXTRAS = 'Sextant Extras';

/**
 * Windowed ratio sum(num)/sum(den) over `period` bars with running sums. The sums are rebuilt
 * from scratch whenever i % period == 0 so rounding drift cannot accumulate over millions of
 * bars; the rebuild points depend on the absolute index only, which keeps prefix invariance.
 * `zero` is written when the denominator sum is exactly 0.
 */
export function windowRatio(num: Float64Array, den: Float64Array, period: number, zero: number, out: Float64Array): void {
  const n = num.length;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    if (i % period === 0 && i >= period) {
      sn = 0;
      sd = 0;
      for (let j = i - period + 1; j <= i; j++) { sn += num[j]!; sd += den[j]!; }
    } else {
      sn += num[i]!;
      sd += den[i]!;
      if (i >= period) { sn -= num[i - period]!; sd -= den[i - period]!; }
    }
    if (i >= period - 1) out[i] = sd === 0 ? zero : sn / sd;
  }
}

/** Highest value of the last `period` bars into out[period-1..]; on a rescan the newest tie wins. */
export function highestInto(src: Float64Array, period: number, out: Float64Array): void {
  const n = src.length;
  let idx = -1;
  let best = 0;
  for (let today = period - 1; today < n; today++) {
    const trailing = today - period + 1;
    const v = src[today]!;
    if (idx < trailing) {
      idx = trailing;
      best = src[idx]!;
      for (let i = idx + 1; i <= today; i++) {
        if (src[i]! >= best) { idx = i; best = src[i]!; }
      }
    } else if (v >= best) {
      idx = today;
      best = v;
    }
    out[today] = best;
  }
}

export function lowestInto(src: Float64Array, period: number, out: Float64Array): void {
  const n = src.length;
  let idx = -1;
  let best = 0;
  for (let today = period - 1; today < n; today++) {
    const trailing = today - period + 1;
    const v = src[today]!;
    if (idx < trailing) {
      idx = trailing;
      best = src[idx]!;
      for (let i = idx + 1; i <= today; i++) {
        if (src[i]! <= best) { idx = i; best = src[i]!; }
      }
    } else if (v <= best) {
      idx = today;
      best = v;
    }
    out[today] = best;
  }
}

/** (highest high + lowest low) / 2 over `period` bars. */
export function midChannel(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const hh = nanArray(high.length);
  const ll = nanArray(high.length);
  highestInto(high, period, hh);
  lowestInto(low, period, ll);
  for (let i = period - 1; i < high.length; i++) hh[i] = (hh[i]! + ll[i]!) / 2;
  return hh;
}

/**
 * Wilder ATR: first value at index `period` = mean of TR[1..period], then
 * (atr*(period-1) + tr) / period. Equal to volatility/atr.ts for period > 1; for period 1 it
 * keeps the recursion (a NaN bar stays in it), where TA-Lib's ATR returns the raw true range.
 */
export function atrOf(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let atr = 0;
  for (let i = 1; i < n; i++) {
    const tr = trueRange(high[i]!, low[i]!, close[i - 1]!);
    if (i < period) atr += tr;
    else if (i === period) { atr = (atr + tr) / period; out[i] = atr; }
    else { atr = (atr * (period - 1) + tr) / period; out[i] = atr; }
  }
  return out;
}

/** WMA with weights 1..period (TA-Lib's running-sum form), over src[from..]. */
export function wmaFrom(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  if (n - from < period) return;
  const divider = (period * (period + 1)) / 2;
  let sum = 0;
  let sub = 0;
  for (let i = 0; i < period - 1; i++) {
    const v = src[from + i]!;
    sub += v;
    sum += v * (i + 1);
  }
  let trailing = from;
  for (let i = from + period - 1; i < n; i++) {
    const v = src[i]!;
    sub += v;
    sum += v * period;
    out[i] = sum / divider;
    sum -= sub;
    sub -= src[trailing++]!;
  }
}
