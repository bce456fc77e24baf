/**
 * Statistic Functions (TA-Lib group): rolling variance/deviation, correlation, beta and
 * linear regression. Arithmetic order follows TA-Lib (running sums for VAR/CORREL/BETA,
 * per-bar recomputation for the regressions) so results agree to the last bits.
 * NaN inputs are not special-cased: they propagate through the arithmetic as in TA-Lib
 * (a NaN in a running sum poisons every later value, as it does there).
 */
import { nanArray, type IndicatorDef, type ParamSpec } from './types.js';
import { intParam, p, real, realParam, REAL_BOUND } from './defkit.js';

const GROUP = 'Statistic Functions';

/** TA-Lib's "is zero" tolerance (TA_IS_ZERO / TA_IS_ZERO_OR_NEG). */
const EPS = 1e-14;

/** Population variance over `period` bars (mean of squares minus squared mean), into out[period-1..]. */
export function varianceInto(real: Float64Array, period: number, out: Float64Array): void {
  const n = real.length;
  const start = period - 1;
  if (start >= n) return;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < start; i++) {
    const v = real[i]!;
    s1 += v;
    s2 += v * v;
  }
  for (let i = start, t = 0; i < n; i++, t++) {
    const v = real[i]!;
    s1 += v;
    s2 += v * v;
    const m1 = s1 / period;
    const m2 = s2 / period;
    const old = real[t]!;
    s1 -= old;
    s2 -= old * old;
    out[i] = m2 - m1 * m1;
  }
}

export function variance(real: Float64Array, period: number): Float64Array {
  const out = nanArray(real.length);
  varianceInto(real, period, out);
  return out;
}

/** Population standard deviation × nbDev; a variance below TA-Lib's epsilon reads as 0. */
export function stddev(real: Float64Array, period: number, nbDev: number): Float64Array {
  const out = variance(real, period);
  for (let i = period - 1; i < out.length; i++) {
    const v = out[i]!;
    out[i] = v < EPS ? 0 : Math.sqrt(v) * nbDev;
  }
  return out;
}

/** Pearson correlation of real0 and real1 over `period` bars. */
export function correl(x: Float64Array, y: Float64Array, period: number): Float64Array {
  const n = x.length;
  const out = nanArray(n);
  const start = period - 1;
  if (start >= n) return out;
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < start; i++) {
    const a = x[i]!;
    const b = y[i]!;
    sx += a; sxx += a * a; sxy += a * b; sy += b; syy += b * b;
  }
  for (let i = start, t = 0; i < n; i++, t++) {
    if (i > start) {
      // Drop the bar that left the window before adding the new one (TA-Lib's order).
      const a0 = x[t - 1]!;
      const b0 = y[t - 1]!;
      sx -= a0; sxx -= a0 * a0; sxy -= a0 * b0; sy -= b0; syy -= b0 * b0;
    }
    const a = x[i]!;
    const b = y[i]!;
    sx += a; sxx += a * a; sxy += a * b; sy += b; syy += b * b;
    const d = (sxx - (sx * sx) / period) * (syy - (sy * sy) / period);
    out[i] = d < EPS ? 0 : (sxy - (sx * sy) / period) / Math.sqrt(d);
  }
  return out;
}

/**
 * Beta of real0 against real1 over `period` bar-to-bar returns (x = real0, y = real1
 * returns; beta = cov/var of x, TA-Lib's convention). Needs period+1 prices.
 */
export function beta(x: Float64Array, y: Float64Array, period: number): Float64Array {
  const n = x.length;
  const out = nanArray(n);
  if (period >= n) return out;
  let sxx = 0, sxy = 0, sx = 0, sy = 0;
  let lastX = x[0]!;
  let lastY = y[0]!;
  let trailX = lastX;
  let trailY = lastY;
  let trailing = 1;
  let i = 1;
  for (; i < period; i++) {
    const rx = ret(x[i]!, lastX);
    lastX = x[i]!;
    const ry = ret(y[i]!, lastY);
    lastY = y[i]!;
    sxx += rx * rx; sxy += rx * ry; sx += rx; sy += ry;
  }
  for (; i < n; i++, trailing++) {
    let rx = ret(x[i]!, lastX);
    lastX = x[i]!;
    let ry = ret(y[i]!, lastY);
    lastY = y[i]!;
    sxx += rx * rx; sxy += rx * ry; sx += rx; sy += ry;
    rx = ret(x[trailing]!, trailX);
    trailX = x[trailing]!;
    ry = ret(y[trailing]!, trailY);
    trailY = y[trailing]!;
    const d = period * sxx - sx * sx;
    out[i] = d > -EPS && d < EPS ? 0 : (period * sxy - sx * sy) / d;
    sxx -= rx * rx; sxy -= rx * ry; sx -= rx; sy -= ry;
  }
  return out;
}

/** Bar-to-bar return as BETA uses it; a zero previous price gives 0, not Infinity. */
function ret(v: number, prev: number): number {
  return prev > -EPS && prev < EPS ? 0 : (v - prev) / prev;
}

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
function linearRegression(real: Float64Array, period: number, kind: LrKind): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const sumX = period * (period - 1) * 0.5;
  const sumXSqr = (period * (period - 1) * (2 * period - 1)) / 6;
  const divisor = sumX * sumX - period * sumXSqr;
  for (let today = period - 1; today < n; today++) {
    let sumXY = 0;
    let sumY = 0;
    for (let k = period - 1; k >= 0; k--) {
      const v = real[today - k]!;
      sumY += v;
      sumXY += k * v;
    }
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
  return out;
}

export function linearreg(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_VALUE); }
export function linearregSlope(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_SLOPE); }
export function linearregAngle(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_ANGLE); }
export function linearregIntercept(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_INTERCEPT); }
export function tsf(real: Float64Array, period: number): Float64Array { return linearRegression(real, period, LR_TSF); }

// -- definitions ---------------------------------------------------------------------------

const tp = (def: number, min = 2): ParamSpec => intParam('timePeriod', def, min, 100000, 'Number of bars in the window');
const period = (params: Readonly<Record<string, number>>) => p(params, 'timePeriod');
const nbDev = realParam('nbDev', 1, -REAL_BOUND, REAL_BOUND, 'Number of deviations');

function lrDef(name: string, description: string, kind: LrKind): IndicatorDef {
  return {
    name, group: GROUP, description, inputs: ['real'], params: [tp(14)], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([x], params) => [linearRegression(x!, period(params), kind)],
  };
}

export const definitions: IndicatorDef[] = [
  {
    name: 'BETA', group: GROUP, description: 'Beta of real0 returns against real1 returns over timePeriod bars (1 = moves one-for-one).',
    inputs: ['real0', 'real1'], params: [tp(5, 1)], outputs: real(),
    lookback: (params) => period(params),
    compute: ([a, b], params) => [beta(a!, b!, period(params))],
  },
  {
    name: 'CORREL', group: GROUP, description: 'Pearson correlation of real0 and real1 over timePeriod bars (-1..1).',
    inputs: ['real0', 'real1'], params: [tp(30, 1)], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([a, b], params) => [correl(a!, b!, period(params))],
  },
  lrDef('LINEARREG', 'End point of the least-squares line over timePeriod bars (a lag-free trend value).', LR_VALUE),
  lrDef('LINEARREG_SLOPE', 'Slope of the least-squares line over timePeriod bars (price units per bar).', LR_SLOPE),
  lrDef('LINEARREG_ANGLE', 'Slope of the least-squares line over timePeriod bars, in degrees.', LR_ANGLE),
  lrDef('LINEARREG_INTERCEPT', 'Value of the least-squares line at the oldest bar of the window.', LR_INTERCEPT),
  lrDef('TSF', 'Time series forecast: the least-squares line projected one bar ahead.', LR_TSF),
  {
    name: 'STDDEV', group: GROUP, description: 'Population standard deviation over timePeriod bars, times nbDev.',
    inputs: ['real'], params: [tp(5), nbDev], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([x], params) => [stddev(x!, period(params), p(params, 'nbDev'))],
  },
  {
    name: 'VAR', group: GROUP, description: 'Population variance over timePeriod bars (nbDev is accepted and ignored, as in TA-Lib).',
    inputs: ['real'], params: [tp(5, 1), nbDev], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([x], params) => [variance(x!, period(params))],
  },
];
