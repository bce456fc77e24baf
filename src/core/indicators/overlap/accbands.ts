/** ACCBANDS: Headley's acceleration bands around an SMA of the close (warm-up period - 1). */
import { nanArray, type IndicatorDef } from '../types.js';
import { p, periodParam, real } from '../defkit.js';
import { sma, smaInto } from './sma.js';
import { OVERLAP } from './shared.js';

/** Headley's acceleration bands: SMAs of high*(1+4w) and low*(1-4w), w = (h-l)/(h+l). */
export function accbands(high: Float64Array, low: Float64Array, close: Float64Array, period: number): [Float64Array, Float64Array, Float64Array] {
  const n = high.length;
  const up = new Float64Array(n);
  const dn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    let w = h + l;
    if (!(w > -1e-14 && w < 1e-14)) {
      w = (4 * (h - l)) / w;
      up[i] = h * (1 + w);
      dn[i] = l * (1 - w);
    } else {
      up[i] = h;
      dn[i] = l;
    }
  }
  const upper = nanArray(n);
  const lower = nanArray(n);
  smaInto(up, 0, period, upper);
  smaInto(dn, 0, period, lower);
  return [upper, sma(close, period), lower];
}

export const ACCBANDS: IndicatorDef = {
  name: 'ACCBANDS', group: OVERLAP, description: 'Acceleration bands: SMA envelope widened by the bar range; closes outside a band signal a breakout.',
  interpretation: 'Price units; a close above the upper band signals a strong up breakout, below the lower band a down breakout; the middle band is an SMA of the close.',
  inputs: ['high', 'low', 'close'], params: [periodParam(20)],
  outputs: real('outRealUpperBand', 'outRealMiddleBand', 'outRealLowerBand'),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([h, l, c], params) => accbands(h!, l!, c!, p(params, 'timePeriod')),
};
