/** TRIX: 1-bar percent change of a triple EMA (warm-up 3*(period-1) + 1). */
import type { IndicatorDef } from '../types.js';
import { type Arena, outArray, scratch } from '../arena.js';
import { p, real } from '../defkit.js';
import { emaInto } from '../overlap/ema.js';
import { int, MOMENTUM } from './shared.js';

/**
 * 1-bar rate of change (percent) of a triple-smoothed EMA, into `into` (fresh when absent). The
 * three EMAs are arena temporaries (fresh arrays cost more in first-touched pages than the
 * arithmetic); each EMA only reads the cells the previous one wrote.
 */
export function trix(real: Float64Array, period: number, into?: Float64Array, arena: Arena = scratch): Float64Array {
  const n = real.length;
  const lb = period - 1;
  const start = 3 * lb + 1;
  const out = outArray(n, start, into);
  if (start >= n) return out;
  const m = arena.mark();
  const e1 = arena.take(n);
  const e2 = arena.take(n);
  const e3 = arena.take(n);
  emaInto(real, 0, period, e1);
  emaInto(e1, lb, period, e2);
  emaInto(e2, 2 * lb, period, e3);
  for (let i = start; i < n; i++) {
    const prev = e3[i - 1]!;
    out[i] = prev !== 0 ? (e3[i]! / prev - 1) * 100 : 0;
  }
  arena.release(m);
  return out;
}

export const TRIX: IndicatorDef = {
  name: 'TRIX', group: MOMENTUM, description: 'TRIX: 1-bar percent change of a triple EMA; above 0 = smoothed trend rising.',
  interpretation: 'Percent per bar: above 0 the smoothed trend rises, below 0 it falls; zero-line and signal-line crossings mark changes.',
  inputs: ['real'], params: [int('timePeriod', 30, 1, 'EMA period')], outputs: real(),
  lookback: (ps) => 3 * (p(ps, 'timePeriod') - 1) + 1,
  compute: ([x], ps) => [trix(x!, p(ps, 'timePeriod'))],
  computeInto: ([x], ps, [out], arena) => { trix(x!, p(ps, 'timePeriod'), out, arena); },
};
