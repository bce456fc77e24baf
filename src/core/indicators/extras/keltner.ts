/** KELTNER: EMA(timePeriod) of typical price +/- multiplier x ATR(atrPeriod) (warm-up max(period - 1, atrPeriod)). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real, realParam } from '../defkit.js';
import { ema } from '../overlap/ema.js';
import { atrOf, EXTRAS } from './shared.js';

export function keltnerLookback(period: number, atrPeriod: number): number {
  return Math.max(period - 1, atrPeriod);
}

/** [upper, middle, lower] */
export function keltner(high: Float64Array, low: Float64Array, close: Float64Array, period = 20, atrPeriod = 10, multiplier = 2): Float64Array[] {
  const n = high.length;
  const tp = new Float64Array(n);
  for (let i = 0; i < n; i++) tp[i] = (high[i]! + low[i]! + close[i]!) / 3;
  const mid = ema(tp, period);
  const atr = atrOf(high, low, close, atrPeriod);
  const lb = keltnerLookback(period, atrPeriod);
  const upper = nanArray(n);
  const lower = nanArray(n);
  for (let i = lb; i < n; i++) {
    const m = mid[i]!;
    const w = multiplier * atr[i]!;
    upper[i] = m + w;
    lower[i] = m - w;
  }
  mid.fill(NaN, 0, Math.min(lb, n));
  return [upper, mid, lower];
}

export const KELTNER: IndicatorDef = {
  name: 'KELTNER', group: EXTRAS,
  description: 'Keltner Channels: EMA of typical price +/- multiplier x ATR; closes outside the bands signal strong moves.',
  interpretation: 'Price units: a close above the upper band = strong upward move (breakout), below the lower band = strong downward move; inside = normal range.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam(20, 'timePeriod', 1, 'EMA window of the middle line'),
    periodParam(10, 'atrPeriod', 1, 'ATR window of the band width'),
    realParam('multiplier', 2, 0, 100, 'ATR multiple between the middle line and each band'),
  ],
  outputs: real('outUpper', 'outMiddle', 'outLower'),
  lookback: (ps) => keltnerLookback(p(ps, 'timePeriod'), p(ps, 'atrPeriod')),
  compute: (i, ps) => keltner(i[0]!, i[1]!, i[2]!, p(ps, 'timePeriod'), p(ps, 'atrPeriod'), p(ps, 'multiplier')),
};
