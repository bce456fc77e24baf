/**
 * ICHIMOKU: tenkan = (HH9+LL9)/2, kijun = (HH26+LL26)/2, senkouA = (tenkan+kijun)/2,
 * senkouB = (HH52+LL52)/2, chikou = close (warm-up longest period - 1). NO look-ahead: senkou
 * A/B at bar i are the values computed from data up to i (charts plot them kijunPeriod bars
 * ahead) and chikou at bar i is close[i] (charts plot it kijunPeriod bars back): the offsets are
 * a display concern, so no output ever depends on a later bar.
 */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { EXTRAS, midChannel } from './shared.js';

/** [tenkan, kijun, senkouA, senkouB, chikou], all unshifted (see the file header). */
export function ichimoku(high: Float64Array, low: Float64Array, close: Float64Array, tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52): Float64Array[] {
  const n = high.length;
  const lb = Math.max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1;
  const tenkan = midChannel(high, low, tenkanPeriod);
  const kijun = midChannel(high, low, kijunPeriod);
  const senkouB = midChannel(high, low, senkouBPeriod);
  const senkouA = nanArray(n);
  const chikou = nanArray(n);
  for (let i = lb; i < n; i++) {
    senkouA[i] = (tenkan[i]! + kijun[i]!) / 2;
    chikou[i] = close[i]!;
  }
  const lim = Math.min(lb, n);
  tenkan.fill(NaN, 0, lim);
  kijun.fill(NaN, 0, lim);
  senkouB.fill(NaN, 0, lim);
  return [tenkan, kijun, senkouA, senkouB, chikou];
}

export const ICHIMOKU: IndicatorDef = {
  name: 'ICHIMOKU', group: EXTRAS,
  description: 'Ichimoku lines, unshifted (no look-ahead): price above the Senkou A/B cloud is bullish, Tenkan over Kijun is a buy cross.',
  interpretation: 'Price units: price above the Senkou A/B cloud = bullish, below = bearish, inside = neutral; Tenkan crossing above Kijun is a buy signal, below a sell signal.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam(9, 'tenkanPeriod', 1, 'Conversion line (Tenkan-sen) window'),
    periodParam(26, 'kijunPeriod', 1, 'Base line (Kijun-sen) window; also the usual display shift'),
    periodParam(52, 'senkouBPeriod', 1, 'Leading span B (Senkou Span B) window'),
  ],
  outputs: real('outTenkan', 'outKijun', 'outSenkouA', 'outSenkouB', 'outChikou'),
  lookback: (ps) => Math.max(p(ps, 'tenkanPeriod'), p(ps, 'kijunPeriod'), p(ps, 'senkouBPeriod')) - 1,
  compute: (i, ps) => ichimoku(i[0]!, i[1]!, i[2]!, p(ps, 'tenkanPeriod'), p(ps, 'kijunPeriod'), p(ps, 'senkouBPeriod')),
};
