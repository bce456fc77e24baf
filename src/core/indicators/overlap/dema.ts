/** DEMA = 2*EMA - EMA(EMA); the inner EMA starts where the outer one's warm-up ends (warm-up 2*(period-1)). */
import { withWarmup } from '../defkit.js';
import { emaInto } from './ema.js';
import { maDef } from './shared.js';

export function demaLookback(period: number): number { return 2 * (period - 1); }

export function demaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const lb = period - 1;
  if (from < 0 || from + 2 * lb >= n) return;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  emaInto(src, from, period, e1);
  emaInto(e1, from + lb, period, e2);
  for (let i = from + 2 * lb; i < n; i++) out[i] = 2 * e1[i]! - e2[i]!;
}

export function dema(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, demaLookback(period), (o) => demaInto(real, 0, period, o), out);
}

export const DEMA = maDef('DEMA', 'Double EMA (2*EMA - EMA(EMA)): a trend line with less lag than the EMA.', 'Price units; turns earlier than the EMA of the same period but overshoots more in ranges; read slope and price crossings like an EMA.', demaLookback, dema);
