/** CORREL: Pearson correlation of two series over the window, -1..1 (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { EPS, STATISTIC } from './var.js';

/** Pearson correlation of real0 and real1 over `period` bars. */
export function correl(x: Float64Array, y: Float64Array, period: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = x.length;
  const start = period - 1;
  // every cell from `start` on is written below
  const out = outArray(n, start, into);
  if (start >= n) return out;
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < start; i++) {
    const a = x[i]!;
    const b = y[i]!;
    sx += a; sxx += a * a; sxy += a * b; sy += b; syy += b * b;
  }
  // The first written bar adds only; every later one drops the bar that left the window before
  // adding the new one (TA-Lib's order), in a loop of its own (no per-bar `i > start` test).
  {
    const a = x[start]!;
    const b = y[start]!;
    sx += a; sxx += a * a; sxy += a * b; sy += b; syy += b * b;
    const d = (sxx - (sx * sx) / period) * (syy - (sy * sy) / period);
    out[start] = d < EPS ? 0 : (sxy - (sx * sy) / period) / Math.sqrt(d);
  }
  for (let i = start + 1, t = 0; i < n; i++, t++) {
    const a0 = x[t]!;
    const b0 = y[t]!;
    sx -= a0; sxx -= a0 * a0; sxy -= a0 * b0; sy -= b0; syy -= b0 * b0;
    const a = x[i]!;
    const b = y[i]!;
    sx += a; sxx += a * a; sxy += a * b; sy += b; syy += b * b;
    const d = (sxx - (sx * sx) / period) * (syy - (sy * sy) / period);
    out[i] = d < EPS ? 0 : (sxy - (sx * sy) / period) / Math.sqrt(d);
  }
  return out;
}

export const CORREL: IndicatorDef = {
  name: 'CORREL', group: STATISTIC, description: 'Pearson correlation of real0 and real1 over timePeriod bars (-1..1).',
  interpretation: '-1..1: +1 the two series move together, -1 opposite, near 0 unrelated.',
  inputs: ['real0', 'real1'], params: [periodParam(30, 'timePeriod', 1)], outputs: real(),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([a, b], params) => [correl(a!, b!, p(params, 'timePeriod'))],
  computeInto: ([a, b], params, [out]) => { correl(a!, b!, p(params, 'timePeriod'), out); },
};
