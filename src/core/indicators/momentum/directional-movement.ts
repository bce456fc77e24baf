/**
 * PLUS_DM and MINUS_DM: Wilder's smoothed directional movement (warm-up period - 1, 1 for
 * period 1). One-bar DM: diffP = high - prevHigh, diffM = prevLow - low; -DM1 = diffM when
 * diffM > 0 && diffP < diffM, otherwise +DM1 = diffP when diffP > 0 && diffP > diffM; equal
 * moves give neither (Wilder's "case 7"). The first smoothed value is the plain SUM of the
 * first period-1 one-bar values, later ones x = x - x/period + today.
 */
import { outArray } from '../arena.js';
import { periodParam } from '../defkit.js';
import { HL, single } from './shared.js';

export function plusDmLookback(period: number): number { return period > 1 ? period - 1 : 1; }

/**
 * Smoothed one-direction DM into `out` (plus: +DM, else -DM), through a loop-only function
 * (see volume/ad.ts, LOOP-ONLY KERNELS); the caller's output is written in place (no fresh
 * array and copy per call).
 */
function directionalMovement(high: Float64Array, low: Float64Array, timePeriod: number, plus: boolean, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // see INT_PARAMS in math/operators.ts
  const n = high.length;
  const lb = plusDmLookback(period);
  const out = outArray(n, lb, into);
  if (n <= lb) return out;
  if (period <= 1) {
    if (plus) plusDm1Loop(high, low, out, n);
    else minusDm1Loop(high, low, out, n);
    return out;
  }
  const last = dmLoop(high, low, out, n, period, plus);
  if (last !== last) dmExactLoop(high, low, out, n, period, plus); // see BRANCH-FREE DM
  return out;
}

function plusDm1Loop(high: Float64Array, low: Float64Array, out: Float64Array, n: number): void {
  for (let today = 1; today < n; today++) {
    const diffP = high[today]! - high[today - 1]!;
    const diffM = low[today - 1]! - low[today]!;
    out[today] = diffP > 0 && diffP > diffM ? diffP : 0;
  }
}

function minusDm1Loop(high: Float64Array, low: Float64Array, out: Float64Array, n: number): void {
  for (let today = 1; today < n; today++) {
    const diffP = high[today]! - high[today - 1]!;
    const diffM = low[today - 1]! - low[today]!;
    out[today] = diffM > 0 && diffP < diffM ? diffM : 0;
  }
}

/*
 * BRANCH-FREE DM. Whether a bar has a +DM (or -DM) is a coin toss on real candles, so the
 * conditional add `x = cond ? x - x/period + d : x - x/period` mispredicts on about half the
 * bars (a 1M-bar standalone loop: 8.6 ms branchy, 8.2 with no smoothing at all, 6.5 as below,
 * 6.0 for the division chain alone). Instead the move is added times the comparison taken as
 * a number (`+(a > b)`, a flag set, not a jump; see volume/obv.ts): x - x/period + d * f. For a
 * finite d that is the branchy result bit for bit (d * 1 = d; d * 0 = ±0, and x + ±0 = x, x
 * never being -0: it starts at +0 and only adds moves > 0). A non-finite d on a bar without
 * the move makes d * 0 NaN where the branchy form adds nothing; that NaN then stays in x to
 * the last bar (x - x/period + y is NaN for a NaN x), and only then can the two forms differ.
 * So the loops return their last x, and a NaN there reruns the series with the branchy loop.
 * The DM loops are unrolled by 4 (see math/operators.ts), each bar's previous high and low taken
 * from the block's own loads; same steps in bar order.
 */

/**
 * Warm-up: the plain sum of the first period-1 one-bar values, written at bar period-1. One
 * loop for both directions: the bar's own move `a` and the other one `b` are picked by `plus`
 * (the same on every bar, so the pick is a predicted branch, not a coin toss), and the DM test
 * is a > 0 && a > b either way (for -DM that is diffM > 0 && diffP < diffM).
 */
function dmLoop(high: Float64Array, low: Float64Array, out: Float64Array, n: number, period: number, plus: boolean): number {
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let dm = 0;
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
  }
  out[period - 1] = dm;
  for (; today < n - 3; today += 4) {
    const h0 = high[today]!, l0 = low[today]!, dP0 = h0 - prevHigh, dM0 = prevLow - l0;
    const a0 = plus ? dP0 : dM0, b0 = plus ? dM0 : dP0;
    dm = dm - dm / period + a0 * (+(a0 > 0) & +(a0 > b0));
    out[today] = dm;
    const h1 = high[today + 1]!, l1 = low[today + 1]!, dP1 = h1 - h0, dM1 = l0 - l1;
    const a1 = plus ? dP1 : dM1, b1 = plus ? dM1 : dP1;
    dm = dm - dm / period + a1 * (+(a1 > 0) & +(a1 > b1));
    out[today + 1] = dm;
    const h2 = high[today + 2]!, l2 = low[today + 2]!, dP2 = h2 - h1, dM2 = l1 - l2;
    const a2 = plus ? dP2 : dM2, b2 = plus ? dM2 : dP2;
    dm = dm - dm / period + a2 * (+(a2 > 0) & +(a2 > b2));
    out[today + 2] = dm;
    const h3 = high[today + 3]!, l3 = low[today + 3]!, dP3 = h3 - h2, dM3 = l2 - l3;
    const a3 = plus ? dP3 : dM3, b3 = plus ? dM3 : dP3;
    dm = dm - dm / period + a3 * (+(a3 > 0) & +(a3 > b3));
    out[today + 3] = dm;
    prevHigh = h3;
    prevLow = l3;
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
    out[today] = dm;
  }
  return dm;
}

/** TA-Lib's branchy form, for series where a non-finite move reached the branch-free loops. */
function dmExactLoop(high: Float64Array, low: Float64Array, out: Float64Array, n: number, period: number, plus: boolean): void {
  let prevHigh = high[0]!;
  let prevLow = low[0]!;
  let dm = 0;
  let today = 1;
  for (; today < period; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (plus) { if (diffP > 0 && diffP > diffM) dm += diffP; }
    else if (diffM > 0 && diffP < diffM) dm += diffM;
  }
  out[period - 1] = dm;
  for (; today < n; today++) {
    const h = high[today]!;
    const l = low[today]!;
    const diffP = h - prevHigh;
    const diffM = prevLow - l;
    prevHigh = h;
    prevLow = l;
    if (plus) dm = diffP > 0 && diffP > diffM ? dm - dm / period + diffP : dm - dm / period;
    else dm = diffM > 0 && diffP < diffM ? dm - dm / period + diffM : dm - dm / period;
    out[today] = dm;
  }
}

export function plusDm(high: Float64Array, low: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return directionalMovement(high, low, period, true, out);
}

export function minusDm(high: Float64Array, low: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return directionalMovement(high, low, period, false, out);
}

export const PLUS_DM = single('PLUS_DM', 'Plus Directional Movement, price units: Wilder-smoothed sum of upward moves of the high.', 'Price units: smoothed upward movement; compare with MINUS_DM (larger = that direction dominates).',
  HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p, out) => plusDm(i[0]!, i[1]!, p, out));
export const MINUS_DM = single('MINUS_DM', 'Minus Directional Movement, price units: Wilder-smoothed sum of downward moves of the low.', 'Price units: smoothed downward movement; compare with PLUS_DM (larger = that direction dominates).',
  HL, periodParam(14, 'timePeriod', 1), plusDmLookback, (i, p, out) => minusDm(i[0]!, i[1]!, p, out));
