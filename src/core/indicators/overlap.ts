/**
 * Overlap Studies (TA-Lib group): moving averages, bands and stop-and-reverse, plotted on
 * the price scale. Kernels live in ma.ts (MAs), statistic.ts (variance) and math.ts
 * (rolling extremes); this file holds the TA-Lib definitions and the composites.
 * NaN inputs are not special-cased: they propagate through the arithmetic as in TA-Lib.
 */
import { IndicatorError, MaType, nanArray, type IndicatorDef, type ParamSpec } from './types.js';
import { intParam, maTypeParam, p, real, realParam, REAL_BOUND } from './defkit.js';
import {
  dema, demaLookback, ema, emaLookback, kama, kamaLookback, maInto, maLookback, movingAverage, sma,
  smaInto, smaLookback, t3, t3Lookback, tema, temaLookback, trima, trimaLookback, wma, wmaLookback,
} from './ma.js';
import { highestInto, lowestInto } from './math.js';
import { varianceInto } from './statistic.js';

const GROUP = 'Overlap Studies';

// -- Bollinger bands -------------------------------------------------------------------------

/**
 * Bollinger bands. With an SMA middle band TA-Lib derives the deviation from that same
 * SMA (running sum of squares minus the squared mean); for other MA types it uses the
 * population standard deviation around the SMA (TA_STDDEV), whatever the middle band.
 */
export function bbands(real: Float64Array, period: number, nbDevUp: number, nbDevDn: number, maType: number): [Float64Array, Float64Array, Float64Array] {
  const n = real.length;
  const upper = nanArray(n);
  const lower = nanArray(n);
  const middle = movingAverage(real, period, maType);
  const start = maLookback(period, maType);
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
  const sd = new Float64Array(n);
  varianceInto(real, period, sd);
  for (let i = start; i < n; i++) {
    const m = middle[i]!;
    const v = sd[i]!;
    const s = v < 1e-14 ? 0 : Math.sqrt(v);
    upper[i] = m + s * nbDevUp;
    lower[i] = m - s * nbDevDn;
  }
  return [upper, middle, lower];
}

// -- midpoint / midprice -----------------------------------------------------------------

export function midpoint(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  highestInto(real, period, hi, null);
  lowestInto(real, period, lo, null);
  for (let i = period - 1; i < n; i++) out[i] = (hi[i]! + lo[i]!) / 2;
  return out;
}

export function midprice(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  highestInto(high, period, hi, null);
  lowestInto(low, period, lo, null);
  for (let i = period - 1; i < n; i++) out[i] = (hi[i]! + lo[i]!) / 2;
  return out;
}

// -- parabolic SAR ---------------------------------------------------------------------------

export interface SarExtOptions {
  startValue: number;
  offsetOnReverse: number;
  accelerationInitLong: number;
  accelerationLong: number;
  accelerationMaxLong: number;
  accelerationInitShort: number;
  accelerationShort: number;
  accelerationMaxShort: number;
}

/**
 * Wilder's parabolic SAR as TA-Lib bootstraps it: bar 0 is consumed, the initial
 * direction comes from the first -DM (short only if -DM(1) > 0), and the first SAR is bar
 * 0's extreme. SAREXT reports short positions as negative values; SAR is its absolute value.
 */
export function sarext(high: Float64Array, low: Float64Array, o: SarExtOptions): Float64Array {
  const n = high.length;
  const out = nanArray(n);
  if (n < 2) return out;
  let initLong = o.accelerationInitLong;
  let accLong = o.accelerationLong;
  const maxLong = o.accelerationMaxLong;
  let initShort = o.accelerationInitShort;
  let accShort = o.accelerationShort;
  const maxShort = o.accelerationMaxShort;
  // TA-Lib silently caps incoherent accelerations at their maximum.
  if (initLong > maxLong) initLong = maxLong;
  if (accLong > maxLong) accLong = maxLong;
  if (initShort > maxShort) initShort = maxShort;
  if (accShort > maxShort) accShort = maxShort;
  let afLong = initLong;
  let afShort = initShort;
  const offset = o.offsetOnReverse;
  const startValue = o.startValue;

  let isLong: boolean;
  if (startValue === 0) {
    const diffP = high[1]! - high[0]!;
    const diffM = low[0]! - low[1]!;
    isLong = !(diffM > 0 && diffP < diffM);
  } else {
    isLong = startValue > 0;
  }
  let ep: number;
  let sar: number;
  if (startValue === 0) {
    if (isLong) { ep = high[1]!; sar = low[0]!; } else { ep = low[1]!; sar = high[0]!; }
  } else if (startValue > 0) {
    ep = high[1]!; sar = startValue;
  } else {
    ep = low[1]!; sar = Math.abs(startValue);
  }
  let newLow = low[1]!;
  let newHigh = high[1]!;
  for (let today = 1; today < n; today++) {
    const prevLow = newLow;
    const prevHigh = newHigh;
    newLow = low[today]!;
    newHigh = high[today]!;
    if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        if (offset !== 0) sar += sar * offset;
        out[today] = 0 - sar;
        afShort = initShort;
        ep = newLow;
        sar = sar + afShort * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[today] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          afLong += accLong;
          if (afLong > maxLong) afLong = maxLong;
        }
        sar = sar + afLong * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      if (offset !== 0) sar -= sar * offset;
      out[today] = sar;
      afLong = initLong;
      ep = newHigh;
      sar = sar + afLong * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[today] = 0 - sar;
      if (newLow < ep) {
        ep = newLow;
        afShort += accShort;
        if (afShort > maxShort) afShort = maxShort;
      }
      sar = sar + afShort * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
  }
  return out;
}

export function sar(high: Float64Array, low: Float64Array, acceleration: number, maximum: number): Float64Array {
  const out = sarext(high, low, {
    startValue: 0, offsetOnReverse: 0,
    accelerationInitLong: acceleration, accelerationLong: acceleration, accelerationMaxLong: maximum,
    accelerationInitShort: acceleration, accelerationShort: acceleration, accelerationMaxShort: maximum,
  });
  for (let i = 1; i < out.length; i++) out[i] = Math.abs(out[i]!);
  return out;
}

// -- MAVP --------------------------------------------------------------------------------

/**
 * MA with a per-bar period (truncated, clamped to [minPeriod, maxPeriod]). Like TA-Lib,
 * each distinct period's MA is computed once over the range that starts at the
 * maxPeriod lookback, so EMA-family seeds depend on that start, not on bar 0.
 */
export function mavp(real: Float64Array, periods: Float64Array, minPeriod: number, maxPeriod: number, maType: number): Float64Array {
  if (minPeriod > maxPeriod) throw new IndicatorError(`MAVP: minPeriod ${minPeriod} exceeds maxPeriod ${maxPeriod}`, 'minPeriod');
  const n = real.length;
  const out = nanArray(n);
  const start = maLookback(maxPeriod, maType);
  if (start >= n) return out;
  const per = new Int32Array(n);
  for (let i = start; i < n; i++) {
    const q = Math.trunc(periods[i]!);
    per[i] = !(q >= minPeriod) ? minPeriod : q > maxPeriod ? maxPeriod : q;
  }
  const tmp = new Float64Array(n);
  for (let i = start; i < n; i++) {
    const cur = per[i]!;
    if (cur === 0) continue;
    maInto(real, start - maLookback(cur, maType), cur, maType, tmp);
    out[i] = tmp[i]!;
    for (let j = i + 1; j < n; j++) {
      if (per[j] === cur) { per[j] = 0; out[j] = tmp[j]!; }
    }
  }
  return out;
}

// -- acceleration bands --------------------------------------------------------------------

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

// -- definitions ---------------------------------------------------------------------------

const tp = (def: number, min = 2): ParamSpec => intParam('timePeriod', def, min, 100000, 'Number of bars in the window');
const period = (params: Readonly<Record<string, number>>) => p(params, 'timePeriod');

function maDef(name: string, description: string, lookback: (n: number) => number, fn: (x: Float64Array, n: number) => Float64Array): IndicatorDef {
  return {
    name, group: GROUP, description, inputs: ['real'], params: [tp(30)], outputs: real(),
    lookback: (params) => lookback(period(params)),
    compute: ([x], params) => [fn(x!, period(params))],
  };
}

const accel = (name: string, def: number, description: string, min = 0): ParamSpec => realParam(name, def, min, REAL_BOUND, description);

export const definitions: IndicatorDef[] = [
  maDef('SMA', 'Simple moving average: the mean of the last timePeriod values.', smaLookback, sma),
  maDef('EMA', 'Exponential moving average (k = 2/(timePeriod+1)), seeded with the SMA of the first timePeriod values.', emaLookback, ema),
  maDef('WMA', 'Linearly weighted moving average: the newest value weighs timePeriod, the oldest 1.', wmaLookback, wma),
  maDef('DEMA', 'Double EMA (2*EMA - EMA(EMA)): a trend line with less lag than the EMA.', demaLookback, dema),
  maDef('TEMA', 'Triple EMA (3*EMA - 3*EMA(EMA) + EMA(EMA(EMA))): a trend line with even less lag.', temaLookback, tema),
  maDef('TRIMA', 'Triangular moving average: weights rise to the middle of the window, smoother than the SMA.', trimaLookback, trima),
  maDef('KAMA', 'Kaufman adaptive MA: follows price closely in trends, flattens in noise (efficiency ratio over timePeriod).', kamaLookback, kama),
  {
    name: 'T3', group: GROUP, description: 'Tillson T3: six chained EMAs blended by vFactor; a smooth, low-lag trend line.',
    inputs: ['real'],
    params: [tp(5), realParam('vFactor', 0.7, 0, 1, 'Volume factor: 0 = triple EMA-like, 1 = more smoothing')],
    outputs: real(),
    lookback: (params) => t3Lookback(period(params)),
    compute: ([x], params) => [t3(x!, period(params), p(params, 'vFactor'))],
  },
  {
    name: 'MA', group: GROUP, description: 'Moving average of the chosen maType over timePeriod bars (period 1 returns the input).',
    inputs: ['real'], params: [tp(30, 1), maTypeParam()], outputs: real(),
    lookback: (params) => maLookback(period(params), p(params, 'maType')),
    compute: ([x], params) => [movingAverage(x!, period(params), p(params, 'maType'))],
  },
  {
    name: 'BBANDS', group: GROUP,
    description: 'Bollinger bands: middle = MA, upper/lower = middle ± nbDev × standard deviation over timePeriod; price near a band is stretched.',
    inputs: ['real'],
    params: [
      tp(5),
      realParam('nbDevUp', 2, -REAL_BOUND, REAL_BOUND, 'Deviation multiplier for the upper band'),
      realParam('nbDevDn', 2, -REAL_BOUND, REAL_BOUND, 'Deviation multiplier for the lower band'),
      maTypeParam(),
    ],
    outputs: real('outRealUpperBand', 'outRealMiddleBand', 'outRealLowerBand'),
    lookback: (params) => maLookback(period(params), p(params, 'maType')),
    compute: ([x], params) => bbands(x!, period(params), p(params, 'nbDevUp'), p(params, 'nbDevDn'), p(params, 'maType')),
  },
  {
    name: 'MIDPOINT', group: GROUP, description: '(highest + lowest) / 2 of the value over timePeriod bars.',
    inputs: ['real'], params: [tp(14)], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([x], params) => [midpoint(x!, period(params))],
  },
  {
    name: 'MIDPRICE', group: GROUP, description: '(highest high + lowest low) / 2 over timePeriod bars.',
    inputs: ['high', 'low'], params: [tp(14)], outputs: real(),
    lookback: (params) => period(params) - 1,
    compute: ([h, l], params) => [midprice(h!, l!, period(params))],
  },
  {
    name: 'SAR', group: GROUP, description: 'Parabolic stop-and-reverse: below price while long, above while short; a cross flips the trend.',
    inputs: ['high', 'low'],
    params: [accel('acceleration', 0.02, 'Acceleration factor step (and initial value)'), accel('maximum', 0.2, 'Acceleration factor cap')],
    outputs: real(),
    lookback: () => 1,
    compute: ([h, l], params) => [sar(h!, l!, p(params, 'acceleration'), p(params, 'maximum'))],
  },
  {
    name: 'SAREXT', group: GROUP, description: 'Parabolic SAR with separate long/short accelerations; negative values mean a short position (|value| is the stop).',
    inputs: ['high', 'low'],
    params: [
      realParam('startValue', 0, -REAL_BOUND, REAL_BOUND, 'Initial SAR: 0 = automatic, >0 start long at it, <0 start short at |value|'),
      accel('offsetOnReverse', 0, 'Fraction added to the SAR on each reversal'),
      accel('accelerationInitLong', 0.02, 'Initial acceleration factor, long'),
      accel('accelerationLong', 0.02, 'Acceleration factor step, long'),
      accel('accelerationMaxLong', 0.2, 'Acceleration factor cap, long'),
      accel('accelerationInitShort', 0.02, 'Initial acceleration factor, short'),
      accel('accelerationShort', 0.02, 'Acceleration factor step, short'),
      accel('accelerationMaxShort', 0.2, 'Acceleration factor cap, short'),
    ],
    outputs: real(),
    lookback: () => 1,
    compute: ([h, l], params) => [sarext(h!, l!, {
      startValue: p(params, 'startValue'), offsetOnReverse: p(params, 'offsetOnReverse'),
      accelerationInitLong: p(params, 'accelerationInitLong'), accelerationLong: p(params, 'accelerationLong'),
      accelerationMaxLong: p(params, 'accelerationMaxLong'), accelerationInitShort: p(params, 'accelerationInitShort'),
      accelerationShort: p(params, 'accelerationShort'), accelerationMaxShort: p(params, 'accelerationMaxShort'),
    })],
  },
  {
    name: 'MAVP', group: GROUP, description: 'Moving average whose period is read per bar from `periods` (clamped to [minPeriod, maxPeriod]).',
    inputs: ['real', 'periods'],
    params: [
      intParam('minPeriod', 2, 2, 100000, 'Smallest period allowed'),
      intParam('maxPeriod', 30, 2, 100000, 'Largest period allowed'),
      maTypeParam(),
    ],
    outputs: real(),
    lookback: (params) => maLookback(p(params, 'maxPeriod'), p(params, 'maType')),
    compute: ([x, per], params) => [mavp(x!, per!, p(params, 'minPeriod'), p(params, 'maxPeriod'), p(params, 'maType'))],
  },
  {
    name: 'ACCBANDS', group: GROUP, description: 'Acceleration bands: SMA envelope widened by the bar range; closes outside a band signal a breakout.',
    inputs: ['high', 'low', 'close'], params: [tp(20)],
    outputs: real('outRealUpperBand', 'outRealMiddleBand', 'outRealLowerBand'),
    lookback: (params) => period(params) - 1,
    compute: ([h, l, c], params) => accbands(h!, l!, c!, period(params)),
  },
];
