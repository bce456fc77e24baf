/**
 * Wilder's directional movement family (PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR),
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
import { nanArray } from './types.js';

const isZero = (v: number): boolean => v > -1e-14 && v < 1e-14;

export function plusDmLookback(period: number): number { return period > 1 ? period - 1 : 1; }
export function diLookback(period: number): number { return period > 1 ? period : 1; }
export function dxLookback(period: number): number { return period > 1 ? period : 2; }
export function adxLookback(period: number): number { return 2 * period - 1; }
export function adxrLookback(period: number): number { return period + adxLookback(period) - 1; }

/** Smoothed one-direction DM (sign = 1 for +DM, -1 for -DM). */
function directionalMovement(high: Float64Array, low: Float64Array, period: number, plus: boolean): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = plusDmLookback(period);
  if (n <= lb) return out;
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  if (period <= 1) {
    for (let today = 1; today < n; today++) {
      const h = high[today]!;
      const l = low[today]!;
      const diffP = h - prevHigh;
      const diffM = prevLow - l;
      prevHigh = h;
      prevLow = l;
      if (plus) out[today] = diffP > 0 && diffP > diffM ? diffP : 0;
      else out[today] = diffM > 0 && diffP < diffM ? diffM : 0;
    }
    return out;
  }
  let dm = 0;
  let today = 0;
  for (let i = period - 1; i > 0; i--) {
    today++;
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (plus) { if (diffP > 0 && diffP > diffM) dm += diffP; }
    else if (diffM > 0 && diffP < diffM) dm += diffM;
  }
  out[today] = dm;
  while (today < n - 1) {
    today++;
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (plus) {
      dm = diffP > 0 && diffP > diffM ? dm - dm / period + diffP : dm - dm / period;
    } else {
      dm = diffM > 0 && diffP < diffM ? dm - dm / period + diffM : dm - dm / period;
    }
    out[today] = dm;
  }
  return out;
}

export function plusDm(high: Float64Array, low: Float64Array, period = 14): Float64Array {
  return directionalMovement(high, low, period, true);
}

export function minusDm(high: Float64Array, low: Float64Array, period = 14): Float64Array {
  return directionalMovement(high, low, period, false);
}

const KIND_PLUS_DI = 0;
const KIND_MINUS_DI = 1;
const KIND_DX = 2;
const KIND_ADX = 3;

/**
 * One fused pass for DI / DX / ADX: smoothed +DM, -DM and TR share the bar loop, the kind only
 * selects what gets written, so ADX costs the same single pass as TA-Lib's C.
 */
function directionalIndex(high: Float64Array, low: Float64Array, close: Float64Array, period: number, kind: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = kind === KIND_ADX ? adxLookback(period) : kind === KIND_DX ? dxLookback(period) : diLookback(period);
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
        let tr = h - l;
        let t = Math.abs(h - prevClose);
        if (t > tr) tr = t;
        t = Math.abs(l - prevClose);
        if (t > tr) tr = t;
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
    let r = h - l;
    let t = Math.abs(h - prevClose);
    if (t > r) r = t;
    t = Math.abs(l - prevClose);
    if (t > r) r = t;
    tr += r;
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
    let r = h - l;
    let t = Math.abs(h - prevClose);
    if (t > r) r = t;
    t = Math.abs(l - prevClose);
    if (t > r) r = t;
    tr = tr - tr / period + r;
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

export function plusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  return directionalIndex(high, low, close, period, KIND_PLUS_DI);
}

export function minusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  return directionalIndex(high, low, close, period, KIND_MINUS_DI);
}

export function dx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  return directionalIndex(high, low, close, period, KIND_DX);
}

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  return directionalIndex(high, low, close, period, KIND_ADX);
}

/** ADXR[i] = (ADX[i] + ADX[i - (period-1)]) / 2, as TA-Lib. */
export function adxr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = adxrLookback(period);
  if (n <= lb) return out;
  const a = adx(high, low, close, period);
  const lag = period - 1;
  for (let i = lb; i < n; i++) out[i] = (a[i]! + a[i - lag]!) / 2.0;
  return out;
}
