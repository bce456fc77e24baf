/** BETA: beta of real0's bar-to-bar returns against real1's over the window (warm-up period). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { EPS, STATISTIC } from './var.js';

/**
 * Beta of real0 against real1 over `period` bar-to-bar returns (x = real0, y = real1
 * returns; beta = cov/var of x, TA-Lib's convention). Needs period+1 prices.
 */
export function beta(x: Float64Array, y: Float64Array, period: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = x.length;
  // every cell from `period` on is written below
  const out = outArray(n, period, into);
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

export const BETA: IndicatorDef = {
  name: 'BETA', group: STATISTIC, description: 'Beta of real0 returns against real1 returns over timePeriod bars (1 = moves one-for-one).',
  interpretation: 'Ratio: 1 = real0 moves one-for-one with real1, above 1 more, 0 unrelated, negative opposite.',
  inputs: ['real0', 'real1'], params: [periodParam(5, 'timePeriod', 1)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod'),
  compute: ([a, b], params) => [beta(a!, b!, p(params, 'timePeriod'))],
  computeInto: ([a, b], params, [out]) => { beta(a!, b!, p(params, 'timePeriod'), out); },
};
