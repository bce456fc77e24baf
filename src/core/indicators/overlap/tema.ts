/** TEMA = 3*EMA - 3*EMA(EMA) + EMA(EMA(EMA)), each EMA seeded after the previous one's warm-up (warm-up 3*(period-1)). */
import { withWarmup } from '../defkit.js';
import { maDef } from './shared.js';

export function temaLookback(period: number): number { return 3 * (period - 1); }

/**
 * One pass with the three EMAs of emaInto chained per bar (as TRIX does): each seeded, as
 * there, with the SMA of the previous one's first `period` values summed from 0 in bar order,
 * then prev = (x - prev) * k + prev. The same doubles as three emaInto passes over full-length
 * temporaries, without allocating and streaming three series of the input's length, and each
 * bar's three recurrences overlap (their latency chains are independent).
 */
export function temaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 3 * lb >= n) return;
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
  let s3 = 0;
  s3 += e2;
  for (; i <= from + 3 * lb; i++) {
    e1 = (src[i]! - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    s3 += e2;
  }
  let e3 = s3 / period; // e3 at bar from + 3 * lb
  out[i - 1] = e3 + (3 * e1 - 3 * e2);
  for (; i < n; i++) {
    e1 = (src[i]! - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    e3 = (e2 - e3) * k + e3;
    out[i] = e3 + (3 * e1 - 3 * e2);
  }
}

export function tema(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, temaLookback(period), (o) => temaInto(real, 0, period, o), out);
}

export const TEMA = maDef('TEMA', 'Triple EMA (3*EMA - 3*EMA(EMA) + EMA(EMA(EMA))): a trend line with even less lag.', 'Price units; hugs price closest of the EMA family and overshoots on reversals; read slope and price crossings like an EMA.', temaLookback, tema);
