/**
 * STOCH: slow stochastic, slow %K = MA of raw %K and slow %D = MA of slow %K, 0..100
 * (warm-up fastK - 1 + both MA warm-ups). The raw %K kernel is shared with STOCHF and STOCHRSI.
 */
import { outArray, scratch, type Arena } from '../arena.js';
import type { IndicatorDef } from '../types.js';
import { maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { blank, int, MOMENTUM } from './shared.js';

/**
 * Raw %K into out[from+period-1..]: (close - lowest low) / ((highest high - lowest low) / 100),
 * 0 on a flat window. Extremes use TA-Lib's tracking (rescan only when the extreme leaves).
 */
export function fastKInto(high: Float64Array, low: Float64Array, close: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = close.length;
  let trailing = from;
  let loIdx = -1;
  let hiIdx = -1;
  let lo = 0;
  let hi = 0;
  let diff = 0;
  for (let today = from + period - 1; today < n; today++, trailing++) {
    let v = low[today]!;
    if (loIdx < trailing) {
      loIdx = trailing;
      lo = low[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        v = low[i]!;
        if (v < lo) { loIdx = i; lo = v; }
      }
      diff = (hi - lo) / 100;
    } else if (v <= lo) {
      loIdx = today;
      lo = v;
      diff = (hi - lo) / 100;
    }
    v = high[today]!;
    if (hiIdx < trailing) {
      hiIdx = trailing;
      hi = high[trailing]!;
      for (let i = trailing + 1; i <= today; i++) {
        v = high[i]!;
        if (v > hi) { hiIdx = i; hi = v; }
      }
      diff = (hi - lo) / 100;
    } else if (v >= hi) {
      hiIdx = today;
      hi = v;
      diff = (hi - lo) / 100;
    }
    out[today] = diff !== 0 ? (close[today]! - lo) / diff : 0;
  }
}

/** Slow stochastic: slow %K = MA of raw %K, slow %D = MA of slow %K (0..100). */
export function stoch(
  high: Float64Array, low: Float64Array, close: Float64Array,
  fastKPeriod: number, slowKPeriod: number, slowKMaType: number, slowDPeriod: number, slowDMaType: number,
  into?: readonly Float64Array[], arena: Arena = scratch,
): [Float64Array, Float64Array] {
  const n = close.length;
  const kStart = fastKPeriod - 1;
  const slowKStart = kStart + maLookback(slowKPeriod, slowKMaType);
  const start = slowKStart + maLookback(slowDPeriod, slowDMaType);
  const slowK = outArray(n, start, into?.[0]);
  const slowD = outArray(n, start, into?.[1]);
  if (start >= n) return [slowK, slowD];
  const mark = arena.mark();
  const rawK = arena.take(n);
  fastKInto(high, low, close, 0, fastKPeriod, rawK);
  maInto(rawK, kStart, slowKPeriod, slowKMaType, slowK);
  maInto(slowK, slowKStart, slowDPeriod, slowDMaType, slowD);
  blank(slowK, start);
  blank(slowD, start);
  arena.release(mark);
  return [slowK, slowD];
}

export const STOCH: IndicatorDef = {
  name: 'STOCH', group: MOMENTUM, description: 'Slow stochastic (0..100): where the close sits in the recent high-low range, smoothed; >80 overbought, <20 oversold.',
  interpretation: '0..100: above 80 overbought, below 20 oversold; %K crossing above %D is a buy signal, below a sell signal.',
  inputs: ['high', 'low', 'close'],
  params: [
    int('fastK_Period', 5, 1, 'Bars in the high-low range'),
    int('slowK_Period', 3, 1, 'Smoothing of %K'),
    maTypeParam('slowK_MAType', 0, 'MA type smoothing %K'),
    int('slowD_Period', 3, 1, 'Smoothing of %D'),
    maTypeParam('slowD_MAType', 0, 'MA type smoothing %D'),
  ],
  outputs: real('outSlowK', 'outSlowD'),
  lookback: (ps) => p(ps, 'fastK_Period') - 1 + maLookback(p(ps, 'slowK_Period'), p(ps, 'slowK_MAType')) + maLookback(p(ps, 'slowD_Period'), p(ps, 'slowD_MAType')),
  compute: ([h, l, c], ps) => stoch(h!, l!, c!, p(ps, 'fastK_Period'), p(ps, 'slowK_Period'), p(ps, 'slowK_MAType'), p(ps, 'slowD_Period'), p(ps, 'slowD_MAType')),
  computeInto: ([h, l, c], ps, outs, arena) => {
    stoch(h!, l!, c!, p(ps, 'fastK_Period'), p(ps, 'slowK_Period'), p(ps, 'slowK_MAType'), p(ps, 'slowD_Period'), p(ps, 'slowD_MAType'), outs, arena);
  },
};
