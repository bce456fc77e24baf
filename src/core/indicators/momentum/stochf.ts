/** STOCHF: fast stochastic, raw %K and its MA %D, 0..100 (warm-up fastK - 1 + the %D MA warm-up). */
import { MaType, type IndicatorDef } from '../types.js';
import { maTypeParam, p, real } from '../defkit.js';
import { maInto, maLookback } from '../overlap/ma.js';
import { blank, int, MOMENTUM } from './shared.js';
import { fastKInto, fastKSmaInto } from './stoch.js';
import { stochfWasm } from '../wasm/stats.js';

/**
 * STOCHF over the series starting at `from` (STOCHRSI feeds the RSI from its first value), into
 * `intoK`/`intoD` when given (every cell written: NaN before the first output bar).
 */
export function stochfFrom(
  high: Float64Array, low: Float64Array, close: Float64Array, from: number, fastKPeriod: number, fastDPeriod: number, fastDMaType: number,
  intoK?: Float64Array, intoD?: Float64Array,
): [Float64Array, Float64Array] {
  from |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  fastKPeriod |= 0;
  fastDPeriod |= 0;
  const n = close.length;
  const k = intoK ?? new Float64Array(n);
  const d = intoD ?? new Float64Array(n);
  const kStart = from + fastKPeriod - 1;
  const start = kStart + maLookback(fastDPeriod, fastDMaType);
  if (start >= n) {
    k.fill(NaN);
    d.fill(NaN);
    return [k, d];
  }
  if (fastDMaType === MaType.SMA && fastDPeriod > 1) {
    // series-heap arrays, the default 5-bar range: wasm/stats.ts (false: the JavaScript kernel)
    if (from !== 0 || fastKPeriod !== 5 || !stochfWasm(high, low, close, fastDPeriod, k, d)) {
      fastKSmaInto(high, low, close, from, fastKPeriod, fastDPeriod, k, d);
    }
  } else {
    fastKInto(high, low, close, from, fastKPeriod, k);
    maInto(k, kStart, fastDPeriod, fastDMaType, d);
  }
  blank(k, start);
  blank(d, start);
  return [k, d];
}

/** Fast stochastic: %K and its MA %D (0..100). */
export function stochf(high: Float64Array, low: Float64Array, close: Float64Array, fastKPeriod: number, fastDPeriod: number, fastDMaType: number): [Float64Array, Float64Array] {
  return stochfFrom(high, low, close, 0, fastKPeriod, fastDPeriod, fastDMaType);
}

export const STOCHF: IndicatorDef = {
  name: 'STOCHF', group: MOMENTUM, description: 'Fast stochastic (0..100): raw %K and its MA %D; >80 overbought, <20 oversold.',
  interpretation: '0..100: above 80 overbought, below 20 oversold; faster and noisier than STOCH; %K crossing %D marks turns.',
  inputs: ['high', 'low', 'close'],
  params: [
    int('fastK_Period', 5, 1, 'Bars in the high-low range'),
    int('fastD_Period', 3, 1, 'Smoothing of %D'),
    maTypeParam('fastD_MAType', 0, 'MA type smoothing %D'),
  ],
  outputs: real('outFastK', 'outFastD'),
  lookback: (ps) => p(ps, 'fastK_Period') - 1 + maLookback(p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
  compute: ([h, l, c], ps) => stochf(h!, l!, c!, p(ps, 'fastK_Period'), p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
  computeInto: ([h, l, c], ps, [k, d]) => {
    stochfFrom(h!, l!, c!, 0, p(ps, 'fastK_Period'), p(ps, 'fastD_Period'), p(ps, 'fastD_MAType'), k, d);
  },
};
