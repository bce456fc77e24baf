/** DEMA = 2*EMA - EMA(EMA); the inner EMA starts where the outer one's warm-up ends (warm-up 2*(period-1)). */
import { withWarmup } from '../defkit.js';
import { maDef } from './shared.js';

export function demaLookback(period: number): number { return 2 * (period - 1); }

/**
 * One pass with the two EMAs of emaInto chained per bar (see temaInto): the same doubles as
 * two emaInto passes over full-length temporaries, without allocating and streaming them.
 */
export function demaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 2 * lb >= n) return;
  const k = 2 / (period + 1);
  let i = from;
  let e1 = 0;
  for (; i <= from + lb; i++) e1 += src[i]!;
  e1 /= period; // e1 at bar from + lb
  let s2 = 0;
  s2 += e1;
  for (; i <= from + 2 * lb; i++) {
    e1 = (src[i]! - e1) * k + e1;
    s2 += e1;
  }
  let e2 = s2 / period; // e2 at bar from + 2 * lb
  out[i - 1] = 2 * e1 - e2;
  for (; i < n; i++) {
    e1 = (src[i]! - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    out[i] = 2 * e1 - e2;
  }
}

export function dema(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, demaLookback(period), (o) => demaInto(real, 0, period, o), out);
}

export const DEMA = maDef('DEMA', 'Double EMA (2*EMA - EMA(EMA)): a trend line with less lag than the EMA.', 'Price units; turns earlier than the EMA of the same period but overshoots more in ranges; read slope and price crossings like an EMA.', demaLookback, dema);
