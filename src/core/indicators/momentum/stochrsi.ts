/** STOCHRSI: the fast stochastic of the RSI, 0..100 (warm-up RSI period + fastK - 1 + the %D MA warm-up). */
import type { IndicatorDef } from '../types.js';
import { scratch, type Arena } from '../arena.js';
import { maTypeParam, p, real } from '../defkit.js';
import { maLookback } from '../overlap/ma.js';
import { rsi } from './rsi.js';
import { int, MOMENTUM } from './shared.js';
import { stochfFrom } from './stochf.js';

/** Stochastic of the RSI: where the RSI sits in its own fastK_Period range (0..100). */
export function stochrsi(
  real: Float64Array, period: number, fastKPeriod: number, fastDPeriod: number, fastDMaType: number,
  intoK?: Float64Array, intoD?: Float64Array, arena: Arena = scratch,
): [Float64Array, Float64Array] {
  const m = arena.mark();
  const r = rsi(real, period, arena.take(real.length));
  const kd = stochfFrom(r, r, r, period, fastKPeriod, fastDPeriod, fastDMaType, intoK ?? new Float64Array(real.length), intoD);
  arena.release(m);
  return kd;
}

export const STOCHRSI: IndicatorDef = {
  name: 'STOCHRSI', group: MOMENTUM, description: 'Stochastic RSI (0..100): where the RSI sits in its recent range; >80 overbought, <20 oversold.',
  interpretation: '0..100: above 80 the RSI is at the top of its recent range (overbought), below 20 at the bottom (oversold); very fast, many signals.',
  inputs: ['real'],
  params: [
    int('timePeriod', 14, 2, 'RSI period'),
    int('fastK_Period', 5, 1, 'Bars in the RSI range'),
    int('fastD_Period', 3, 1, 'Smoothing of %D'),
    maTypeParam('fastD_MAType', 0, 'MA type smoothing %D'),
  ],
  outputs: real('outFastK', 'outFastD'),
  lookback: (ps) => p(ps, 'timePeriod') + p(ps, 'fastK_Period') - 1 + maLookback(p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
  compute: ([x], ps) => stochrsi(x!, p(ps, 'timePeriod'), p(ps, 'fastK_Period'), p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
  computeInto: ([x], ps, [k, d], arena) => {
    stochrsi(x!, p(ps, 'timePeriod'), p(ps, 'fastK_Period'), p(ps, 'fastD_Period'), p(ps, 'fastD_MAType'), k, d, arena);
  },
};
