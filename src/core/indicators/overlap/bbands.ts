/** BBANDS: an MA and bands nbDev standard deviations around it (warm-up of the MA). */
import { nanPrefix, scratch, type Arena } from '../arena.js';
import { MaType, type IndicatorDef } from '../types.js';
import { ip, maTypeParam, p, periodParam, real, realParam, REAL_BOUND } from '../defkit.js';
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
  const upper = into?.[0] ?? new Float64Array(n);
  const middle = into?.[1] ?? new Float64Array(n);
  const lower = into?.[2] ?? new Float64Array(n);
  bbandsInto(real, period, nbDevUp, nbDevDn, maType, upper, middle, lower, arena);
  return [upper, middle, lower];
}

/** BBANDS into the caller's three outputs (every cell written), temporaries from `arena`. */
export function bbandsInto(
  real: Float64Array, period: number, nbDevUp: number, nbDevDn: number, maType: number,
  upper: Float64Array, middle: Float64Array, lower: Float64Array, arena: Arena,
): void {
  const n = real.length;
  const start = maLookback(period, maType);
  nanPrefix(upper, start);
  nanPrefix(lower, start);
  if (maType === MaType.SMA && period > 1) {
    nanPrefix(middle, start);
    if (start < n) smaBands(real, period, nbDevUp, nbDevDn, upper, middle, lower);
    return;
  }
  movingAverage(real, period, maType, middle);
  if (start >= n) return;
  if (maType === MaType.SMA) {
    // A period of 1 (direct callers only: the definition's minimum is 2): TA-Lib's SMA-case
    // arithmetic around the copied input.
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
    return;
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
}

/**
 * The SMA case in one pass: the SMA's running sum (smaInto's order) and the running sum of
 * squares advance together; the deviation comes from that same mean, as TA-Lib. Needs
 * period > 1 and n > period - 1.
 */
function smaBands(
  real: Float64Array, period: number, nbDevUp: number, nbDevDn: number,
  upper: Float64Array, middle: Float64Array, lower: Float64Array,
): void {
  const n = real.length;
  const start = period - 1;
  let sum = 0;
  for (let i = 0; i < start; i++) sum += real[i]!;
  let total2 = 0;
  for (let i = 0; i < start; i++) total2 += real[i]! * real[i]!;
  for (let i = start, t = 0; i < n; i++, t++) {
    const v = real[i]!;
    const old = real[t]!;
    sum += v;
    const m = sum / period;
    sum -= old;
    middle[i] = m;
    total2 += v * v;
    let mean2 = total2 / period;
    total2 -= old * old;
    mean2 -= m * m;
    const sd = mean2 < 1e-14 ? 0 : Math.sqrt(mean2);
    upper[i] = m + sd * nbDevUp;
    lower[i] = m - sd * nbDevDn;
  }
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
  computeInto: ([x], params, outs, arena) => { bbandsInto(x!, ip(params, 'timePeriod'), p(params, 'nbDevUp'), p(params, 'nbDevDn'), ip(params, 'maType'), outs[0]!, outs[1]!, outs[2]!, arena); },
  bind: (params) => {
    const period = ip(params, 'timePeriod');
    const nbDevUp = p(params, 'nbDevUp');
    const nbDevDn = p(params, 'nbDevDn');
    const maType = ip(params, 'maType');
    return (inputs, outputs, arena) => { bbandsInto(inputs[0]!, period, nbDevUp, nbDevDn, maType, outputs[0]!, outputs[1]!, outputs[2]!, arena); };
  },
};
