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
  // weight down by one, so the update is O(1) instead of O(period). Eight bars per turn, in bar
  // order: V8 reloads a typed array's length and data pointer per access in a loop and checks
  // both indices, and eight bars share those (the same operations per bar, so the same doubles).
  let trailing = 0;
  let i = start | 0;
  let t = from | 0;
  for (; i + 7 < n; i += 8, t += 8) {
    const v0 = src[i]!, v1 = src[i + 1]!, v2 = src[i + 2]!, v3 = src[i + 3]!;
    const v4 = src[i + 4]!, v5 = src[i + 5]!, v6 = src[i + 6]!, v7 = src[i + 7]!;
    const t0 = src[t]!, t1 = src[t + 1]!, t2 = src[t + 2]!, t3 = src[t + 3]!;
    const t4 = src[t + 4]!, t5 = src[t + 5]!, t6 = src[t + 6]!, t7 = src[t + 7]!;
    periodSub += v0; periodSub -= trailing; periodSum += v0 * period; out[i] = periodSum / divider; periodSum -= periodSub;
    periodSub += v1; periodSub -= t0; periodSum += v1 * period; out[i + 1] = periodSum / divider; periodSum -= periodSub;
    periodSub += v2; periodSub -= t1; periodSum += v2 * period; out[i + 2] = periodSum / divider; periodSum -= periodSub;
    periodSub += v3; periodSub -= t2; periodSum += v3 * period; out[i + 3] = periodSum / divider; periodSum -= periodSub;
    periodSub += v4; periodSub -= t3; periodSum += v4 * period; out[i + 4] = periodSum / divider; periodSum -= periodSub;
    periodSub += v5; periodSub -= t4; periodSum += v5 * period; out[i + 5] = periodSum / divider; periodSum -= periodSub;
    periodSub += v6; periodSub -= t5; periodSum += v6 * period; out[i + 6] = periodSum / divider; periodSum -= periodSub;
    periodSub += v7; periodSub -= t6; periodSum += v7 * period; out[i + 7] = periodSum / divider; periodSum -= periodSub;
    trailing = t7;
  }
  for (; i < n; i++, t++) {
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
