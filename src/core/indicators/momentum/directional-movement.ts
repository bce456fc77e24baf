/**
 * PLUS_DM and MINUS_DM: Wilder's smoothed directional movement (warm-up period - 1, 1 for
 * period 1). One-bar DM: diffP = high - prevHigh, diffM = prevLow - low; -DM1 = diffM when
 * diffM > 0 && diffP < diffM, otherwise +DM1 = diffP when diffP > 0 && diffP > diffM; equal
 * moves give neither (Wilder's "case 7"). The first smoothed value is the plain SUM of the
 * first period-1 one-bar values, later ones x = x - x/period + today.
 */
import { nanArray } from '../types.js';
import { periodParam } from '../defkit.js';
import { HL, single } from './shared.js';

export function plusDmLookback(period: number): number { return period > 1 ? period - 1 : 1; }

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

export const PLUS_DM = single('PLUS_DM', 'Plus Directional Movement, price units: Wilder-smoothed sum of upward moves of the high.', 'Price units: smoothed upward movement; compare with MINUS_DM (larger = that direction dominates).',
  HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p) => plusDm(i[0]!, i[1]!, p));
export const MINUS_DM = single('MINUS_DM', 'Minus Directional Movement, price units: Wilder-smoothed sum of downward moves of the low.', 'Price units: smoothed downward movement; compare with PLUS_DM (larger = that direction dominates).',
  HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p) => minusDm(i[0]!, i[1]!, p));
