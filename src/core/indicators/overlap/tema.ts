/** TEMA = 3*EMA - 3*EMA(EMA) + EMA(EMA(EMA)), each EMA seeded after the previous one's warm-up (warm-up 3*(period-1)). */
import { withWarmup } from '../defkit.js';
import { emaInto } from './ema.js';
import { maDef } from './shared.js';

export function temaLookback(period: number): number { return 3 * (period - 1); }

export function temaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 3 * lb >= n) return;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  const e3 = new Float64Array(n);
  emaInto(src, from, period, e1);
  emaInto(e1, from + lb, period, e2);
  emaInto(e2, from + 2 * lb, period, e3);
  for (let i = from + 3 * lb; i < n; i++) out[i] = e3[i]! + (3 * e1[i]! - 3 * e2[i]!);
}

export function tema(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, temaLookback(period), (o) => temaInto(real, 0, period, o), out);
}

export const TEMA = maDef('TEMA', 'Triple EMA (3*EMA - 3*EMA(EMA) + EMA(EMA(EMA))): a trend line with even less lag.', 'Price units; hugs price closest of the EMA family and overshoots on reversals; read slope and price crossings like an EMA.', temaLookback, tema);
