/** WMA: linear weights, the newest value weighs `period`, the oldest 1 (warm-up period - 1). */
import { withWarmup } from '../defkit.js';
import { maDef } from './shared.js';

export function wmaLookback(period: number): number { return period - 1; }

export function wmaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  const start = from + period - 1;
  if (from < 0 || start >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const divider = (period * (period + 1)) / 2;
  let periodSum = 0;
  let periodSub = 0;
  for (let i = from, w = 1; i < start; i++, w++) {
    const v = src[i]!;
    periodSub += v;
    periodSum += v * w;
  }
  // periodSub is the plain window sum; subtracting it after each output shifts every
  // weight down by one, so the update is O(1) instead of O(period).
  let trailing = 0;
  for (let i = start, t = from; i < n; i++, t++) {
    const v = src[i]!;
    periodSub += v;
    periodSub -= trailing;
    periodSum += v * period;
    trailing = src[t]!;
    out[i] = periodSum / divider;
    periodSum -= periodSub;
  }
}

export function wma(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, wmaLookback(period), (o) => wmaInto(real, 0, period, o), out);
}

export const WMA = maDef('WMA', 'Linearly weighted moving average: the newest value weighs timePeriod, the oldest 1.', 'Price units; weighs recent bars more than an SMA, so it turns earlier; read like any moving average (slope = trend direction).', wmaLookback, wma);
