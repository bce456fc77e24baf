/**
 * Momentum Indicators built on moving averages (TA-Lib group 'Momentum Indicators'):
 * APO, PPO, MACD, MACDEXT, MACDFIX, STOCH, STOCHF, STOCHRSI, TRIX.
 *
 * TA-Lib computes the component MAs of these composites from the composite's own start
 * index, so e.g. MACD's fast EMA is seeded (slow - fast) bars after the slow one; the
 * `*Into(src, from, ...)` kernels of ma.ts reproduce that. NaN inputs are not
 * special-cased: they propagate through the arithmetic as in TA-Lib.
 */
import { nanArray, type IndicatorDef, type ParamSpec } from './types.js';
import { intParam, maTypeParam, p, real } from './defkit.js';
import { emaKInto, emaInto, maInto, maLookback } from './ma.js';
import { rsi } from './momentum-osc.js';

const GROUP = 'Momentum Indicators';

function isZero(v: number): boolean {
  return v > -1e-14 && v < 1e-14;
}

/** Fills out[0..end) with NaN: composites publish every output from the same first bar. */
function blank(out: Float64Array, end: number): void {
  out.fill(NaN, 0, Math.min(end, out.length));
}

// -- APO / PPO ---------------------------------------------------------------------------

function priceOscillator(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number, percent: boolean): Float64Array {
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
  const n = real.length;
  const out = nanArray(n);
  const start = maLookback(slowPeriod, maType);
  if (start >= n) return out;
  const fast = new Float64Array(n);
  const slow = new Float64Array(n);
  maInto(real, start - maLookback(fastPeriod, maType), fastPeriod, maType, fast);
  maInto(real, 0, slowPeriod, maType, slow);
  for (let i = start; i < n; i++) {
    const s = slow[i]!;
    if (percent) out[i] = isZero(s) ? 0 : ((fast[i]! - s) / s) * 100;
    else out[i] = fast[i]! - s;
  }
  return out;
}

/** Absolute price oscillator: fast MA - slow MA (price units). */
export function apo(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number): Float64Array {
  return priceOscillator(real, fastPeriod, slowPeriod, maType, false);
}

/** Percentage price oscillator: (fast MA - slow MA) / slow MA * 100. */
export function ppo(real: Float64Array, fastPeriod: number, slowPeriod: number, maType: number): Float64Array {
  return priceOscillator(real, fastPeriod, slowPeriod, maType, true);
}

// -- MACD family ---------------------------------------------------------------------------

type Triple = [Float64Array, Float64Array, Float64Array];

/**
 * TA_INT_MACD. A period of 0 selects the classic fixed factors (0.15 for 12, 0.075 for 26)
 * that MACDFIX uses; they differ slightly from 2/(p+1).
 */
function macdCore(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number): Triple {
  if (slowPeriod < fastPeriod) [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
  let kSlow: number;
  let kFast: number;
  if (slowPeriod !== 0) kSlow = 2 / (slowPeriod + 1);
  else { slowPeriod = 26; kSlow = 0.075; }
  if (fastPeriod !== 0) kFast = 2 / (fastPeriod + 1);
  else { fastPeriod = 12; kFast = 0.15; }
  const n = real.length;
  const macd = nanArray(n);
  const signal = nanArray(n);
  const hist = nanArray(n);
  const lbSignal = signalPeriod - 1;
  const lbSlow = slowPeriod - 1;
  const start = lbSignal + lbSlow;
  if (start >= n) return [macd, signal, hist];
  const fast = new Float64Array(n);
  const slow = new Float64Array(n);
  emaKInto(real, 0, slowPeriod, kSlow, slow);
  emaKInto(real, lbSlow - (fastPeriod - 1), fastPeriod, kFast, fast);
  for (let i = lbSlow; i < n; i++) fast[i] = fast[i]! - slow[i]!;
  emaKInto(fast, lbSlow, signalPeriod, 2 / (signalPeriod + 1), signal);
  for (let i = start; i < n; i++) {
    const m = fast[i]!;
    macd[i] = m;
    hist[i] = m - signal[i]!;
  }
  return [macd, signal, hist];
}

export function macd(real: Float64Array, fastPeriod: number, slowPeriod: number, signalPeriod: number): Triple {
  return macdCore(real, fastPeriod, slowPeriod, signalPeriod);
}

export function macdfix(real: Float64Array, signalPeriod: number): Triple {
  return macdCore(real, 0, 0, signalPeriod);
}

export function macdext(
  real: Float64Array,
  fastPeriod: number, fastMaType: number,
  slowPeriod: number, slowMaType: number,
  signalPeriod: number, signalMaType: number,
): Triple {
  if (slowPeriod < fastPeriod) {
    [fastPeriod, slowPeriod] = [slowPeriod, fastPeriod];
    [fastMaType, slowMaType] = [slowMaType, fastMaType];
  }
  const n = real.length;
  const macdOut = nanArray(n);
  const signal = nanArray(n);
  const hist = nanArray(n);
  const lbLargest = Math.max(maLookback(fastPeriod, fastMaType), maLookback(slowPeriod, slowMaType));
  const start = lbLargest + maLookback(signalPeriod, signalMaType);
  if (start >= n) return [macdOut, signal, hist];
  const fast = new Float64Array(n);
  const slow = new Float64Array(n);
  maInto(real, lbLargest - maLookback(slowPeriod, slowMaType), slowPeriod, slowMaType, slow);
  maInto(real, lbLargest - maLookback(fastPeriod, fastMaType), fastPeriod, fastMaType, fast);
  for (let i = lbLargest; i < n; i++) fast[i] = fast[i]! - slow[i]!;
  maInto(fast, lbLargest, signalPeriod, signalMaType, signal);
  blank(signal, start);
  for (let i = start; i < n; i++) {
    const m = fast[i]!;
    macdOut[i] = m;
    hist[i] = m - signal[i]!;
  }
  return [macdOut, signal, hist];
}

// -- stochastics -------------------------------------------------------------------------

/**
 * Raw %K into out[from+period-1..]: (close - lowest low) / ((highest high - lowest low) / 100),
 * 0 on a flat window. Extremes use TA-Lib's tracking (rescan only when the extreme leaves).
 */
function fastKInto(high: Float64Array, low: Float64Array, close: Float64Array, from: number, period: number, out: Float64Array): void {
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

function stochfFrom(high: Float64Array, low: Float64Array, close: Float64Array, from: number, fastKPeriod: number, fastDPeriod: number, fastDMaType: number): [Float64Array, Float64Array] {
  const n = close.length;
  const k = nanArray(n);
  const d = nanArray(n);
  const kStart = from + fastKPeriod - 1;
  const start = kStart + maLookback(fastDPeriod, fastDMaType);
  if (start >= n) return [k, d];
  fastKInto(high, low, close, from, fastKPeriod, k);
  maInto(k, kStart, fastDPeriod, fastDMaType, d);
  blank(k, start);
  blank(d, start);
  return [k, d];
}

/** Fast stochastic: %K and its MA %D (0..100). */
export function stochf(high: Float64Array, low: Float64Array, close: Float64Array, fastKPeriod: number, fastDPeriod: number, fastDMaType: number): [Float64Array, Float64Array] {
  return stochfFrom(high, low, close, 0, fastKPeriod, fastDPeriod, fastDMaType);
}

/** Slow stochastic: slow %K = MA of raw %K, slow %D = MA of slow %K (0..100). */
export function stoch(
  high: Float64Array, low: Float64Array, close: Float64Array,
  fastKPeriod: number, slowKPeriod: number, slowKMaType: number, slowDPeriod: number, slowDMaType: number,
): [Float64Array, Float64Array] {
  const n = close.length;
  const kStart = fastKPeriod - 1;
  const slowKStart = kStart + maLookback(slowKPeriod, slowKMaType);
  const start = slowKStart + maLookback(slowDPeriod, slowDMaType);
  const slowK = nanArray(n);
  const slowD = nanArray(n);
  if (start >= n) return [slowK, slowD];
  const rawK = new Float64Array(n);
  fastKInto(high, low, close, 0, fastKPeriod, rawK);
  maInto(rawK, kStart, slowKPeriod, slowKMaType, slowK);
  maInto(slowK, slowKStart, slowDPeriod, slowDMaType, slowD);
  blank(slowK, start);
  blank(slowD, start);
  return [slowK, slowD];
}

/** Stochastic of the RSI: where the RSI sits in its own fastK_Period range (0..100). */
export function stochrsi(real: Float64Array, period: number, fastKPeriod: number, fastDPeriod: number, fastDMaType: number): [Float64Array, Float64Array] {
  const r = rsi(real, period);
  return stochfFrom(r, r, r, period, fastKPeriod, fastDPeriod, fastDMaType);
}

// -- TRIX --------------------------------------------------------------------------------

/** 1-bar rate of change (percent) of a triple-smoothed EMA. */
export function trix(real: Float64Array, period: number): Float64Array {
  const n = real.length;
  const out = nanArray(n);
  const lb = period - 1;
  const start = 3 * lb + 1;
  if (start >= n) return out;
  const e1 = new Float64Array(n);
  const e2 = new Float64Array(n);
  const e3 = new Float64Array(n);
  emaInto(real, 0, period, e1);
  emaInto(e1, lb, period, e2);
  emaInto(e2, 2 * lb, period, e3);
  for (let i = start; i < n; i++) {
    const prev = e3[i - 1]!;
    out[i] = prev !== 0 ? (e3[i]! / prev - 1) * 100 : 0;
  }
  return out;
}

// -- definitions ---------------------------------------------------------------------------

const int = (name: string, def: number, min: number, description: string): ParamSpec => intParam(name, def, min, 100000, description);
const fastP = int('fastPeriod', 12, 2, 'Fast MA period');
const slowP = int('slowPeriod', 26, 2, 'Slow MA period');
const signalP = int('signalPeriod', 9, 1, 'Signal line period');
const macdOuts = real('outMACD', 'outMACDSignal', 'outMACDHist');

export const definitions: IndicatorDef[] = [
  {
    name: 'APO', group: GROUP, description: 'Absolute price oscillator: fast MA - slow MA in price units; above 0 = short-term trend up.',
    inputs: ['real'], params: [fastP, slowP, maTypeParam()], outputs: real(),
    lookback: (ps) => maLookback(Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')), p(ps, 'maType')),
    compute: ([x], ps) => [apo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'))],
  },
  {
    name: 'PPO', group: GROUP, description: 'Percentage price oscillator: (fast MA - slow MA) / slow MA in percent; above 0 = short-term trend up.',
    inputs: ['real'], params: [fastP, slowP, maTypeParam()], outputs: real(),
    lookback: (ps) => maLookback(Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')), p(ps, 'maType')),
    compute: ([x], ps) => [ppo(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'maType'))],
  },
  {
    name: 'MACD', group: GROUP, description: 'MACD: EMA(fast) - EMA(slow), its EMA signal line, and the histogram (MACD - signal); histogram sign = momentum direction.',
    inputs: ['real'], params: [fastP, slowP, signalP], outputs: macdOuts,
    lookback: (ps) => Math.max(p(ps, 'fastPeriod'), p(ps, 'slowPeriod')) - 1 + p(ps, 'signalPeriod') - 1,
    compute: ([x], ps) => macd(x!, p(ps, 'fastPeriod'), p(ps, 'slowPeriod'), p(ps, 'signalPeriod')),
  },
  {
    name: 'MACDEXT', group: GROUP, description: 'MACD with a selectable MA type for the fast, slow and signal lines; read like MACD.',
    inputs: ['real'],
    params: [
      fastP, maTypeParam('fastMAType', 0, 'MA type of the fast line'),
      slowP, maTypeParam('slowMAType', 0, 'MA type of the slow line'),
      signalP, maTypeParam('signalMAType', 0, 'MA type of the signal line'),
    ],
    outputs: macdOuts,
    lookback: (ps) => Math.max(maLookback(p(ps, 'fastPeriod'), p(ps, 'fastMAType')), maLookback(p(ps, 'slowPeriod'), p(ps, 'slowMAType')))
      + maLookback(p(ps, 'signalPeriod'), p(ps, 'signalMAType')),
    compute: ([x], ps) => macdext(x!, p(ps, 'fastPeriod'), p(ps, 'fastMAType'), p(ps, 'slowPeriod'), p(ps, 'slowMAType'), p(ps, 'signalPeriod'), p(ps, 'signalMAType')),
  },
  {
    name: 'MACDFIX', group: GROUP, description: 'MACD 12/26 with the classic fixed smoothing factors (0.15, 0.075) and a signalPeriod EMA; read like MACD.',
    inputs: ['real'], params: [signalP], outputs: macdOuts,
    lookback: (ps) => 25 + p(ps, 'signalPeriod') - 1,
    compute: ([x], ps) => macdfix(x!, p(ps, 'signalPeriod')),
  },
  {
    name: 'STOCH', group: GROUP, description: 'Slow stochastic (0..100): where the close sits in the recent high-low range, smoothed; >80 overbought, <20 oversold.',
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
  },
  {
    name: 'STOCHF', group: GROUP, description: 'Fast stochastic (0..100): raw %K and its MA %D; >80 overbought, <20 oversold.',
    inputs: ['high', 'low', 'close'],
    params: [
      int('fastK_Period', 5, 1, 'Bars in the high-low range'),
      int('fastD_Period', 3, 1, 'Smoothing of %D'),
      maTypeParam('fastD_MAType', 0, 'MA type smoothing %D'),
    ],
    outputs: real('outFastK', 'outFastD'),
    lookback: (ps) => p(ps, 'fastK_Period') - 1 + maLookback(p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
    compute: ([h, l, c], ps) => stochf(h!, l!, c!, p(ps, 'fastK_Period'), p(ps, 'fastD_Period'), p(ps, 'fastD_MAType')),
  },
  {
    name: 'STOCHRSI', group: GROUP, description: 'Stochastic RSI (0..100): where the RSI sits in its recent range; >80 overbought, <20 oversold.',
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
  },
  {
    name: 'TRIX', group: GROUP, description: 'TRIX: 1-bar percent change of a triple EMA; above 0 = smoothed trend rising.',
    inputs: ['real'], params: [int('timePeriod', 30, 1, 'EMA period')], outputs: real(),
    lookback: (ps) => 3 * (p(ps, 'timePeriod') - 1) + 1,
    compute: ([x], ps) => [trix(x!, p(ps, 'timePeriod'))],
  },
];
