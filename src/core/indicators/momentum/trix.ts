/** TRIX: 1-bar percent change of a triple EMA (warm-up 3*(period-1) + 1). */
import type { IndicatorDef } from '../types.js';
import { outArray } from '../arena.js';
import { p, real } from '../defkit.js';
import { int, MOMENTUM } from './shared.js';

/**
 * 1-bar rate of change (percent) of a triple-smoothed EMA, into `into` (fresh when absent).
 *
 * One pass with the three EMAs of emaInto chained per bar (each seeded, as there, with the
 * SMA of the previous one's first `period` values, summed from 0 in bar order, then
 * prev = (x - prev) * k + prev): the same doubles as three emaInto passes over full-length
 * temporaries, but each bar's three recurrences overlap (their latency chains are
 * independent) and nothing but the input and the output is touched.
 */
export function trix(real: Float64Array, period: number, into?: Float64Array): Float64Array {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = real.length;
  const lb = period - 1;
  const start = 3 * lb + 1;
  const out = outArray(n, start, into);
  if (start >= n) return out;
  const k = 2 / (period + 1);
  let e1 = 0;
  for (let i = 0; i <= lb; i++) e1 += real[i]!;
  e1 /= period; // e1 at bar lb
  let s2 = 0;
  s2 += e1;
  let i = lb + 1;
  for (; i <= 2 * lb; i++) {
    e1 = (real[i]! - e1) * k + e1;
    s2 += e1;
  }
  let e2 = s2 / period; // e2 at bar 2 * lb
  let s3 = 0;
  s3 += e2;
  for (; i <= 3 * lb; i++) {
    e1 = (real[i]! - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    s3 += e2;
  }
  let e3 = s3 / period; // e3 at bar 3 * lb
  for (; i < n; i++) {
    e1 = (real[i]! - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    const prev = e3;
    e3 = (e2 - e3) * k + e3;
    out[i] = prev !== 0 ? (e3 / prev - 1) * 100 : 0;
  }
  return out;
}

export const TRIX: IndicatorDef = {
  name: 'TRIX', group: MOMENTUM, description: 'TRIX: 1-bar percent change of a triple EMA; above 0 = smoothed trend rising.',
  interpretation: 'Percent per bar: above 0 the smoothed trend rises, below 0 it falls; zero-line and signal-line crossings mark changes.',
  inputs: ['real'], params: [int('timePeriod', 30, 1, 'EMA period')], outputs: real(),
  lookback: (ps) => 3 * (p(ps, 'timePeriod') - 1) + 1,
  compute: ([x], ps) => [trix(x!, p(ps, 'timePeriod'))],
  computeInto: ([x], ps, [out]) => { trix(x!, p(ps, 'timePeriod'), out); },
};
