/**
 * Wilder's directional indicators PLUS_DI, MINUS_DI and DX, and the fused pass ADX also uses,
 * reproducing TA-Lib 0.6 bit for bit with the default unstable period 0.
 *
 * TA-Lib conventions kept on purpose:
 * - One-bar DM: diffP = high - prevHigh, diffM = prevLow - low. -DM1 = diffM when
 *   diffM > 0 && diffP < diffM; otherwise +DM1 = diffP when diffP > 0 && diffP > diffM;
 *   equal moves give neither (Wilder's "case 7").
 * - The first smoothed DM/TR is the plain SUM of the first period-1 one-bar values (there is no
 *   DM for bar 0), later ones use Wilder's running sum x = x - x/period + today.
 * - DI/DX divide smoothed sums; when TR is (near) zero TA-Lib writes 0 for DI, repeats the
 *   previous DX and keeps the previous ADX; "near zero" is TA-Lib's |x| < 1e-14.
 * - With period 1 the DI functions skip smoothing and return the ratio DM1/TR1 (NOT scaled by
 *   100 — that is TA-Lib's behaviour and is kept for golden parity).
 *
 * NaN inputs are not special-cased: they propagate through the arithmetic exactly as in TA-Lib
 * (a NaN bar poisons the running Wilder sums from then on).
 */
import { outArray } from '../arena.js';
import { isZero, periodParam, trueRange } from '../defkit.js';
import { HLC, single } from './shared.js';

export function diLookback(period: number): number { return period > 1 ? period : 1; }
export function dxLookback(period: number): number { return period > 1 ? period : 2; }
export function adxLookback(period: number): number { return 2 * period - 1; }

const KIND_PLUS_DI = 0;
const KIND_MINUS_DI = 1;
const KIND_DX = 2;
const KIND_ADX = 3;

/**
 * TA-Lib's branchy DM in one pass for DI / DX / ADX (the kind selects what gets written): the
 * reference the loops below reproduce, run instead of them when a non-finite move reached
 * their branch-free DM (see BRANCH-FREE DM in directional-movement.ts).
 */
function directionalIndexExact(high: Float64Array, low: Float64Array, close: Float64Array, period: number, kind: number, into?: Float64Array): Float64Array {
  const n = high.length;
  const lb = kind === KIND_ADX ? adxLookback(period) : kind === KIND_DX ? dxLookback(period) : diLookback(period);
  const out = outArray(n, lb, into);
  if (n <= lb) return out;
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let prevClose = close[0]!;

  if (period <= 1 && (kind === KIND_PLUS_DI || kind === KIND_MINUS_DI)) {
    for (let today = 1; today < n; today++) {
      const h = high[today]!;
      const l = low[today]!;
      const diffP = h - prevHigh;
      const diffM = prevLow - l;
      prevHigh = h;
      prevLow = l;
      const moved = kind === KIND_PLUS_DI ? diffP > 0 && diffP > diffM : diffM > 0 && diffP < diffM;
      if (moved) {
        const tr = trueRange(h, l, prevClose);
        out[today] = isZero(tr) ? 0 : (kind === KIND_PLUS_DI ? diffP : diffM) / tr;
      } else {
        out[today] = 0;
      }
      prevClose = close[today]!;
    }
    return out;
  }

  let today = 0;
  let pDM = 0;
  let mDM = 0;
  let tr = 0;
  for (let i = period - 1; i > 0; i--) {
    today++;
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (diffM > 0 && diffP < diffM) mDM += diffM;
    else if (diffP > 0 && diffP > diffM) pDM += diffP;
    tr += trueRange(h, l, prevClose);
    prevClose = close[today]!;
  }

  let sumDX = 0;
  let adx = 0;
  let dxPrev = 0;
  // For ADX the first `period` smoothed bars only feed the initial DX sum.
  const firstOut = lb;
  while (today < n - 1) {
    today++;
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    mDM -= mDM / period;
    pDM -= pDM / period;
    if (diffM > 0 && diffP < diffM) mDM += diffM;
    else if (diffP > 0 && diffP > diffM) pDM += diffP;
    tr = tr - tr / period + trueRange(h, l, prevClose);
    prevClose = close[today]!;

    if (kind === KIND_PLUS_DI) {
      out[today] = isZero(tr) ? 0 : 100.0 * (pDM / tr);
    } else if (kind === KIND_MINUS_DI) {
      out[today] = isZero(tr) ? 0 : 100.0 * (mDM / tr);
    } else if (kind === KIND_DX) {
      let dx = today === firstOut ? 0 : dxPrev;
      if (!isZero(tr)) {
        const minusDI = 100.0 * (mDM / tr);
        const plusDI = 100.0 * (pDM / tr);
        const sum = minusDI + plusDI;
        if (!isZero(sum)) dx = 100.0 * (Math.abs(minusDI - plusDI) / sum);
      }
      out[today] = dx;
      dxPrev = dx;
    } else {
      if (!isZero(tr)) {
        const minusDI = 100.0 * (mDM / tr);
        const plusDI = 100.0 * (pDM / tr);
        const sum = minusDI + plusDI;
        if (!isZero(sum)) {
          const dx = 100.0 * (Math.abs(minusDI - plusDI) / sum);
          if (today <= firstOut) sumDX += dx;
          else adx = (adx * (period - 1) + dx) / period;
        }
      }
      if (today === firstOut) adx = sumDX / period;
      if (today >= firstOut) out[today] = adx;
    }
  }
  return out;
}

/**
 * The DIs (one loop for both, the direction a flag) and DX run loops of their own (loop-only functions, see volume/ad.ts)
 * with only the sums they read: the DI loops smooth one DM and the TR, not both DMs, and no bar
 * tests which indicator is being computed. -DM1 and +DM1 exclude each other (diffP < diffM and
 * diffP > diffM), so testing one alone gives the value the fused test gives. Their DM, and
 * ADX's, is branch-free (BRANCH-FREE DM in directional-movement.ts): the loops return their
 * last DM sum, and a NaN there reruns the series through directionalIndexExact.
 */
function directionalIndicator(high: Float64Array, low: Float64Array, close: Float64Array, timePeriod: number, plus: boolean, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // see INT_PARAMS in math/operators.ts
  const n = high.length;
  const lb = diLookback(period);
  const out = outArray(n, lb, into);
  if (n <= lb) return out;
  if (period <= 1) {
    di1Loop(high, low, close, out, n, plus);
    return out;
  }
  const last = diLoop(high, low, close, out, n, period, plus);
  if (last !== last) directionalIndexExact(high, low, close, period, plus ? KIND_PLUS_DI : KIND_MINUS_DI, out);
  return out;
}

/** Period 1: the unsmoothed ratio DM1/TR1, unscaled (TA-Lib's behaviour). */
function di1Loop(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, n: number, plus: boolean): void {
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let prevClose = close[0]!;
  for (let today = 1; today < n; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    const moved = plus ? diffP > 0 && diffP > diffM : diffM > 0 && diffP < diffM;
    if (moved) {
      const tr = trueRange(h, l, prevClose);
      out[today] = isZero(tr) ? 0 : (plus ? diffP : diffM) / tr;
    } else {
      out[today] = 0;
    }
    prevClose = close[today]!;
  }
}

/** One loop for both directions, the move picked by `plus` as in directional-movement.ts dmLoop. */
function diLoop(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, n: number, period: number, plus: boolean): number {
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let prevClose = close[0]!;
  let dm = 0;
  let tr = 0;
  let today = 1;
  for (; today < period; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    const a = plus ? diffP : diffM;
    if (a > 0 && a > (plus ? diffM : diffP)) dm += a;
    tr += trueRange(h, l, prevClose);
    prevClose = close[today]!;
  }
  for (; today < n; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    const a = plus ? diffP : diffM;
    const other = plus ? diffM : diffP;
    dm = dm - dm / period + a * (+(a > 0) & +(a > other));
    tr = tr - tr / period + trueRange(h, l, prevClose);
    prevClose = close[today]!;
    out[today] = isZero(tr) ? 0 : 100.0 * (dm / tr);
  }
  return dm;
}

/**
 * DX: both smoothed DMs and the TR. With a (near) zero TR or DI sum the previous DX is repeated
 * (0 at the first output bar, `period`).
 */
export function dx(high: Float64Array, low: Float64Array, close: Float64Array, timePeriod = 14, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // see INT_PARAMS in math/operators.ts
  const n = high.length;
  const lb = dxLookback(period);
  const out = outArray(n, lb, into);
  if (n <= lb) return out;
  const last = dxLoop(high, low, close, out, n, period > 1 ? period : 1, lb);
  if (last !== last) directionalIndexExact(high, low, close, period, KIND_DX, out);
  return out;
}

/*
 * Period 1 (a direct call; the definition's minimum is 2) keeps the fused kernel's behaviour:
 * no warm-up sums, bar 1 written too, and the repeated DX reset to 0 at bar 2 (its lookback).
 */
function dxLoop(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, n: number, period: number, firstOut: number): number {
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let prevClose = close[0]!;
  let pDM = 0;
  let mDM = 0;
  let tr = 0;
  let today = 1;
  for (; today < period; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (diffM > 0 && diffP < diffM) mDM += diffM;
    else if (diffP > 0 && diffP > diffM) pDM += diffP;
    tr += trueRange(h, l, prevClose);
    prevClose = close[today]!;
  }
  let dxPrev = 0;
  let stop = today < firstOut ? firstOut : n;
  for (;;) {
    for (; today < stop; today++) {
      const h = high[today]!;
      const l = low[today]!;
      const diffP = h - prevHigh;
      const diffM = prevLow - l;
      prevHigh = h;
      prevLow = l;
      mDM = mDM - mDM / period + diffM * (+(diffM > 0) & +(diffP < diffM));
      pDM = pDM - pDM / period + diffP * (+(diffP > 0) & +(diffP > diffM));
      tr = tr - tr / period + trueRange(h, l, prevClose);
      prevClose = close[today]!;
      if (!isZero(tr)) {
        const minusDI = 100.0 * (mDM / tr);
        const plusDI = 100.0 * (pDM / tr);
        const sum = minusDI + plusDI;
        if (!isZero(sum)) dxPrev = 100.0 * (Math.abs(minusDI - plusDI) / sum);
      }
      out[today] = dxPrev;
    }
    if (stop === n) break;
    dxPrev = 0;
    stop = n;
  }
  return pDM + mDM;
}

/**
 * ADX alone: directionalIndex's KIND_ADX arithmetic in the same order, with the warm-up phases
 * (DM/TR sums, the first `period` DX values summed, then Wilder's ADX) as separate loops instead
 * of per-bar tests of the kind and the bar index.
 */
export function adxInto(high: Float64Array, low: Float64Array, close: Float64Array, period: number, into?: Float64Array): Float64Array {
  const n = high.length;
  const lb = adxLookback(period);
  const out = outArray(n, lb, into);
  if (n <= lb) return out;
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let prevClose = close[0]!;
  let pDM = 0;
  let mDM = 0;
  let tr = 0;
  let today = 1;
  for (; today < period; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (diffM > 0 && diffP < diffM) mDM += diffM;
    else if (diffP > 0 && diffP > diffM) pDM += diffP;
    tr += trueRange(h, l, prevClose);
    prevClose = close[today]!;
  }
  // Bars period..lb: smoothed sums, their DX summed; the first ADX is the mean at lb.
  let sumDX = 0;
  for (; today <= lb; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    mDM -= mDM / period;
    pDM -= pDM / period;
    if (diffM > 0 && diffP < diffM) mDM += diffM;
    else if (diffP > 0 && diffP > diffM) pDM += diffP;
    tr = tr - tr / period + trueRange(h, l, prevClose);
    prevClose = close[today]!;
    if (!isZero(tr)) {
      const minusDI = 100.0 * (mDM / tr);
      const plusDI = 100.0 * (pDM / tr);
      const sum = minusDI + plusDI;
      if (!isZero(sum)) sumDX += 100.0 * (Math.abs(minusDI - plusDI) / sum);
    }
  }
  let adx = sumDX / period;
  out[lb] = adx;
  const pm1 = period - 1;
  // Two bars per turn: V8 checks each typed array's map and reloads its pointers on every
  // access; two bars share one set, and the previous bar's high, low and close are read once
  // for both (the loop is bound by the divider, seven divisions a bar, and the fewer other
  // instructions a bar has, the more bars the CPU overlaps). Each bar's arithmetic is the
  // order of the single-bar loop below, which takes the last bar of an odd count. The
  // candidate ADX is computed on every bar and only taken conditionally; a (near) zero TR or DI
  // sum makes a NaN or infinite candidate, which is then not taken.
  for (; today + 1 < n; today += 2) {
    const h0 = high[today - 1]!, h1 = high[today]!, h2 = high[today + 1]!;
    const l0 = low[today - 1]!, l1 = low[today]!, l2 = low[today + 1]!;
    const c0 = close[today - 1]!, c1 = close[today]!;
    {
      const diffP = h1 - h0;
      const diffM = l0 - l1;
      mDM = mDM - mDM / period + diffM * (+(diffM > 0) & +(diffP < diffM));
      pDM = pDM - pDM / period + diffP * (+(diffP > 0) & +(diffP > diffM));
      tr = tr - tr / period + trueRange(h1, l1, c0);
      const minusDI = 100.0 * (mDM / tr);
      const plusDI = 100.0 * (pDM / tr);
      const sum = minusDI + plusDI;
      const next = (adx * pm1 + 100.0 * (Math.abs(minusDI - plusDI) / sum)) / period;
      if (!isZero(tr) && !isZero(sum)) adx = next;
      out[today] = adx;
    }
    {
      const diffP = h2 - h1;
      const diffM = l1 - l2;
      mDM = mDM - mDM / period + diffM * (+(diffM > 0) & +(diffP < diffM));
      pDM = pDM - pDM / period + diffP * (+(diffP > 0) & +(diffP > diffM));
      tr = tr - tr / period + trueRange(h2, l2, c1);
      const minusDI = 100.0 * (mDM / tr);
      const plusDI = 100.0 * (pDM / tr);
      const sum = minusDI + plusDI;
      const next = (adx * pm1 + 100.0 * (Math.abs(minusDI - plusDI) / sum)) / period;
      if (!isZero(tr) && !isZero(sum)) adx = next;
      out[today + 1] = adx;
    }
  }
  for (; today < n; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - high[today - 1]!;
    const diffM = low[today - 1]! - l;
    mDM = mDM - mDM / period + diffM * (+(diffM > 0) & +(diffP < diffM));
    pDM = pDM - pDM / period + diffP * (+(diffP > 0) & +(diffP > diffM));
    tr = tr - tr / period + trueRange(h, l, close[today - 1]!);
    const minusDI = 100.0 * (mDM / tr);
    const plusDI = 100.0 * (pDM / tr);
    const sum = minusDI + plusDI;
    const next = (adx * pm1 + 100.0 * (Math.abs(minusDI - plusDI) / sum)) / period;
    if (!isZero(tr) && !isZero(sum)) adx = next;
    out[today] = adx;
  }
  if (pDM + mDM !== pDM + mDM) directionalIndexExact(high, low, close, period, KIND_ADX, out);
  return out;
}

export function plusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return directionalIndicator(high, low, close, period, true, out);
}

export function minusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return directionalIndicator(high, low, close, period, false, out);
}

export const PLUS_DI = single('PLUS_DI', 'Plus Directional Indicator, 0-100: share of the true range made by upward moves (Wilder smoothed).', '0..100: strength of upward moves; +DI above -DI means buyers dominate (uptrend).',
  HLC, periodParam(14, 'timePeriod', 1), diLookback, (i, p, out) => plusDi(i[0]!, i[1]!, i[2]!, p, out));
export const MINUS_DI = single('MINUS_DI', 'Minus Directional Indicator, 0-100: share of the true range made by downward moves (Wilder smoothed).', '0..100: strength of downward moves; -DI above +DI means sellers dominate (downtrend).',
  HLC, periodParam(14, 'timePeriod', 1), diLookback, (i, p, out) => minusDi(i[0]!, i[1]!, i[2]!, p, out));
export const DX = single('DX', 'Directional Movement Index, 0-100: |+DI - -DI| / (+DI + -DI); the unsmoothed input of ADX.', '0..100: raw trend strength, noisy; high = one direction dominates; ADX is its smoothed form.',
  HLC, periodParam(14), dxLookback, (i, p, out) => dx(i[0]!, i[1]!, i[2]!, p, out));
