/** ACCBANDS: Headley's acceleration bands around an SMA of the close (warm-up period - 1). */
import type { IndicatorDef } from '../types.js';
import { scratch, type Arena } from '../arena.js';
import { p, periodParam, real } from '../defkit.js';
import { OVERLAP } from './shared.js';

/**
 * Headley's acceleration bands: SMAs of high*(1+4w) and low*(1-4w), w = (h-l)/(h+l), into
 * `into` when given (every cell written).
 *
 * One pass: the three running sums of smaInto side by side (each add-newest, divide,
 * drop-oldest in smaInto's order), the band inputs computed once per bar and kept in a ring of
 * the last `period` bars (arena scratch, upper and lower interleaved) for when they leave the
 * window, so the same doubles as TA-Lib's band series and three SMA passes over them, without
 * the two full-length temporaries and four passes.
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
  const lb = period - 1;
  const pre = Math.min(lb, n);
  upper.fill(NaN, 0, pre);
  middle.fill(NaN, 0, pre);
  lower.fill(NaN, 0, pre);
  if (lb >= n) return [upper, middle, lower];
  let size = 1;
  while (size < period) size <<= 1;
  const mask = size - 1;
  const m = arena.mark();
  const ring = arena.take(2 * size);
  let su = 0;
  let sm = 0;
  let sd = 0;
  // warm-up bars and then the written ones in two loops: no loop-carried sum is updated under a
  // per-bar branch (see volume/ad.ts)
  for (let i = 0; i < lb; i++) {
    const h = high[i]!, l = low[i]!;
    const w = h + l;
    const flat = w > -1e-14 && w < 1e-14;
    const r = (4 * (h - l)) / w;
    const up = flat ? h : h * (1 + r);
    const dn = flat ? l : l * (1 - r);
    const k = (i & mask) << 1;
    ring[k] = up;
    ring[k + 1] = dn;
    su += up;
    sm += close[i]!;
    sd += dn;
  }
  for (let i = lb, t = 0; i < n; i++, t++) {
    const h = high[i]!, l = low[i]!;
    const w = h + l;
    const flat = w > -1e-14 && w < 1e-14;
    const r = (4 * (h - l)) / w;
    const up = flat ? h : h * (1 + r);
    const dn = flat ? l : l * (1 - r);
    const k = (i & mask) << 1;
    ring[k] = up;
    ring[k + 1] = dn;
    su += up;
    sm += close[i]!;
    sd += dn;
    upper[i] = su / period;
    middle[i] = sm / period;
    lower[i] = sd / period;
    const kt = (t & mask) << 1;
    su -= ring[kt]!;
    sm -= close[t]!;
    sd -= ring[kt + 1]!;
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
