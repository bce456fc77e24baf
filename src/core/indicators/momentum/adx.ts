/**
 * ADX and ADXR: Wilder's average directional index (warm-up 2*period - 1) and its rating,
 * the mean of today's ADX and the ADX period-1 bars ago (warm-up 3*period - 2). ADX is the
 * fused DI/DX pass of directional-index.ts; a DX with a (near) zero TR or DI sum keeps the
 * previous ADX, as in TA-Lib.
 */
import type { IndicatorDef } from '../types.js';
import { nanPrefix, outArray } from '../arena.js';
import { ip, periodParam } from '../defkit.js';
import { adxInto, adxLookback } from './directional-index.js';
import { HLC, single } from './shared.js';

export function adxrLookback(period: number): number { return period + adxLookback(period) - 1; }

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  return adxInto(high, low, close, period, out);
}

/**
 * ADXR[i] = (ADX[i] + ADX[i - (period-1)]) / 2, as TA-Lib. ADX is written into the output
 * itself and turned into ADXR from the last bar down: bar i reads itself and an earlier bar,
 * neither rewritten yet, so no ADX series is allocated and copied per call.
 */
export function adxr(high: Float64Array, low: Float64Array, close: Float64Array, timePeriod = 14, into?: Float64Array): Float64Array {
  const period = timePeriod | 0; // see INT_PARAMS in math/operators.ts
  const n = high.length;
  const lb = adxrLookback(period);
  if (n <= lb) return outArray(n, lb, into);
  const out = adxInto(high, low, close, period, into);
  adxrFromAdx(out, n, lb, period - 1);
  nanPrefix(out, lb);
  return out;
}

function adxrFromAdx(out: Float64Array, n: number, lb: number, lag: number): void {
  for (let i = n - 1; i >= lb; i--) out[i] = (out[i]! + out[i - lag]!) / 2.0;
}

export const ADX: IndicatorDef = {
  ...single('ADX', 'Average Directional Index, 0-100: trend strength regardless of direction (above ~25 trending, below ~20 ranging).', '0..100: trend strength, not direction; above ~25 trending, below ~20 ranging; a rising ADX means a strengthening trend.',
    HLC, periodParam(14), adxLookback, (i, p, out) => adxInto(i[0]!, i[1]!, i[2]!, p, out)),
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    return (inputs, outputs) => { adxInto(inputs[0]!, inputs[1]!, inputs[2]!, period, outputs[0]); };
  },
};
export const ADXR = single('ADXR', 'ADX Rating, 0-100: average of today\'s ADX and the ADX period-1 bars ago; a smoother trend-strength gauge.', '0..100: a smoothed ADX; above ~25 trending, below ~20 ranging; compare with ADX for an accelerating (ADX > ADXR) or fading trend.',
  HLC, periodParam(14), adxrLookback, (i, p, out) => adxr(i[0]!, i[1]!, i[2]!, p, out));
