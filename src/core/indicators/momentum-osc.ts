/**
 * Momentum oscillators reproducing TA-Lib 0.6 (default unstable period 0, classic — not
 * Metastock — compatibility): RSI, CMO, MFI, CCI, AROON, AROONOSC, BOP, IMI, MOM, ROC*, ULTOSC,
 * WILLR. Each kernel is one pass over Float64Array with TA-Lib's operation order, because
 * reordering sums or divisions shows up as >1e-9 differences after cancellations.
 *
 * NaN inputs are not special-cased: they propagate through the arithmetic exactly as in TA-Lib
 * (e.g. a NaN close poisons RSI's Wilder averages for the rest of the series).
 */
import { nanArray } from './types.js';

/** TA-Lib's TA_IS_ZERO: |v| < 1e-14. */
const isZero = (v: number): boolean => v > -1e-14 && v < 1e-14;

/**
 * Wilder-smoothed gains/losses; `cmo` switches the final ratio. Seeded with the simple mean of
 * the first `period` changes, as TA-Lib (the first value lands at index `period`).
 */
function wilderGainLoss(real: Float64Array, period: number, cmo: boolean): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let prevValue = real[0]!;
  let gain = 0;
  let loss = 0;
  for (let today = 1; today <= period; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= period;
  gain /= period;
  let s = gain + loss;
  out[period] = isZero(s) ? 0 : cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s);
  const pm1 = period - 1;
  for (let today = period + 1; today < n; today++) {
    const v = real[today]!;
    const d = v - prevValue;
    prevValue = v;
    loss *= pm1;
    gain *= pm1;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= period;
    gain /= period;
    s = gain + loss;
    out[today] = isZero(s) ? 0 : cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s);
  }
  return out;
}

export function rsi(real: Float64Array, period = 14): Float64Array {
  return wilderGainLoss(real, period, false);
}

export function cmo(real: Float64Array, period = 14): Float64Array {
  return wilderGainLoss(real, period, true);
}

/**
 * Money Flow Index. A bar whose typical price equals the previous one contributes to neither
 * flow; TA-Lib writes 0 when the total flow in the window is below 1.0 (not only when zero).
 */
export function mfi(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 14): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  if (n <= period) return out;
  const pos = new Float64Array(period);
  const neg = new Float64Array(period);
  let idx = 0;
  let prevValue = (high[0]! + low[0]! + close[0]!) / 3.0;
  let posSum = 0;
  let negSum = 0;
  for (let today = 1; today <= period; today++) {
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    if (d < 0) { neg[idx] = tp; negSum += tp; pos[idx] = 0; }
    else if (d > 0) { pos[idx] = tp; posSum += tp; neg[idx] = 0; }
    else { pos[idx] = 0; neg[idx] = 0; }
    if (++idx === period) idx = 0;
  }
  let total = posSum + negSum;
  out[period] = total < 1.0 ? 0 : 100.0 * (posSum / total);
  for (let today = period + 1; today < n; today++) {
    posSum -= pos[idx]!;
    negSum -= neg[idx]!;
    let tp = (high[today]! + low[today]! + close[today]!) / 3.0;
    const d = tp - prevValue;
    prevValue = tp;
    tp *= volume[today]!;
    if (d < 0) { neg[idx] = tp; negSum += tp; pos[idx] = 0; }
    else if (d > 0) { pos[idx] = tp; posSum += tp; neg[idx] = 0; }
    else { pos[idx] = 0; neg[idx] = 0; }
    if (++idx === period) idx = 0;
    total = posSum + negSum;
    out[today] = total < 1.0 ? 0 : 100.0 * (posSum / total);
  }
  return out;
}

/**
 * Commodity Channel Index: (TP - SMA(TP)) / (0.015 * mean |TP - SMA(TP)|), recomputed over the
 * window each bar (no running sum) and summed in TA-Lib's circular-buffer slot order so the
 * cancellation in the numerator matches bit for bit. 0 when numerator or deviation is 0.
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = period - 1;
  if (n <= lb) return out;
  const buf = new Float64Array(period);
  let idx = 0;
  for (let i = 0; i < lb; i++) {
    buf[idx] = (high[i]! + low[i]! + close[i]!) / 3;
    if (++idx === period) idx = 0;
  }
  for (let i = lb; i < n; i++) {
    const last = (high[i]! + low[i]! + close[i]!) / 3;
    buf[idx] = last;
    let avg = 0;
    for (let j = 0; j < period; j++) avg += buf[j]!;
    avg /= period;
    let dev = 0;
    for (let j = 0; j < period; j++) dev += Math.abs(buf[j]! - avg);
    const num = last - avg;
    out[i] = num !== 0 && dev !== 0 ? num / (0.015 * (dev / period)) : 0;
    if (++idx === period) idx = 0;
  }
  return out;
}

/**
 * Aroon over period+1 bars; ties pick the most recent extreme (TA-Lib's `<=`/`>=`). The extreme is
 * tracked incrementally and rescanned only when it leaves the window.
 * `osc` writes AROONOSC into `down` (up is then unused).
 */
function aroonCore(high: Float64Array, low: Float64Array, period: number, down: Float64Array, up: Float64Array | null): void {
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
      lowestIdx = trailing;
      lowest = low[lowestIdx]!;
      for (let i = lowestIdx + 1; i <= today; i++) {
        tmp = low[i]!;
        if (tmp <= lowest) { lowestIdx = i; lowest = tmp; }
      }
    } else if (tmp <= lowest) {
      lowestIdx = today;
      lowest = tmp;
    }
    tmp = high[today]!;
    if (highestIdx < trailing) {
      highestIdx = trailing;
      highest = high[highestIdx]!;
      for (let i = highestIdx + 1; i <= today; i++) {
        tmp = high[i]!;
        if (tmp >= highest) { highestIdx = i; highest = tmp; }
      }
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

export function aroon(high: Float64Array, low: Float64Array, period = 14): [Float64Array, Float64Array] {
  const n = high.length;
  const down = nanArray(n);
  const up = nanArray(n);
  aroonCore(high, low, period, down, up);
  return [down, up];
}

export function aroonOsc(high: Float64Array, low: Float64Array, period = 14): Float64Array {
  const out = nanArray(high.length);
  aroonCore(high, low, period, out, null);
  return out;
}

/** Balance of power; 0 when the bar's range is below TA-Lib's 1e-14 epsilon. */
export function bop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = open.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const range = high[i]! - low[i]!;
    out[i] = range < 1e-14 ? 0 : (close[i]! - open[i]!) / range;
  }
  return out;
}

/**
 * Intraday Momentum Index. Summed afresh per window like TA-Lib (no zero guard: a window of
 * doji-only bars yields NaN from 0/0, exactly as TA-Lib does).
 */
export function imi(open: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = open.length;
  const out = nanArray(n);
  const lb = period - 1;
  for (let t = lb; t < n; t++) {
    let up = 0;
    let down = 0;
    for (let i = t - lb; i <= t; i++) {
      const c = close[i]!;
      const o = open[i]!;
      if (c > o) up += c - o;
      else down += o - c;
    }
    out[t] = 100.0 * (up / (up + down));
  }
  return out;
}

export function mom(real: Float64Array, period = 10): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) out[i] = real[i]! - real[i - period]!;
  return out;
}

const ROC = 0;
const ROCP = 1;
const ROCR = 2;
const ROCR100 = 3;

/** Rate-of-change variants; TA-Lib writes 0 when the reference price is exactly 0. */
function rocCore(real: Float64Array, period: number, kind: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) {
    const prev = real[i - period]!;
    const v = real[i]!;
    if (prev === 0) { out[i] = 0; continue; }
    out[i] = kind === ROC ? (v / prev - 1.0) * 100.0
      : kind === ROCP ? (v - prev) / prev
        : kind === ROCR ? v / prev
          : (v / prev) * 100.0;
  }
  return out;
}

export function roc(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROC); }
export function rocp(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROCP); }
export function rocr(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROCR); }
export function rocr100(real: Float64Array, period = 10): Float64Array { return rocCore(real, period, ROCR100); }

export function ultoscLookback(p1: number, p2: number, p3: number): number {
  return Math.max(p1, p2, p3);
}

/** Close minus true low of `day` (TA-Lib recomputes it on entry and exit of each window). */
function ultA(low: Float64Array, close: Float64Array, day: number): number {
  const lo = low[day]!;
  const cy = close[day - 1]!;
  return close[day]! - (lo < cy ? lo : cy);
}

/** True range of `day`, TA-Lib's comparison order. */
function ultB(high: Float64Array, low: Float64Array, close: Float64Array, day: number): number {
  const lo = low[day]!;
  const hi = high[day]!;
  const cy = close[day - 1]!;
  let tr = hi - lo;
  let t = Math.abs(cy - hi);
  if (t > tr) tr = t;
  t = Math.abs(cy - lo);
  if (t > tr) tr = t;
  return tr;
}

/**
 * Ultimate Oscillator 100 * (4*A1/B1 + 2*A2/B2 + A3/B3) / 7 with A = sum(close - trueLow),
 * B = sum(trueRange). TA-Lib sorts the periods so the weight 4 always goes to the shortest, and
 * keeps running sums updated add-then-subtract (order reproduced for bit parity).
 */
export function ultosc(high: Float64Array, low: Float64Array, close: Float64Array, period1 = 7, period2 = 14, period3 = 28): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const sorted = [period1, period2, period3].sort((a, b) => a - b);
  const s = sorted[0]!;
  const m = sorted[1]!;
  const l = sorted[2]!;
  const start = l;
  if (n <= start) return out;
  let a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
  for (let i = start - s + 1; i < start; i++) { a1 += ultA(low, close, i); b1 += ultB(high, low, close, i); }
  for (let i = start - m + 1; i < start; i++) { a2 += ultA(low, close, i); b2 += ultB(high, low, close, i); }
  for (let i = start - l + 1; i < start; i++) { a3 += ultA(low, close, i); b3 += ultB(high, low, close, i); }
  let t1 = start - s + 1;
  let t2 = start - m + 1;
  let t3 = start - l + 1;
  for (let today = start; today < n; today++) {
    const a = ultA(low, close, today);
    const b = ultB(high, low, close, today);
    a1 += a; a2 += a; a3 += a;
    b1 += b; b2 += b; b3 += b;
    let o = 0;
    if (!isZero(b1)) o += 4.0 * (a1 / b1);
    if (!isZero(b2)) o += 2.0 * (a2 / b2);
    if (!isZero(b3)) o += a3 / b3;
    a1 -= ultA(low, close, t1); b1 -= ultB(high, low, close, t1);
    a2 -= ultA(low, close, t2); b2 -= ultB(high, low, close, t2);
    a3 -= ultA(low, close, t3); b3 -= ultB(high, low, close, t3);
    out[today] = 100.0 * (o / 7.0);
    t1++; t2++; t3++;
  }
  return out;
}

/** Williams %R in [-100, 0]; 0 when the window's range is exactly 0. */
export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = period - 1;
  let lowestIdx = -1;
  let highestIdx = -1;
  let lowest = 0;
  let highest = 0;
  for (let today = lb; today < n; today++) {
    const trailing = today - lb;
    let tmp = low[today]!;
    if (lowestIdx < trailing) {
      lowestIdx = trailing;
      lowest = low[lowestIdx]!;
      for (let i = lowestIdx + 1; i <= today; i++) {
        tmp = low[i]!;
        if (tmp < lowest) { lowestIdx = i; lowest = tmp; }
      }
    } else if (tmp <= lowest) {
      lowestIdx = today;
      lowest = tmp;
    }
    tmp = high[today]!;
    if (highestIdx < trailing) {
      highestIdx = trailing;
      highest = high[highestIdx]!;
      for (let i = highestIdx + 1; i <= today; i++) {
        tmp = high[i]!;
        if (tmp > highest) { highestIdx = i; highest = tmp; }
      }
    } else if (tmp >= highest) {
      highestIdx = today;
      highest = tmp;
    }
    const diff = (highest - lowest) / -100.0;
    out[today] = diff !== 0 ? (highest - close[today]!) / diff : 0;
  }
  return out;
}
