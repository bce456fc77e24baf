/** BBANDS: an MA and bands nbDev standard deviations around it (warm-up of the MA). */
import { outArray, scratch, type Arena } from '../arena.js';
import { MaType, type IndicatorDef } from '../types.js';
import { maTypeParam, p, periodParam, real, realParam, REAL_BOUND } from '../defkit.js';
import { varianceInto } from '../statistic/var.js';
import { maLookback, movingAverage } from './ma.js';
import { OVERLAP } from './shared.js';

/**
 * Bollinger bands. With an SMA middle band TA-Lib derives the deviation from that same
 * SMA (running sum of squares minus the squared mean); for other MA types it uses the
 * population standard deviation around the SMA (TA_STDDEV), whatever the middle band.
 */
export function bbands(
  real: Float64Array, period: number, nbDevUp: number, nbDevDn: number, maType: number,
  into?: readonly Float64Array[], arena: Arena = scratch,
): [Float64Array, Float64Array, Float64Array] {
  const n = real.length;
  const start = maLookback(period, maType);
  const upper = outArray(n, start, into?.[0]);
  const lower = outArray(n, start, into?.[2]);
  const middle = movingAverage(real, period, maType, into?.[1]);
  if (start >= n) return [upper, middle, lower];
  if (maType === MaType.SMA) {
    // Bands in the same pass as the running sum of squares: no deviation array, one pass.
    let total2 = 0;
    for (let i = start - period + 1; i < start; i++) total2 += real[i]! * real[i]!;
    for (let i = start, t = start - period + 1; i < n; i++, t++) {
      const v = real[i]!;
      total2 += v * v;
      let mean2 = total2 / period;
      const old = real[t]!;
      total2 -= old * old;
      const m = middle[i]!;
      mean2 -= m * m;
      const sd = mean2 < 1e-14 ? 0 : Math.sqrt(mean2);
      upper[i] = m + sd * nbDevUp;
      lower[i] = m - sd * nbDevDn;
    }
    return [upper, middle, lower];
  }
  const mark = arena.mark();
  const sd = arena.take(n);
  varianceInto(real, period, sd);
  for (let i = start; i < n; i++) {
    const m = middle[i]!;
    const v = sd[i]!;
    const s = v < 1e-14 ? 0 : Math.sqrt(v);
    upper[i] = m + s * nbDevUp;
    lower[i] = m - s * nbDevDn;
  }
  arena.release(mark);
  return [upper, middle, lower];
}

export const BBANDS: IndicatorDef = {
  name: 'BBANDS', group: OVERLAP,
  description: 'Bollinger bands: middle = MA, upper/lower = middle ± nbDev × standard deviation over timePeriod; price near a band is stretched.',
  interpretation: 'Price units; closes near the upper band are stretched up, near the lower band stretched down; narrow bands (a squeeze) often precede large moves.',
  inputs: ['real'],
  params: [
    periodParam(5),
    realParam('nbDevUp', 2, -REAL_BOUND, REAL_BOUND, 'Deviation multiplier for the upper band'),
    realParam('nbDevDn', 2, -REAL_BOUND, REAL_BOUND, 'Deviation multiplier for the lower band'),
    maTypeParam(),
  ],
  outputs: real('outRealUpperBand', 'outRealMiddleBand', 'outRealLowerBand'),
  lookback: (params) => maLookback(p(params, 'timePeriod'), p(params, 'maType')),
  compute: ([x], params) => bbands(x!, p(params, 'timePeriod'), p(params, 'nbDevUp'), p(params, 'nbDevDn'), p(params, 'maType')),
  computeInto: ([x], params, outs, arena) => { bbands(x!, p(params, 'timePeriod'), p(params, 'nbDevUp'), p(params, 'nbDevDn'), p(params, 'maType'), outs, arena); },
};
