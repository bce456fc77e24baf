/** BETA: beta of real0's bar-to-bar returns against real1's over the window (warm-up period). */
import type { IndicatorDef } from '../types.js';
import { type Arena, outArray, scratch } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { EPS, STATISTIC } from './var.js';
import { betaWasm } from '../wasm/stats.js';

/**
 * Beta of real0 against real1 over `period` bar-to-bar returns (x = real0, y = real1
 * returns; beta = cov/var of x, TA-Lib's convention). Needs period+1 prices.
 *
 * TA-Lib recomputes the returns of the bar leaving the window (two more reads per series and
 * two more divisions per bar); here each bar's returns are kept, when computed, in a ring of the
 * last `period` bars (arena scratch, x and y interleaved), and leaving subtracts those same
 * doubles. The previous prices are carried in locals.
 */
export function beta(x: Float64Array, y: Float64Array, period: number, into?: Float64Array, arena: Arena = scratch): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = x.length;
  // every cell from `period` on is written below
  const out = outArray(n, period, into);
  if (period >= n || betaWasm(x, y, period, out)) return out;
  let size = 1;
  while (size < period + 1) size <<= 1;
  const mask = size - 1;
  const mk = arena.mark();
  const ring = arena.take(2 * size);
  let sxx = 0, sxy = 0, sx = 0, sy = 0;
  let lastX = x[0]!;
  let lastY = y[0]!;
  let i = 1;
  for (; i < period; i++) {
    const vx = x[i]!, vy = y[i]!;
    const rx = ret(vx, lastX);
    const ry = ret(vy, lastY);
    lastX = vx;
    lastY = vy;
    const k = (i & mask) << 1;
    ring[k] = rx;
    ring[k + 1] = ry;
    sxx += rx * rx; sxy += rx * ry; sx += rx; sy += ry;
  }
  for (let trailing = 1; i < n; i++, trailing++) {
    const vx = x[i]!, vy = y[i]!;
    const rx = ret(vx, lastX);
    const ry = ret(vy, lastY);
    lastX = vx;
    lastY = vy;
    const k = (i & mask) << 1;
    ring[k] = rx;
    ring[k + 1] = ry;
    sxx += rx * rx; sxy += rx * ry; sx += rx; sy += ry;
    const d = period * sxx - sx * sx;
    out[i] = d > -EPS && d < EPS ? 0 : (period * sxy - sx * sy) / d;
    const kt = (trailing & mask) << 1;
    const tx = ring[kt]!, ty = ring[kt + 1]!;
    sxx -= tx * tx; sxy -= tx * ty; sx -= tx; sy -= ty;
  }
  arena.release(mk);
  return out;
}

function ret(v: number, prev: number): number {
  return prev > -EPS && prev < EPS ? 0 : (v - prev) / prev;
}

export const BETA: IndicatorDef = {
  name: 'BETA', group: STATISTIC, description: 'Beta of real0 returns against real1 returns over timePeriod bars (1 = moves one-for-one).',
  interpretation: 'Ratio: 1 = real0 moves one-for-one with real1, above 1 more, 0 unrelated, negative opposite.',
  inputs: ['real0', 'real1'], params: [periodParam(5, 'timePeriod', 1)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod'),
  compute: ([a, b], params) => [beta(a!, b!, p(params, 'timePeriod'))],
  computeInto: ([a, b], params, [out], arena) => { beta(a!, b!, p(params, 'timePeriod'), out, arena); },
};
