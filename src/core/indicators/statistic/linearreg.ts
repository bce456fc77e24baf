/**
 * LINEARREG, LINEARREG_SLOPE, LINEARREG_ANGLE, LINEARREG_INTERCEPT and TSF: the least-squares
 * line over the window, recomputed per bar as TA-Lib does (warm-up period - 1).
 */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { STATISTIC } from './var.js';

const LR_VALUE = 0;
const LR_SLOPE = 1;
const LR_ANGLE = 2;
const LR_INTERCEPT = 3;
const LR_TSF = 4;
type LrKind = 0 | 1 | 2 | 3 | 4;

/**
 * Least-squares line over the last `period` bars, recomputed per bar as TA-Lib does (its x
 * runs backwards from the newest bar, which the negative divisor compensates).
 */
function linearRegression(real: Float64Array, period: number, kind: LrKind, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  // every cell from period - 1 on is written below
  const out = outArray(n, period - 1, into);
  const sumX = period * (period - 1) * 0.5;
  const sumXSqr = (period * (period - 1) * (2 * period - 1)) / 6;
  const divisor = sumX * sumX - period * sumXSqr;
  let today = period - 1;
  // Two bars per turn: each bar's sums run in TA-Lib's order (k from period - 1 down to 0, one
  // running sum each), so they are bit for bit TA-Lib's; the two bars' chains are independent,
  // so the CPU overlaps their additions (each alone waits on the previous addition), and the
  // newer bar's window is the older's shifted by one, so each value is loaded once.
  for (; today + 3 < n; today += 4) {
    let sumXYa = 0, sumYa = 0, sumXYb = 0, sumYb = 0, sumXYc = 0, sumYc = 0, sumXYd = 0, sumYd = 0;
    let w0 = real[today - period + 1]!, w1 = real[today - period + 2]!, w2 = real[today - period + 3]!;
    for (let k = period - 1; k > 0; k--) {
      const w3 = real[today - k + 3]!;
      sumYa += w0; sumXYa += k * w0;
      sumYb += w1; sumXYb += k * w1;
      sumYc += w2; sumXYc += k * w2;
      sumYd += w3; sumXYd += k * w3;
      w0 = w1; w1 = w2; w2 = w3;
    }
    const w3 = real[today + 3]!;
    sumYa += w0; sumXYa += 0 * w0;
    sumYb += w1; sumXYb += 0 * w1;
    sumYc += w2; sumXYc += 0 * w2;
    sumYd += w3; sumXYd += 0 * w3;
    lrStore(out, today, kind, period, sumX, divisor, sumXYa, sumYa);
    lrStore(out, today + 1, kind, period, sumX, divisor, sumXYb, sumYb);
    lrStore(out, today + 2, kind, period, sumX, divisor, sumXYc, sumYc);
    lrStore(out, today + 3, kind, period, sumX, divisor, sumXYd, sumYd);
  }
  for (; today < n; today++) {
    let sumXY = 0;
    let sumY = 0;
    for (let k = period - 1; k >= 0; k--) {
      const v = real[today - k]!;
      sumY += v;
      sumXY += k * v;
    }
    lrStore(out, today, kind, period, sumX, divisor, sumXY, sumY);
  }
  return out;
}

function lrStore(out: Float64Array, today: number, kind: LrKind, period: number, sumX: number, divisor: number, sumXY: number, sumY: number): void {
  const m = (period * sumXY - sumX * sumY) / divisor;
  const b = (sumY - m * sumX) / period;
  switch (kind) {
    case LR_VALUE: out[today] = b + m * (period - 1); break;
    case LR_SLOPE: out[today] = m; break;
    case LR_ANGLE: out[today] = Math.atan(m) * (180 / Math.PI); break;
    case LR_INTERCEPT: out[today] = b; break;
    default: out[today] = b + m * period;
  }
}

export function linearreg(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_VALUE); }
export function linearregSlope(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_SLOPE); }
export function linearregAngle(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_ANGLE); }
export function linearregIntercept(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_INTERCEPT); }
export function tsf(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_TSF); }

function lrDef(name: string, description: string, interpretation: string, kind: LrKind): IndicatorDef {
  return {
    name, group: STATISTIC, description, interpretation, inputs: ['real'], params: [periodParam(14)], outputs: real(),
    lookback: (params) => p(params, 'timePeriod') - 1,
    compute: ([x], params) => [linearRegression(x!, p(params, 'timePeriod'), kind)],
    computeInto: ([x], params, [out]) => { linearRegression(x!, p(params, 'timePeriod'), kind, out); },
  };
}

export const LINEARREG = lrDef('LINEARREG', 'End point of the least-squares line over timePeriod bars (a lag-free trend value).', 'Price units: the regression line\'s value at the current bar; price above it is above trend.', LR_VALUE);
export const LINEARREG_SLOPE = lrDef('LINEARREG_SLOPE', 'Slope of the least-squares line over timePeriod bars (price units per bar).', 'Price units per bar: above 0 the fitted trend rises, below 0 it falls; larger magnitude = steeper.', LR_SLOPE);
export const LINEARREG_ANGLE = lrDef('LINEARREG_ANGLE', 'Slope of the least-squares line over timePeriod bars, in degrees.', 'Degrees: above 0 the fitted trend rises, below 0 it falls; depends on the price scale, so compare only within one series.', LR_ANGLE);
export const LINEARREG_INTERCEPT = lrDef('LINEARREG_INTERCEPT', 'Value of the least-squares line at the oldest bar of the window.', 'Price units: where the fitted line starts (oldest bar of the window); with the slope it defines the line.', LR_INTERCEPT);
export const TSF = lrDef('TSF', 'Time series forecast: the least-squares line projected one bar ahead.', 'Price units: the fitted trend\'s estimate of the next bar; price above it is above trend.', LR_TSF);
