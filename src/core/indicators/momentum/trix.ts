/** TRIX: 1-bar percent change of a triple EMA (warm-up 3*(period-1) + 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, real } from '../defkit.js';
import { emaInto } from '../overlap/ema.js';
import { int, MOMENTUM } from './shared.js';

/** 1-bar rate of change (percent) of a triple-smoothed EMA. */
export function trix(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const lb = period - 1;
  const start = 3 * lb + 1;
  if (start >= n) return out;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  const e3 = new Float64Array(n);
  emaInto(real, 0, period, e1);
  emaInto(e1, lb, period, e2);
  emaInto(e2, 2 * lb, period, e3);
  for (let i = start; i < n; i++) {
    const prev = e3[i - 1]!;
    out[i] = prev !== 0 ? (e3[i]! / prev - 1) * 100 : 0;
  }
  return out;
}

export const TRIX: IndicatorDef = {
  name: 'TRIX', group: MOMENTUM, description: 'TRIX: 1-bar percent change of a triple EMA; above 0 = smoothed trend rising.',
  interpretation: 'Percent per bar: above 0 the smoothed trend rises, below 0 it falls; zero-line and signal-line crossings mark changes.',
  inputs: ['real'], params: [int('timePeriod', 30, 1, 'EMA period')], outputs: real(),
  lookback: (ps) => 3 * (p(ps, 'timePeriod') - 1) + 1,
  compute: ([x], ps) => [trix(x!, p(ps, 'timePeriod'))],
};
