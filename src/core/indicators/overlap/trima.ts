/** TRIMA: triangular MA, weights rising to the middle of the window (warm-up period - 1). */
import { withWarmup } from '../defkit.js';
import { maDef } from './shared.js';

export function trimaLookback(period: number): number { return period - 1; }

/**
 * Triangular MA without the SMA-of-SMA: TA-Lib keeps the weighted numerator and two
 * half-window sums (rising and falling weights) and slides them with four adjustments.
 * The odd and even periods differ in the weight sum and in when the middle value moves
 * between the halves.
 */
export function trimaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  period |= 0;
  const n = src.length;
  if (from < 0 || from + period - 1 >= n) return;
  if (period === 1) {
    for (let i = from; i < n; i++) out[i] = src[i]!;
    return;
  }
  const half = period >> 1;
  const odd = period % 2 === 1;
  const factor = 1 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  let trailing = from;
  let middle = odd ? trailing + half : trailing + half - 1;
  let today = middle + half;
  let numerator = 0;
  let numSub = 0;
  for (let i = middle; i >= trailing; i--) {
    numSub += src[i]!;
    numerator += numSub;
  }
  let numAdd = 0;
  middle++;
  for (let i = middle; i <= today; i++) {
    numAdd += src[i]!;
    numerator += numAdd;
  }
  let v = src[trailing++]!;
  out[today] = numerator * factor;
  today++;
  if (odd) {
    while (today < n) {
      numerator -= numSub;
      numSub -= v;
      v = src[middle++]!;
      numSub += v;
      numerator += numAdd;
      numAdd -= v;
      v = src[today]!;
      numAdd += v;
      numerator += v;
      v = src[trailing++]!;
      out[today++] = numerator * factor;
    }
  } else {
    while (today < n) {
      numerator -= numSub;
      numSub -= v;
      v = src[middle++]!;
      numSub += v;
      numAdd -= v;
      numerator += numAdd;
      v = src[today]!;
      numAdd += v;
      numerator += v;
      v = src[trailing++]!;
      out[today++] = numerator * factor;
    }
  }
}

export function trima(real: Float64Array, period: number, out?: Float64Array): Float64Array {
  return withWarmup(real.length, trimaLookback(period), (o) => trimaInto(real, 0, period, o), out);
}

export const TRIMA = maDef('TRIMA', 'Triangular moving average: weights rise to the middle of the window, smoother than the SMA.', 'Price units; very smooth and late: useful for the underlying trend, not for timing.', trimaLookback, trima);
