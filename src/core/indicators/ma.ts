/**
 * Moving-average kernels shared by the overlap, momentum and volatility families, plus the
 * TA-Lib MA-type dispatcher (`movingAverage`, `maLookback`).
 *
 * Every kernel follows TA-Lib's arithmetic order exactly (running sums rather than
 * recomputation, EMA seeded with the SMA of its first `period` inputs, ...), because the
 * engine is checked against TA-Lib to 1e-9 and the order of floating-point operations is
 * what decides the last bits. NaN inputs are not special-cased: they propagate through the
 * arithmetic as they do in TA-Lib's C.
 *
 * The `*Into(src, from, period, out)` kernels read `src[from..]` and write `out[from+lookback..]`,
 * leaving `out` untouched before that. `from` is where TA-Lib would start reading when it is
 * called with a later `startIdx` (startIdx - lookback): composite indicators such as APO,
 * MACD or MAVP call their MAs that way, and an EMA seeded later gives different values.
 */
import { mama } from './hilbert.js';
import { IndicatorError, MaType } from './types.js';

// -- lookbacks ------------------------------------------------------------------------------

export function smaLookback(period: number): number { return period - 1; }
export function emaLookback(period: number): number { return period - 1; }
export function wmaLookback(period: number): number { return period - 1; }
export function demaLookback(period: number): number { return 2 * (period - 1); }
export function temaLookback(period: number): number { return 3 * (period - 1); }
export function trimaLookback(period: number): number { return period - 1; }
export function kamaLookback(period: number): number { return period === 1 ? 0 : period; }
export function t3Lookback(period: number): number { return 6 * (period - 1); }
/** TA-Lib's MAMA lookback with its default (0) unstable period. */
export const MAMA_LOOKBACK = 32;

/** TA-Lib's TA_MA_Lookback: a period of 1 is the identity (lookback 0) for every type. */
export function maLookback(period: number, maType: number): number {
  if (period <= 1) return 0;
  switch (maType) {
    case MaType.SMA: return smaLookback(period);
    case MaType.EMA: return emaLookback(period);
    case MaType.WMA: return wmaLookback(period);
    case MaType.DEMA: return demaLookback(period);
    case MaType.TEMA: return temaLookback(period);
    case MaType.TRIMA: return trimaLookback(period);
    case MaType.KAMA: return kamaLookback(period);
    case MaType.MAMA: return MAMA_LOOKBACK;
    case MaType.T3: return t3Lookback(period);
    default: throw new IndicatorError(`unknown MA type ${maType} (0..8)`, 'maType');
  }
}

// -- kernels ---------------------------------------------------------------------------------

export function smaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  let sum = 0;
  for (let i = from; i < start; i++) sum += src[i]!;
  // Add the newest before dividing, drop the oldest after: TA-Lib's order, which the
  // last bits of the running sum depend on.
  for (let i = start, t = from; i < n; i++, t++) {
    sum += src[i]!;
    out[i] = sum / period;
    sum -= src[t]!;
  }
}

/** EMA with an explicit smoothing factor (MACDFIX uses fixed 0.15/0.075), SMA-seeded. */
export function emaKInto(src: Float64Array, from: number, period: number, k: number, out: Float64Array): void {
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  let prev = 0;
  for (let i = from; i <= start; i++) prev += src[i]!;
  prev /= period;
  out[start] = prev;
  for (let i = start + 1; i < n; i++) {
    prev = (src[i]! - prev) * k + prev;
    out[i] = prev;
  }
}

export function emaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  emaKInto(src, from, period, 2 / (period + 1), out);
}

export function wmaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const divider = (period * (period + 1)) / 2;
  let periodSum = 0;
  let periodSub = 0;
  for (let i = from, w = 1; i < start; i++, w++) {
    const v = src[i]!;
    periodSub += v;
    periodSum += v * w;
  }
  // periodSub is the plain window sum; subtracting it after each output shifts every
  // weight down by one, so the update is O(1) instead of O(period).
  let trailing = 0;
  for (let i = start, t = from; i < n; i++, t++) {
    const v = src[i]!;
    periodSub += v;
    periodSub -= trailing;
    periodSum += v * period;
    trailing = src[t]!;
    out[i] = periodSum / divider;
    periodSum -= periodSub;
  }
}

export function demaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 2 * lb >= n) return;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  emaInto(src, from, period, e1);
  emaInto(e1, from + lb, period, e2);
  for (let i = from + 2 * lb; i < n; i++) out[i] = 2 * e1[i]! - e2[i]!;
}

export function temaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 3 * lb >= n) return;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  const e3 = new Float64Array(n);
  emaInto(src, from, period, e1);
  emaInto(e1, from + lb, period, e2);
  emaInto(e2, from + 2 * lb, period, e3);
  for (let i = from + 3 * lb; i < n; i++) out[i] = e3[i]! + (3 * e1[i]! - 3 * e2[i]!);
}

/**
 * Triangular MA without the SMA-of-SMA: TA-Lib keeps the weighted numerator and two
 * half-window sums (rising and falling weights) and slides them with four adjustments.
 * The odd and even periods differ in the weight sum and in when the middle value moves
 * between the halves.
 */
export function trimaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  if (from < 0 || from + period - 1 >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const half = period >> 1;
  const odd = period % 2 === 1;
  const factor = 1 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  let trailing = from;
  let middle = odd ? trailing + half : trailing + half - 1;
  let today = middle + half;
  let numerator = 0;
  let numSub = 0;
  for (let i = middle; i >= trailing; i--) {
    numSub += src[i]!;
    numerator += numSub;
  }
  let numAdd = 0;
  middle++;
  for (let i = middle; i <= today; i++) {
    numAdd += src[i]!;
    numerator += numAdd;
  }
  let v = src[trailing++]!;
  out[today] = numerator * factor;
  today++;
  if (odd) {
    while (today < n) {
      numerator -= numSub;
      numSub -= v;
      v = src[middle++]!;
      numSub += v;
      numerator += numAdd;
      numAdd -= v;
      v = src[today]!;
      numAdd += v;
      numerator += v;
      v = src[trailing++]!;
      out[today++] = numerator * factor;
    }
  } else {
    while (today < n) {
      numerator -= numSub;
      numSub -= v;
      v = src[middle++]!;
      numSub += v;
      numAdd -= v;
      numerator += numAdd;
      v = src[today]!;
      numAdd += v;
      numerator += v;
      v = src[trailing++]!;
      out[today++] = numerator * factor;
    }
  }
}

const KAMA_FAST = 2 / (2 + 1);
const KAMA_SLOW = 2 / (30 + 1);
const KAMA_DIFF = KAMA_FAST - KAMA_SLOW;

/** Kaufman adaptive MA: the efficiency ratio picks a smoothing between EMA(2) and EMA(30). */
export function kamaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  if (from < 0) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  if (from + period >= n) return;
  let sumRoc1 = 0;
  let today = from;
  for (let c = 0; c < period; c++, today++) sumRoc1 += Math.abs(src[today]! - src[today + 1]!);
  let trailing = from;
  let prev = src[today - 1]!;
  let periodRoc = src[today]! - src[trailing]!;
  let trailingValue = src[trailing++]!;
  // TA-Lib's efficiency ratio: a flat or one-way window counts as fully efficient.
  let er = sumRoc1 <= periodRoc || (sumRoc1 > -1e-14 && sumRoc1 < 1e-14) ? 1 : Math.abs(periodRoc / sumRoc1);
  let sc = er * KAMA_DIFF + KAMA_SLOW;
  sc *= sc;
  prev = (src[today]! - prev) * sc + prev;
  out[today++] = prev;
  while (today < n) {
    const x = src[today]!;
    const old = src[trailing++]!;
    periodRoc = x - old;
    sumRoc1 -= Math.abs(trailingValue - old);
    sumRoc1 += Math.abs(x - src[today - 1]!);
    trailingValue = old;
    er = sumRoc1 <= periodRoc || (sumRoc1 > -1e-14 && sumRoc1 < 1e-14) ? 1 : Math.abs(periodRoc / sumRoc1);
    sc = er * KAMA_DIFF + KAMA_SLOW;
    sc *= sc;
    prev = (x - prev) * sc + prev;
    out[today++] = prev;
  }
}

/**
 * Tillson T3: six chained EMAs, each seeded with the mean of its first `period` inputs
 * while the earlier ones keep running (TA-Lib's warm-up), combined with vFactor weights.
 * Note TA-Lib writes these EMAs as k*x + (1-k)*e, not (x-e)*k + e like TA_EMA.
 */
export function t3Into(src: Float64Array, from: number, period: number, vFactor: number, out: Float64Array): void {
  const n = src.length;
  const lb = 6 * (period - 1);
  if (from < 0 || from + lb >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  let today = from;
  let acc = src[today++]!;
  for (let i = period - 1; i > 0; i--) acc += src[today++]!;
  let e1 = acc / period;
  acc = e1;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    acc += e1;
  }
  let e2 = acc / period;
  acc = e2;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    acc += e2;
  }
  let e3 = acc / period;
  acc = e3;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    acc += e3;
  }
  let e4 = acc / period;
  acc = e4;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    acc += e4;
  }
  let e5 = acc / period;
  acc = e5;
  for (let i = period - 1; i > 0; i--) {
    e1 = k * src[today++]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    e5 = k * e4 + k1 * e5;
    acc += e5;
  }
  let e6 = acc / period;
  const v2 = vFactor * vFactor;
  const c1 = 0 - v2 * vFactor;
  const c2 = 3 * (v2 - c1);
  const c3 = -6 * v2 - 3 * (vFactor - c1);
  const c4 = 1 + 3 * vFactor - c1 + 3 * v2;
  out[today - 1] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  while (today < n) {
    e1 = k * src[today]! + k1 * e1;
    e2 = k * e1 + k1 * e2;
    e3 = k * e2 + k1 * e3;
    e4 = k * e3 + k1 * e4;
    e5 = k * e4 + k1 * e5;
    e6 = k * e5 + k1 * e6;
    out[today++] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
}

/** Writes TA_MA(maType) of `src[from..]` into `out[from + maLookback..]`. */
export function maInto(src: Float64Array, from: number, period: number, maType: number, out: Float64Array): void {
  const n = src.length;
  if (period <= 1) {
    // TA_MA copies the input for a period of 1 before looking at the type (MAMA included),
    // matching TA_MA_Lookback's 0.
    for (let i = Math.max(0, from); i < n; i++) out[i] = src[i]!;
    return;
  }
  switch (maType) {
    case MaType.SMA: return smaInto(src, from, period, out);
    case MaType.EMA: return emaInto(src, from, period, out);
    case MaType.WMA: return wmaInto(src, from, period, out);
    case MaType.DEMA: return demaInto(src, from, period, out);
    case MaType.TEMA: return temaInto(src, from, period, out);
    case MaType.TRIMA: return trimaInto(src, from, period, out);
    case MaType.KAMA: return kamaInto(src, from, period, out);
    case MaType.T3: return t3Into(src, from, period, 0.7, out);
    case MaType.MAMA: {
      if (from < 0 || from + MAMA_LOOKBACK >= n) return;
      const [m] = mama(from === 0 ? src : src.subarray(from), 0.5, 0.05);
      for (let i = from + MAMA_LOOKBACK; i < n; i++) out[i] = m[i - from]!;
      return;
    }
    default: throw new IndicatorError(`unknown MA type ${maType} (0..8)`, 'maType');
  }
}

// -- plain typed API -------------------------------------------------------------------------

/** Output array whose warm-up prefix is NaN; kernels write everything from `lookback` on,
 *  so only the prefix needs filling (saves a full pass on long series). */
function run(real: Float64Array, lookback: number, fn: (out: Float64Array) => void): Float64Array {
  const out = new Float64Array(real.length);
  fn(out);
  out.fill(NaN, 0, Math.min(lookback, real.length));
  return out;
}

export function sma(real: Float64Array, period: number): Float64Array { return run(real, smaLookback(period), (o) => smaInto(real, 0, period, o)); }
export function ema(real: Float64Array, period: number): Float64Array { return run(real, emaLookback(period), (o) => emaInto(real, 0, period, o)); }
export function wma(real: Float64Array, period: number): Float64Array { return run(real, wmaLookback(period), (o) => wmaInto(real, 0, period, o)); }
export function dema(real: Float64Array, period: number): Float64Array { return run(real, demaLookback(period), (o) => demaInto(real, 0, period, o)); }
export function tema(real: Float64Array, period: number): Float64Array { return run(real, temaLookback(period), (o) => temaInto(real, 0, period, o)); }
export function trima(real: Float64Array, period: number): Float64Array { return run(real, trimaLookback(period), (o) => trimaInto(real, 0, period, o)); }
export function kama(real: Float64Array, period: number): Float64Array { return run(real, kamaLookback(period), (o) => kamaInto(real, 0, period, o)); }
export function t3(real: Float64Array, period: number, vFactor = 0.7): Float64Array {
  return run(real, t3Lookback(period), (o) => t3Into(real, 0, period, vFactor, o));
}

/** TA_MA: the moving average of type `maType` (TA-Lib numbering 0..8), NaN during warm-up. */
export function movingAverage(real: Float64Array, period: number, maType: number): Float64Array {
  return run(real, maLookback(period, maType), (o) => maInto(real, 0, period, maType, o));
}
