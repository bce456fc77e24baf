/** ACCBANDS: Headley's acceleration bands around an SMA of the close (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { scratch, type Arena } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { smaInto } from './sma.js';
import { OVERLAP } from './shared.js';

/**
 * Headley's acceleration bands: SMAs of high*(1+4w) and low*(1-4w), w = (h-l)/(h+l), into
 * `into` when given (every cell written; the two band inputs are arena temporaries).
 */
export function accbands(
  high: Float64Array, low: Float64Array, close: Float64Array, period: number,
  into?: readonly Float64Array[], arena: Arena = scratch,
): [Float64Array, Float64Array, Float64Array] {
  period |= 0; // int32 index arithmetic: see INT_PARAMS in math/operators.ts
  const n = high.length;
  const upper = into?.[0] ?? new Float64Array(n);
  const middle = into?.[1] ?? new Float64Array(n);
  const lower = into?.[2] ?? new Float64Array(n);
  const m = arena.mark();
  const up = arena.take(n);
  const dn = arena.take(n);
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
  const lb = Math.min(period - 1, n);
  upper.fill(NaN, 0, lb);
  middle.fill(NaN, 0, lb);
  lower.fill(NaN, 0, lb);
  if (period - 1 < n) {
    smaInto(up, 0, period, upper);
    smaInto(close, 0, period, middle);
    smaInto(dn, 0, period, lower);
  } else {
    upper.fill(NaN);
    middle.fill(NaN);
    lower.fill(NaN);
  }
  arena.release(m);
  return [upper, middle, lower];
}

export const ACCBANDS: IndicatorDef = {
  name: 'ACCBANDS', group: OVERLAP, description: 'Acceleration bands: SMA envelope widened by the bar range; closes outside a band signal a breakout.',
  interpretation: 'Price units; a close above the upper band signals a strong up breakout, below the lower band a down breakout; the middle band is an SMA of the close.',
  inputs: ['high', 'low', 'close'], params: [periodParam(20)],
  outputs: real('outRealUpperBand', 'outRealMiddleBand', 'outRealLowerBand'),
  lookback: (params) => p(params, 'timePeriod') - 1,
  compute: ([h, l, c], params) => accbands(h!, l!, c!, p(params, 'timePeriod')),
  computeInto: ([h, l, c], params, outs, arena) => { accbands(h!, l!, c!, p(params, 'timePeriod'), outs, arena); },
};
