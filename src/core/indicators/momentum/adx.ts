/**
 * ADX and ADXR: Wilder's average directional index (warm-up 2*period - 1) and its rating,
 * the mean of today's ADX and the ADX period-1 bars ago (warm-up 3*period - 2). ADX is the
 * fused DI/DX pass of directional-index.ts; a DX with a (near) zero TR or DI sum keeps the
 * previous ADX, as in TA-Lib.
 */
import { nanArray } from '../types.js';
import { periodParam } from '../defkit.js';
import { adxLookback, directionalIndex, KIND_ADX } from './directional-index.js';
import { HLC, single } from './shared.js';

export function adxrLookback(period: number): number { return period + adxLookback(period) - 1; }

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return directionalIndex(high, low, close, period, KIND_ADX, out);
}

/** ADXR[i] = (ADX[i] + ADX[i - (period-1)]) / 2, as TA-Lib. */
export function adxr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const lb = adxrLookback(period);
  if (n <= lb) return out;
  const a = adx(high, low, close, period);
  const lag = period - 1;
  for (let i = lb; i < n; i++) out[i] = (a[i]! + a[i - lag]!) / 2.0;
  return out;
}

export const ADX = single('ADX', 'Average Directional Index, 0-100: trend strength regardless of direction (above ~25 trending, below ~20 ranging).', '0..100: trend strength, not direction; above ~25 trending, below ~20 ranging; a rising ADX means a strengthening trend.',
  HLC, periodParam(14), adxLookback, (i, p, out) => adx(i[0]!, i[1]!, i[2]!, p, out));
export const ADXR = single('ADXR', 'ADX Rating, 0-100: average of today\'s ADX and the ADX period-1 bars ago; a smoother trend-strength gauge.', '0..100: a smoothed ADX; above ~25 trending, below ~20 ranging; compare with ADX for an accelerating (ADX > ADXR) or fading trend.',
  HLC, periodParam(14), adxrLookback, (i, p) => adxr(i[0]!, i[1]!, i[2]!, p));
